package io.memoflow.store;

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

    /** True when nothing more will happen to it. */
    public boolean finished() {
        return state.isFinal() && pendingWork == 0;
    }
}
