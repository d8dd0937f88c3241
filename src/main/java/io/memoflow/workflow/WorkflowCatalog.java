package io.memoflow.workflow;

import io.memoflow.RejectedInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The workflows named in the configuration. Each workflow NAME is configured by keys under
 * {@code memoflow.workflows.NAME.}:
 * <pre>
 * memoflow.workflows.NAME.stages=review,signature         (empty: no human stage)
 * memoflow.workflows.NAME.STAGE.assignees=reviewers         (addresses, role:ROLE, reviewers, parties)
 * memoflow.workflows.NAME.STAGE.policy=all                  (all, any, or a number k)
 * memoflow.workflows.NAME.STAGE.order=parallel              (parallel or sequential)
 * memoflow.workflows.NAME.STAGE.deadline=P2D                (optional, ISO-8601)
 * memoflow.workflows.NAME.STAGE.remind-every=P1D            (optional)
 * memoflow.workflows.NAME.STAGE.escalate-to=role:deputies   (optional)
 * memoflow.workflows.NAME.expire-after=P30D                 (optional)
 * memoflow.workflows.NAME.selectable=true                   (may a draft name it? default: true when it has a stage)
 * </pre>
 */
public final class WorkflowCatalog {

    private final Map<String, WorkflowDefinition> workflows;

    public WorkflowCatalog(Map<String, WorkflowDefinition> workflows) {
        this.workflows = Map.copyOf(workflows);
    }

    /**
     * Reads workflows from keys given without the {@code memoflow.workflows.} prefix.
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    public static WorkflowCatalog parse(Map<String, String> keys) {
        TreeSet<String> names = new TreeSet<>();
        for (String k : keys.keySet()) {
            if (k.endsWith(".stages")) {
                names.add(k.substring(0, k.length() - ".stages".length()));
            }
        }
        Map<String, WorkflowDefinition> out = new LinkedHashMap<>();
        for (String name : names) {
            String prefix = "memoflow.workflows." + name + ".";
            List<StageDefinition> stages = new ArrayList<>();
            for (String stage : split(keys.get(name + ".stages"))) {
                String sp = name + "." + stage + ".";
                List<String> assignees = split(keys.get(sp + "assignees"));
                if (assignees.isEmpty()) {
                    throw new IllegalArgumentException("The stage '" + stage + "' of the workflow '" + name + "' has no assignees: set "
                            + prefix + stage + ".assignees (addresses, role:NAME, reviewers or parties)");
                }
                Policy policy;
                try {
                    policy = Policy.parse(keys.getOrDefault(sp + "policy", "all"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(prefix + stage + ".policy: " + e.getMessage(), e);
                }
                String order = keys.getOrDefault(sp + "order", "parallel").trim().toLowerCase(Locale.ROOT);
                if (!order.equals("parallel") && !order.equals("sequential")) {
                    throw new IllegalArgumentException(prefix + stage + ".order must be parallel or sequential, not '" + order + "'");
                }
                stages.add(new StageDefinition(stage, assignees, policy, order.equals("sequential"),
                        duration(keys, sp + "deadline", prefix + stage + ".deadline"),
                        duration(keys, sp + "remind-every", prefix + stage + ".remind-every"),
                        split(keys.get(sp + "escalate-to"))));
            }
            String selectable = keys.getOrDefault(name + ".selectable", "").strip().toLowerCase(Locale.ROOT);
            if (!selectable.isEmpty() && !selectable.equals("true") && !selectable.equals("false")) {
                throw new IllegalArgumentException(prefix + "selectable must be true or false, not '" + selectable + "'");
            }
            out.put(name, new WorkflowDefinition(name, stages, duration(keys, name + ".expire-after", prefix + "expire-after"),
                    selectable.isEmpty() ? !stages.isEmpty() : selectable.equals("true")));
        }
        return new WorkflowCatalog(out);
    }

    private static Duration duration(Map<String, String> keys, String key, String fullKey) {
        String v = keys.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(fullKey + " must be an ISO-8601 duration such as P2D or PT12H, not '" + v + "'", e);
        }
    }

    private static List<String> split(String v) {
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public Optional<WorkflowDefinition> find(String name) {
        return Optional.ofNullable(workflows.get(name));
    }

    /** The workflow, or a rejection naming the workflows there are. */
    public WorkflowDefinition require(String name) {
        WorkflowDefinition wf = workflows.get(name);
        if (wf == null) {
            throw new RejectedInputException("The draft asks for the workflow '" + name + "', which is not configured.",
                    "Use one of: " + String.join(", ", new TreeSet<>(workflows.keySet())) + " (or leave 'workflow:' out to use the default).");
        }
        return wf;
    }

    /**
     * The workflow a draft asks for by name, when the draft may name it: a configured workflow that
     * is selectable, or the configured default (which a draft naming none gets anyway).
     *
     * @param defaultName memoflow.workflow.default
     * @throws RejectedInputException naming the workflows a draft may name and the key that makes one selectable
     */
    public WorkflowDefinition requireSelectable(String name, String defaultName) {
        WorkflowDefinition wf = require(name);
        if (!wf.selectable() && !name.equals(defaultName)) {
            throw new RejectedInputException("The draft asks for the workflow '" + name + "', which drafts may not name"
                    + (wf.stages().isEmpty() ? " (it has no review or approval stage: the memorandum would be sealed at once)" : "")
                    + ".", "Name one of: " + String.join(", ", selectable(defaultName))
                    + " (or leave 'workflow:' out to use the default, " + defaultName + "). To let drafts name '" + name
                    + "', the administrator sets memoflow.workflows." + name + ".selectable=true in the configuration.");
        }
        return wf;
    }

    /** The names a draft may give in 'workflow:': the selectable workflows and the default, sorted. */
    public List<String> selectable(String defaultName) {
        TreeSet<String> out = new TreeSet<>();
        workflows.values().stream().filter(WorkflowDefinition::selectable).map(WorkflowDefinition::name).forEach(out::add);
        if (workflows.containsKey(defaultName)) {
            out.add(defaultName);
        }
        return List.copyOf(out);
    }

    public Map<String, WorkflowDefinition> all() {
        return workflows;
    }
}
