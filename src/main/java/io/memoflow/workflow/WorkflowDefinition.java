package io.memoflow.workflow;

import java.time.Duration;
import java.util.List;

/**
 * A named workflow: an ordered list of stages, possibly empty (the memorandum is sealed and
 * signed at once), an optional final deadline after which an unfinished memorandum expires, and
 * whether a draft may name it ({@code selectable}; the configured default workflow applies to
 * drafts that name none whatever this says).
 */
public record WorkflowDefinition(String name, List<StageDefinition> stages, Duration expireAfter, boolean selectable) {
    public WorkflowDefinition {
        stages = List.copyOf(stages);
    }

    /** A workflow that drafts may name when it has a stage, and may not when it has none (it would seal at once). */
    public WorkflowDefinition(String name, List<StageDefinition> stages, Duration expireAfter) {
        this(name, stages, expireAfter, !stages.isEmpty());
    }

    public WorkflowDefinition(String name, List<StageDefinition> stages) {
        this(name, stages, null);
    }

    /** True when any stage is assigned to the parties' signatories. */
    public boolean needsParties() {
        return stages.stream().anyMatch(s -> s.assignees().contains("parties"));
    }
}
