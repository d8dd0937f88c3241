package io.memoflow.workflow;

import java.time.Duration;
import java.util.List;

/**
 * A named workflow: an ordered list of stages, possibly empty (the memorandum is sealed and
 * signed at once), and an optional final deadline after which an unfinished memorandum expires.
 */
public record WorkflowDefinition(String name, List<StageDefinition> stages, Duration expireAfter) {
    public WorkflowDefinition {
        stages = List.copyOf(stages);
    }

    public WorkflowDefinition(String name, List<StageDefinition> stages) {
        this(name, stages, null);
    }

    /** True when any stage is assigned to the parties' signatories. */
    public boolean needsParties() {
        return stages.stream().anyMatch(s -> s.assignees().contains("parties"));
    }
}
