package io.memoflow.service;

import io.memoflow.store.Memo.WorkItem;

/** A work item of a memorandum, handed to the routes that carry it out. */
public record Task(String reference, WorkItem work) {
    public String id() {
        return work.id;
    }

    public String kind() {
        return work.kind;
    }
}
