package io.memoflow.service;

import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.WorkKind;

/** A work item of a memorandum, handed to the routes that carry it out. */
public record Task(String reference, WorkItem work) {
    public String id() {
        return work.id;
    }

    public WorkKind kind() {
        return work.kind;
    }
}
