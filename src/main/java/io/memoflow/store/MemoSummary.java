package io.memoflow.store;

import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import java.time.Instant;
import java.util.List;

/**
 * What {@code memoflow status} lists for each memorandum.
 *
 * @param waitingFor assignees asked and not yet decided in the current stage
 * @param pendingWork number of mails or signatures still to do
 * @param due        when a reminder, escalation or expiry is next due, or null
 */
public record MemoSummary(String reference, String title, MemoState state, int version, String stage,
                          List<String> waitingFor, int pendingWork, Instant created, Instant updated, Instant due) {
    public MemoSummary {
        waitingFor = waitingFor == null ? List.of() : List.copyOf(waitingFor);
    }

    public static MemoSummary of(Memo memo) {
        var run = memo.currentStage();
        return new MemoSummary(memo.reference, memo.title, memo.state, memo.version,
                run == null || memo.state != MemoState.IN_REVIEW ? null : run.name,
                memo.state == MemoState.IN_REVIEW ? memo.undecided() : List.of(),
                memo.pendingWork().size(), memo.created, memo.updated, memo.nextDue());
    }

    /**
     * One line of the store index: tab-separated fields (reference, state, version, stage,
     * waiting-for, pending work, created, updated, due, title), with backslash, tab and line
     * breaks escaped. Cheap to read even for tens of thousands of memoranda.
     */
    public String toLine() {
        return String.join("\t", reference, state.name(), String.valueOf(version), esc(stage), esc(String.join(",", waitingFor)),
                String.valueOf(pendingWork), millis(created), millis(updated), millis(due), esc(title));
    }

    /** Reads a line written by {@link #toLine()}; null when the line is torn or malformed. */
    public static MemoSummary fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 10) {
            return null;
        }
        try {
            String waiting = unesc(f[4]);
            return new MemoSummary(f[0], unesc(f[9]), MemoState.valueOf(f[1]), Integer.parseInt(f[2]), nullable(unesc(f[3])),
                    waiting == null || waiting.isEmpty() ? List.of() : List.of(waiting.split(",")), Integer.parseInt(f[5]),
                    instant(f[6]), instant(f[7]), instant(f[8]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Instant instant(String s) {
        return s.equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }

    private static String millis(Instant t) {
        return t == null ? "-" : String.valueOf(t.toEpochMilli());
    }

    private static String nullable(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unesc(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** True when nothing more will happen to it. */
    public boolean finished() {
        return state.isFinal() && pendingWork == 0;
    }
}
