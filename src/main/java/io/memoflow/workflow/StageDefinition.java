package io.memoflow.workflow;

import java.time.Duration;
import java.util.List;

/**
 * One stage of a workflow as configured.
 *
 * @param name       short name, e.g. "review"
 * @param assignees  assignee specs, each an e-mail address, {@code role:NAME}, {@code reviewers}
 *                   (the draft's reviewers) or {@code parties} (the signatories of the draft's
 *                   parties)
 * @param policy     all, any or quorum k
 * @param sequential true: assignees are asked one after another in order; false: all at once
 * @param deadline   how long the stage may take before it is escalated; null: no deadline
 * @param remindEvery how often undecided assignees are reminded; null: never
 * @param escalateTo assignee specs added when the deadline passes; empty: none
 */
public record StageDefinition(String name, List<String> assignees, Policy policy, boolean sequential,
                              Duration deadline, Duration remindEvery, List<String> escalateTo) {
    public StageDefinition {
        assignees = List.copyOf(assignees);
        escalateTo = escalateTo == null ? List.of() : List.copyOf(escalateTo);
    }

    public StageDefinition(String name, List<String> assignees, Policy policy, boolean sequential) {
        this(name, assignees, policy, sequential, null, null, List.of());
    }
}
