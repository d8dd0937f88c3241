package io.memoflow.workflow;

import io.memoflow.RejectedInputException;
import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.draft.Party;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.DecisionRecord;
import io.memoflow.memo.Memo.StageRun;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The workflow state machine. It changes a {@link Memo} in place (the caller holds the
 * memorandum's lock and persists the result atomically) and records what must happen next as
 * {@link WorkItem}s: mails to send, and signing once every stage approved. It does no I/O.
 *
 * <p>Rules: a stage's assignees are resolved when the run starts (e-mail addresses,
 * {@code role:NAME}, {@code reviewers}, {@code parties}); the author is never an assignee and
 * cannot decide. A parallel stage asks everyone at once, a sequential one asks the next assignee
 * after each approval. A stage completes when its policy's number of approvals is reached;
 * {@code changes} sends the memorandum back to its author, {@code reject} ends it.
 */
public final class WorkflowEngine {

    public static final String SYSTEM = "memoflow";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final Roles roles;

    public WorkflowEngine(Clock clock, Roles roles) {
        this.clock = clock;
        this.roles = roles;
    }

    /**
     * Resolves the assignees of every stage for this memorandum, or says why it cannot run: its
     * people break the rules of {@link Authority#checkPeople}, or a stage has nobody to ask.
     *
     * @throws RejectedInputException naming the stage that has nobody to decide and what to add, or the people in question
     */
    public List<StageRun> plan(Memo memo, WorkflowDefinition workflow) {
        Authority.checkPeople(memo.author, memo.parties);
        List<StageRun> runs = new ArrayList<>();
        for (StageDefinition def : workflow.stages()) {
            StageRun run = new StageRun();
            run.name = def.name();
            run.policy = def.policy().toString();
            run.sequential = def.sequential();
            run.assignees = resolve(memo, workflow, def, def.assignees());
            run.escalateTo = new ArrayList<>(def.escalateTo());
            run.remindEvery = def.remindEvery() == null ? null : def.remindEvery().toString();
            run.needed = def.policy().needed(run.assignees.size());
            if (run.assignees.isEmpty()) {
                throw new RejectedInputException("The workflow '" + workflow.name() + "' has a stage '" + def.name()
                        + "' (assigned to " + String.join(", ", def.assignees()) + ") but nobody can be asked for it"
                        + (memo.author != null && !memo.author.isBlank() ? " (the author, " + memo.author + ", cannot decide)" : "") + ".",
                        adviceFor(def.assignees()));
            }
            runs.add(run);
        }
        return runs;
    }

    private List<String> resolve(Memo memo, WorkflowDefinition workflow, StageDefinition def, List<String> specs) {
        Set<String> out = new LinkedHashSet<>();
        for (String spec : specs) {
            String s = spec.trim();
            if (s.equals("reviewers")) {
                out.addAll(memo.reviewers);
            } else if (s.equals("parties")) {
                for (Party p : memo.parties) {
                    if (p.email().isBlank()) {
                        throw new RejectedInputException("The workflow '" + (workflow == null ? memo.workflow : workflow.name())
                                + "' asks each party's signatory in its stage '" + (def == null ? "?" : def.name())
                                + "', but the party '" + p.name() + "' has no e-mail address.",
                                "Add 'email:' to that party in the front matter.");
                    }
                    out.add(p.email());
                }
            } else if (s.startsWith("role:")) {
                out.addAll(roles.of(s.substring(5)));
            } else if (!s.isEmpty()) {
                out.add(s.toLowerCase(Locale.ROOT));
            }
        }
        if (memo.author != null) {
            out.remove(memo.author);
        }
        return new ArrayList<>(out);
    }

    private static String adviceFor(List<String> specs) {
        if (specs.contains("reviewers")) {
            return "Add 'reviewers: [name@example.org]' to the draft's front matter, or set memoflow.reviewers.default.";
        }
        if (specs.contains("parties")) {
            return "Add 'parties:' with each party's signatory and e-mail to the draft's front matter, or set memoflow.parties.default.";
        }
        return "Check the workflow's assignees and the roles (memoflow.roles.NAME) in the configuration.";
    }

