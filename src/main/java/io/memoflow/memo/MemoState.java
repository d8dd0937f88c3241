package io.memoflow.memo;

import java.util.Locale;

/** Where a memorandum stands. */
public enum MemoState {
    /** a stage is waiting for decisions */
    IN_REVIEW,
    /** an assignee asked for changes; a new version (same reference) restarts the workflow */
    CHANGES_REQUESTED,
    /** every stage approved; sealing and signing are due */
    APPROVED,
    /** signed PDF written; final */
    COMPLETED,
    /** rejected by an assignee; final */
    REJECTED,
    /** the final deadline passed; final */
    EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == REJECTED || this == EXPIRED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
