package io.memoflow.service;

import io.memoflow.draft.Party;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import io.memoflow.store.MemoStore;
import io.memoflow.store.MemoSummary;
import io.memoflow.workflow.WorkflowEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work ledger: what memoflow still has to do for each memorandum (send a mail, seal and
 * sign), handed out in order, recorded as done or as failed with a back-off, and found again by
 * the sweep after a crash or a failure. Each change is one {@link MemoStore#update} of the
 * memorandum, so the ledger survives a crash with the memorandum itself.
 */
public final class WorkLedger {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final MemoStore store;
    private final WorkflowEngine engine;
    private final MemoService service;

    public WorkLedger(MemoStore store, WorkflowEngine engine, MemoService service) {
        this.store = store;
        this.engine = engine;
        this.service = service;
    }

    /** The work pending for a memorandum, and the work sequence number it was read at. */
    public record Pending(List<Task> tasks, int seenWork) {
    }

    /**
     * The work pending for a memorandum, in order, up to and including signing (completion mails
     * are added once signing is done). Carrying out a task twice at once is prevented by the
     * caller (the dispatch route's idempotent consumer, keyed by task id); carrying it out again
     * after a crash does no harm, because every task's effect is idempotent.
     */
    public Pending pending(String reference) {
        Optional<Memo> memo = store.find(reference);
        if (memo.isEmpty()) {
            return new Pending(List.of(), 0);
        }
        List<Task> out = new ArrayList<>();
        Instant now = engine.clock().instant();
        for (WorkItem w : memo.get().pendingWork()) {
            if (w.retryAt != null && w.retryAt.isAfter(now)) {
                if (w.kind == WorkKind.SIGN) {
                    break;
                }
                continue; // failed before; its back-off has not passed yet
            }
            out.add(new Task(reference, w));
            if (w.kind == WorkKind.SIGN) {
                break;
            }
        }
        return new Pending(out, memo.get().workSeq);
    }

    /**
     * Records that a task failed: it stays pending, with its error for {@code memoflow status},
     * and is not tried again before a back-off of {@code first} doubled for each further failure,
     * at most {@code max}.
     *
     * @return when it will be tried again
     */
    public Instant failed(Task task, String error, Duration first, Duration max) {
        return store.update(task.reference(), memo -> {
            Instant now = engine.clock().instant();
            for (WorkItem w : memo.work) {
                if (w.id.equals(task.id()) && !w.done) {
                    w.attempts++;
                    w.lastError = MemoService.printable(error == null ? "unknown error" : error.replaceAll("\\s+", " "));
                    w.lastAttemptAt = now;
                    Duration delay = first.multipliedBy(1L << Math.min(20, w.attempts - 1));
                    w.retryAt = now.plus(delay.compareTo(max) > 0 ? max : delay);
                    return w.retryAt;
                }
            }
            return now;
        });
    }

    /** At most this many notices about refused replies go to one person for one version of a memorandum. */
    static final int MAX_REFUSAL_NOTICES = 3;

    /**
     * Tells a person of a memorandum why a reply did not count (a mail with template
     * {@code refused}), unless {@link #MAX_REFUSAL_NOTICES} notices went to them for this version
     * already (so that automatic replies cannot make a loop).
     *
     * @return true when a notice was queued
     */
    public boolean refusedReply(String reference, String to, String reason) {
        return store.update(reference, memo -> {
            long sent = memo.work.stream().filter(w -> "refused".equals(w.template) && w.version == memo.version && w.to.contains(to)).count();
            if (sent >= MAX_REFUSAL_NOTICES) {
                LOG.warn("{}: not telling {} again why a reply did not count ({} notices for version {} already)", reference, to, sent,
                        memo.version);
                return false;
            }
            WorkItem w = engine.work(memo, WorkKind.MAIL, "refused");
            w.to.add(to);
            w.version = memo.version;
            w.stage = memo.currentStage() == null ? null : memo.currentStage().name;
            w.comment = reason;
            return true;
        });
    }

    /** True when work numbered above {@code seenWork} is pending: another pass is due. */
    public boolean hasWorkAfter(String reference, int seenWork) {
        return store.find(reference).map(m -> m.pendingWork().stream().anyMatch(w -> w.seq > seenWork)).orElse(false);
    }

    /** Marks a mail as written to the outbox (and sent, when SMTP is configured). */
    public void mailed(Task task, String deliveredTo) {
        store.update(task.reference(), memo -> {
            for (WorkItem w : memo.work) {
                if (w.id.equals(task.id()) && !w.done) {
                    w.done = true;
                    w.doneAt = engine.clock().instant();
                    w.retryAt = null;
                    Map<String, String> detail = new LinkedHashMap<>();
                    detail.put("mail", w.template);
                    detail.put("to", String.join(", ", w.to));
                    if (!w.cc.isEmpty()) {
                        detail.put("cc", String.join(", ", w.cc));
                    }
                    detail.put("delivery", deliveredTo);
                    engine.audit(memo, "notification", WorkflowEngine.SYSTEM, detail);
                }
            }
            return null;
        });
    }

    /**
     * Records that the signed PDF was written: the memorandum is complete, and the completion
     * mails (one to each party's signatory, one to the cc list, one to the author) are due.
     * Its audit names who signed ({@link DocumentService#signers}), read from the memorandum as it is recorded.
     */
    public void signed(Task task) {
        store.update(task.reference(), memo -> {
            WorkItem sign = null;
            for (WorkItem w : memo.work) {
                if (w.id.equals(task.id())) {
                    sign = w;
                }
            }
            if (sign == null || sign.done) {
                return null;
            }
            Instant now = engine.clock().instant();
            sign.done = true;
            sign.doneAt = now;
            List<String> signers = DocumentService.signers(memo);
            for (String s : signers) {
                engine.audit(memo, "signature", s, Map.of("file", "signed/" + memo.reference + ".pdf"));
            }
            memo.state = MemoState.COMPLETED;
            memo.updated = now;
            engine.audit(memo, "completed", WorkflowEngine.SYSTEM, Map.of("file", "signed/" + memo.reference + ".pdf"));
            List<String> told = new ArrayList<>();
            for (Party p : memo.parties) {
                if (!p.email().isBlank() && !told.contains(p.email())) {
                    completionMail(memo, List.of(p.email()), List.of());
                    told.add(p.email());
                }
            }
            List<String> cc = memo.cc.stream().filter(a -> !told.contains(a)).toList();
            if (!cc.isEmpty()) {
                completionMail(memo, cc, List.of());
                told.addAll(cc);
            }
            if (memo.author != null && !told.contains(memo.author)) {
                completionMail(memo, List.of(memo.author), List.of());
            }
            service.events().completed();
            LOG.info("{} completed: signed/{}.pdf written with {} signature(s)", memo.reference, memo.reference, signers.size());
            return null;
        });
    }

    private void completionMail(Memo memo, List<String> to, List<String> cc) {
        WorkItem w = engine.work(memo, WorkKind.MAIL, "completed");
        w.to.addAll(to);
        w.cc.addAll(cc);
        w.version = memo.version;
        w.attach = "signed";
    }

    /**
     * Applies reminders, escalations and expiry that have come due for a memorandum.
     *
     * @return true when something changed
     */
    public boolean tick(String reference) {
        return store.update(reference, memo -> {
            boolean changed = engine.tick(memo);
            if (changed) {
                LOG.info("{} {}", reference, memo.state == MemoState.EXPIRED ? "expired: its final deadline passed"
                        : "deadline or reminder due: " + memo.pendingWork().size() + " mail(s) to send");
            }
            return changed;
        });
    }

    /** References with work to do: every unfinished memorandum (used on start and by the periodic sweep). */
    public List<String> unfinished() {
        return store.unfinished();
    }

    /**
     * Applies what is due (reminders, escalations, expiry), then returns the references of
     * memoranda with work pending: carried out on start and retried periodically.
     */
    public List<String> sweep() {
        Instant now = engine.clock().instant();
        store.maintain();
        List<String> out = new ArrayList<>();
        for (MemoSummary s : store.list()) {
            boolean due = s.due() != null && !s.due().isAfter(now);
            if (due && tick(s.reference()) || s.pendingWork() > 0) {
                out.add(s.reference());
            }
        }
        return out;
    }
}