    /** Starts the run of the memorandum's current version with the stages from {@link #plan}. */
    public void start(Memo memo, WorkflowDefinition workflow, List<StageRun> stages) {
        Instant now = clock.instant();
        memo.run = new ArrayList<>(stages);
        memo.stage = 0;
        memo.state = MemoState.IN_REVIEW;
        memo.workflow = workflow.name();
        memo.expiresAt = workflow.expireAfter() == null ? null : now.plus(workflow.expireAfter());
        memo.updated = now;
        enterStage(memo, workflow);
    }

    private void enterStage(Memo memo, WorkflowDefinition workflow) {
        Instant now = clock.instant();
        if (memo.stage >= memo.run.size()) {
            memo.state = MemoState.APPROVED;
            audit(memo, "approved", SYSTEM, Map.of("stages", String.valueOf(memo.run.size())));
            WorkItem sign = work(memo, WorkKind.SIGN, null);
            sign.version = memo.version;
            return;
        }
        StageRun run = memo.run.get(memo.stage);
        run.startedAt = now;
        StageDefinition def = workflow == null ? null : workflow.stages().get(memo.stage);
        if (def != null && def.deadline() != null) {
            run.deadlineAt = now.plus(def.deadline());
        }
        audit(memo, "stage", SYSTEM, Map.of("stage", run.name, "assignees", String.join(", ", run.assignees),
                "policy", run.policy, "order", run.sequential ? "sequential" : "parallel"));
        if (run.sequential) {
            ask(memo, run, run.assignees.get(0), "request");
        } else {
            for (String a : run.assignees) {
                ask(memo, run, a, "request");
            }
        }
    }

    private void ask(Memo memo, StageRun run, String assignee, String template) {
        if (!run.asked.contains(assignee)) {
            run.asked.add(assignee);
        }
        WorkItem w = work(memo, WorkKind.MAIL, template);
        w.to.add(assignee);
        w.version = memo.version;
        w.stage = run.name;
        w.attach = "draft";
        audit(memo, template, SYSTEM, Map.of("to", assignee, "stage", run.name));
    }

    /**
     * Applies a decision.
     *
     * @throws RejectedInputException when the decision cannot count; the memo is then unchanged
     */
    public void decide(Memo memo, Decision d, WorkflowDefinition workflow) {
        String ref = memo.reference;
        if (memo.state != MemoState.IN_REVIEW) {
            throw new RejectedInputException(ref + " is " + memo.state.label() + "; it does not wait for decisions now.",
                    memo.state == MemoState.CHANGES_REQUESTED
                            ? "Wait for the author to submit a new version; the new version will be sent to you."
                            : "Nothing more can be decided on it.");
        }
        if (d.version() != 0 && d.version() != memo.version) {
            throw staleVersion(memo, d);
        }
        if (memo.author != null && memo.author.equals(d.by())) {
            throw new RejectedInputException(d.by() + " is the author of " + ref + ", and the author of a memorandum cannot decide on it.",
                    "Ask one of the assignees of the current stage to decide.");
        }
        StageRun run = memo.currentStage();
        if (d.stage() != null && !d.stage().equals(run.name)) {
            throw new RejectedInputException("This decision is for the stage '" + d.stage() + "' of " + ref
                    + ", but that stage is over; the current stage is '" + run.name + "'.", "No action is needed.");
        }
        if (!run.assignees.contains(d.by())) {
            throw new RejectedInputException(d.by() + " is not an assignee of the current stage '" + run.name + "' of " + ref
                    + "; its assignees are " + String.join(", ", run.assignees) + ".",
                    "Only those people can decide now. Check the 'by:' address.");
        }
        if (!run.asked.contains(d.by())) {
            throw new RejectedInputException("It is not yet " + d.by() + "'s turn in the stage '" + run.name + "' of " + ref
                    + ": that stage asks its assignees one after another, and waits for " + waitingFor(memo, run) + ".",
                    "Decide once memoflow asks you.");
        }
        for (DecisionRecord prior : memo.decisions) {
            if (prior.version == memo.version && prior.stage == memo.stage && prior.by.equals(d.by())) {
                throw new RejectedInputException(d.by() + " already decided '" + prior.decision + "' on " + ref + " (version "
                        + memo.version + ", stage '" + run.name + "') at " + prior.at + ".", "A decision counts once; nothing was changed.");
            }
        }
        Instant now = clock.instant();
        DecisionRecord rec = new DecisionRecord();
        rec.at = now;
        rec.by = d.by();
        rec.decision = d.kind().word();
        rec.comment = d.comment();
        rec.version = memo.version;
        rec.stage = memo.stage;
        rec.stageName = run.name;
        rec.channel = d.channel();
        rec.intakeKey = d.intakeKey();
        memo.decisions.add(rec);
        memo.updated = now;
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("decision", rec.decision);
        detail.put("stage", run.name);
        detail.put("channel", d.channel());
        if (!d.comment().isEmpty()) {
            detail.put("comment", d.comment());
        }
        d.origin().forEach(detail::putIfAbsent);
        audit(memo, "decision", d.by(), detail);

        switch (d.kind()) {
            case CHANGES -> {
                memo.state = MemoState.CHANGES_REQUESTED;
                run.completedAt = now;
                notifyAuthor(memo, "changes", d.comment(), d.by());
            }
            case REJECT -> {
                memo.state = MemoState.REJECTED;
                run.completedAt = now;
                notifyAuthor(memo, "rejected", d.comment(), d.by());
            }
            case APPROVE -> {
                long approvals = approvals(memo, memo.stage).size();
                int needed = run.needed > 0 ? run.needed : Policy.parse(run.policy).needed(run.assignees.size());
                if (approvals >= needed) {
                    run.completedAt = now;
                    memo.stage++;
                    enterStage(memo, workflow);
                } else if (run.sequential) {
                    for (String a : run.assignees) {
                        if (!run.asked.contains(a)) {
                            ask(memo, run, a, "request");
                            break;
                        }
                    }
                }
            }
        }
    }

