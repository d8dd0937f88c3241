package io.memoflow.memo;

import io.memoflow.draft.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole state of one memorandum, as the store keeps it: what it is, every version, the
 * workflow run of the current version, every decision, the work still to do (mails, signing)
 * and the hash-chained audit log. Mutated only inside {@code MemoStore.update}, under the
 * memorandum's lock, and persisted atomically as a whole.
 */
public final class Memo {

    public String reference;
    public MemoState state = MemoState.IN_REVIEW;
    public Instant created;
    public Instant updated;

    public String title;
    public String language;
    public String workflow;
    public String author;
    public List<Party> parties = new ArrayList<>();
    public List<String> reviewers = new ArrayList<>();
    public List<String> cc = new ArrayList<>();

    /** The current version number (1-based). */
    public int version;
    public List<VersionRecord> versions = new ArrayList<>();

    /** Index of the current stage in {@link #run}; equal to run.size() once all stages approved. */
    public int stage;
    /** The workflow run of the current version, one entry per stage. */
    public List<StageRun> run = new ArrayList<>();
    /** Final deadline of the current run, or null. */
    public Instant expiresAt;

    public List<DecisionRecord> decisions = new ArrayList<>();
    public List<WorkItem> work = new ArrayList<>();
    public int workSeq;
    public List<String> audit = new ArrayList<>();

    public Optional<VersionRecord> versionRecord(int number) {
        return versions.stream().filter(v -> v.number == number).findFirst();
    }

    public StageRun currentStage() {
        return stage >= 0 && stage < run.size() ? run.get(stage) : null;
    }

    /** Assignees asked in the current stage who have not decided yet. */
    public List<String> undecided() {
        StageRun run = currentStage();
        if (run == null) {
            return List.of();
        }
        Set<String> decided = new HashSet<>();
        for (DecisionRecord r : decisions) {
            if (r.version == version && r.stage == stage) {
                decided.add(r.by);
            }
        }
        return run.asked.stream().filter(a -> !decided.contains(a)).toList();
    }

    /**
     * When something is next due on its own (a reminder, an escalation, the final deadline), or
     * null when nothing is: the sweep looks at memoranda whose time has come.
     */
    public Instant nextDue() {
        if (state != MemoState.IN_REVIEW) {
            return null;
        }
        Instant due = expiresAt;
        StageRun run = currentStage();
        if (run != null) {
            if (run.deadlineAt != null && !run.escalated && !run.escalateTo.isEmpty()) {
                due = min(due, run.deadlineAt);
            }
            if (run.remindEvery != null && !undecided().isEmpty()) {
                Instant last = run.lastReminderAt != null ? run.lastReminderAt : run.startedAt;
                if (last != null) {
                    due = min(due, last.plus(Duration.parse(run.remindEvery)));
                }
            }
        }
        return due;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    public List<WorkItem> pendingWork() {
        return work.stream().filter(w -> !w.done).toList();
    }

    /** One version of the text. */
    public static final class VersionRecord {
        public int number;
        /** SHA-256 of the version's text as stored (UTF-8, \n line ends). */
        public String sha256;
        public Instant at;
        /** file or mail */
        public String channel;
        /** who submitted it: the mail sender, or empty for the inbox folder */
        public String submitter;
        /** identifies the input it came from, so a re-read after a crash is recognised */
        public String intakeKey;
        /** the character encoding the input was decoded from */
        public String charset;
        public String title;
        /** markdown, or text for plain-text drafts (set as typed, nothing read as Markdown) */
        public String format;
    }

    /** One stage of the current run, with its assignees resolved. */
    public static final class StageRun {
        public String name;
        public List<String> assignees = new ArrayList<>();
        /** all, any, or a whole number k */
        public String policy;
        public boolean sequential;
        /** assignees asked so far (all of them for a parallel stage once started) */
        public List<String> asked = new ArrayList<>();
        public Instant startedAt;
        public Instant deadlineAt;
        public String remindEvery;
        public List<String> escalateTo = new ArrayList<>();
        public boolean escalated;
        /** approvals needed to complete the stage (fixed when the stage is planned; escalation adds deputies, not approvals) */
        public int needed;
        public Instant lastReminderAt;
        public Instant completedAt;
    }

    /** A decision that was accepted. */
    public static final class DecisionRecord {
        public Instant at;
        public String by;
        /** approve, changes or reject */
        public String decision;
        public String comment;
        public int version;
        public int stage;
        public String stageName;
        /** file, cli or mail */
        public String channel;
        public String intakeKey;
    }

    /** Something memoflow must do for this memorandum: send a mail, or seal and sign it. */
    public static final class WorkItem {
        public int seq;
        /** unique and stable: names the .eml in outbox/ and the Message-ID */
        public String id;
        public WorkKind kind;
        /** for mail: request, reminder, escalation, changes, rejected, completed, acknowledgement, expired */
        public String template;
        public List<String> to = new ArrayList<>();
        public List<String> cc = new ArrayList<>();
        public int version;
        public String stage;
        public String comment;
        /** for mail: whether the signed PDF (completed) or the DRAFT PDF (request) is attached */
        public String attach;
        public Instant created;
        public boolean done;
        public Instant doneAt;
        /** failed attempts so far (a mail the SMTP server did not take, a signature that failed) */
        public int attempts;
        /** the last failure, in one line, for memoflow status */
        public String lastError;
        public Instant lastAttemptAt;
        /** not tried again before this time (back-off after a failure), or null */
        public Instant retryAt;
    }
}