    private String waitingFor(Memo memo, StageRun run) {
        List<String> waiting = new ArrayList<>();
        Set<String> decided = new LinkedHashSet<>();
        for (DecisionRecord r : memo.decisions) {
            if (r.version == memo.version && r.stage == memo.stage) {
                decided.add(r.by);
            }
        }
        for (String a : run.asked) {
            if (!decided.contains(a)) {
                waiting.add(a);
            }
        }
        return waiting.isEmpty() ? "the next assignee" : String.join(", ", waiting);
    }

    /**
     * Applies what time has brought: the final deadline (the memorandum expires and its author is
     * told), the stage deadline (the stage is escalated: the escalation assignees are added and
     * asked, and their decisions count in place of the missing ones), and reminders to assignees
     * who have not decided. Does nothing when nothing is due.
     *
     * @return true when the memorandum changed
     */
    public boolean tick(Memo memo) {
        if (memo.state != MemoState.IN_REVIEW) {
            return false;
        }
        Instant now = clock.instant();
        boolean changed = false;
        if (memo.expiresAt != null && !now.isBefore(memo.expiresAt)) {
            memo.state = MemoState.EXPIRED;
            memo.updated = now;
            audit(memo, "expired", SYSTEM, Map.of("deadline", memo.expiresAt.toString()));
            if (memo.author != null && !memo.author.isBlank()) {
                WorkItem w = work(memo, WorkKind.MAIL, "expired");
                w.to.add(memo.author);
                w.version = memo.version;
            }
            return true;
        }
        StageRun run = memo.currentStage();
        if (run == null) {
            return false;
        }
        if (run.deadlineAt != null && !run.escalated && !run.escalateTo.isEmpty() && !now.isBefore(run.deadlineAt)) {
            run.escalated = true;
            List<String> deputies = resolve(memo, null, null, run.escalateTo);
            List<String> waiting = memo.undecided();
            audit(memo, "deadline", SYSTEM, Map.of("stage", run.name, "escalated-to", String.join(", ", deputies),
                    "waiting", String.join(", ", waiting), "deadline", run.deadlineAt.toString()));
            for (String d : deputies) {
                if (!run.assignees.contains(d)) {
                    run.assignees.add(d);
                }
                ask(memo, run, d, "escalation");
            }
            memo.updated = now;
            changed = true;
        }
        if (run.remindEvery != null) {
            Instant last = run.lastReminderAt != null ? run.lastReminderAt : run.startedAt;
            if (last != null && !now.isBefore(last.plus(Duration.parse(run.remindEvery)))) {
                List<String> waiting = memo.undecided();
                if (!waiting.isEmpty()) {
                    for (String a : waiting) {
                        WorkItem w = work(memo, WorkKind.MAIL, "reminder");
                        w.to.add(a);
                        w.version = memo.version;
                        w.stage = run.name;
                        w.attach = "draft";
                        audit(memo, "reminder", SYSTEM, Map.of("to", a, "stage", run.name));
                    }
                    run.lastReminderAt = now;
                    memo.updated = now;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** A decision made on another version than the current one: it never counts for the current one. */
    private static RejectedInputException staleVersion(Memo memo, Decision d) {
        String ref = memo.reference;
        int now = memo.version;
        String how = "mail".equals(d.channel())
                ? "Reply to the latest request for " + ref + ", which has version " + now + " attached."
                : "Read version " + now + " (the latest request mail for " + ref + " has it attached; memoflow status " + ref
                        + " shows its history), then decide again with 'version: " + now + "' in the decision file, or with"
                        + " memoflow decide " + ref + " ... --version " + now + ".";
        if (d.version() > now) {
            return new RejectedInputException("This decision is for version " + d.version() + ", but " + ref + " has no version "
                    + d.version() + ": it is at version " + now + ".", "Check the version number. " + how);
        }
        String since = memo.versionRecord(now).map(v -> v.at).map(SINCE::format).map(t -> " since " + t).orElse("");
        return new RejectedInputException("This decision is for version " + d.version() + ", but " + ref + " is at version " + now
                + since + ": read version " + now + " and decide again. A decision counts only for the version it was made on.",
                how);
    }

    /** The assignees who approved the given stage of the current version, in order. */
    public static List<String> approvals(Memo memo, int stage) {
        List<String> out = new ArrayList<>();
        for (DecisionRecord r : memo.decisions) {
            if (r.version == memo.version && r.stage == stage && "approve".equals(r.decision)) {
                out.add(r.by);
            }
        }
        return out;
    }

    /**
     * True when a stage of the current run asks one of the parties' signatories; false under a
     * workflow that only seals (such as auto), where no party signature is requested.
     */
    public static boolean asksParties(Memo memo) {
        for (StageRun run : memo.run) {
            for (Party p : memo.parties) {
                if (!p.email().isBlank() && run.assignees.contains(p.email())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * When each party's signatory approved the current version (any stage), or null; same order as
     * parties. A party's box is signed only by an approval of that party's own signatory, and one
     * approval signs one box at most: should two parties have the same signatory address (intake
     * refuses that, see {@link Authority}), the second waits for an approval of its own.
     */
    public static List<Instant> partyApprovals(Memo memo) {
        List<Instant> out = new ArrayList<>();
        Set<DecisionRecord> used = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Party p : memo.parties) {
            DecisionRecord latest = null;
            for (DecisionRecord r : memo.decisions) {
                if (r.version == memo.version && "approve".equals(r.decision) && !p.email().isBlank() && p.email().equals(r.by)
                        && !used.contains(r)) {
                    latest = r;
                }
            }
            if (latest != null) {
                used.add(latest);
            }
            out.add(latest == null ? null : latest.at);
        }
        return out;
    }


    private void notifyAuthor(Memo memo, String template, String comment, String by) {
        audit(memo, template, by, comment.isEmpty() ? Map.of() : Map.of("comment", comment));
        if (memo.author != null && !memo.author.isBlank()) {
            WorkItem w = work(memo, WorkKind.MAIL, template);
            w.to.add(memo.author);
            w.version = memo.version;
            w.stage = memo.currentStage() == null ? null : memo.currentStage().name;
            w.comment = comment;
        }
    }

    /** Adds a work item with the next sequence number and a stable id. */
    public WorkItem work(Memo memo, WorkKind kind, String template) {
        WorkItem w = new WorkItem();
        w.seq = ++memo.workSeq;
        w.kind = kind;
        w.template = template;
        w.created = clock.instant();
        w.id = String.format("%s-%03d-%s", memo.reference, w.seq, template == null ? kind : template);
        memo.work.add(w);
        return w;
    }

    /** Appends an event to the memorandum's hash-chained audit log. */
    public AuditEvent audit(Memo memo, String type, String actor, Map<String, String> detail) {
        AuditEvent e = new AuditEvent(clock.instant(), type, actor, memo.version, detail);
        memo.audit.add(AuditLog.of(memo.audit).append(e));
        return e;
    }

    /** Time as this engine sees it. */
    public Clock clock() {
        return clock;
    }
}
