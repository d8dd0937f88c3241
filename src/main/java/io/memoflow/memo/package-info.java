/**
 * The memorandum: its whole state ({@link io.memoflow.memo.Memo}: versions, the workflow run,
 * decisions, the work still to do, the audit log), where it stands ({@link io.memoflow.memo.MemoState}),
 * what its work items ask for ({@link io.memoflow.memo.WorkKind}) and its reference
 * ({@link io.memoflow.memo.Reference}). Plain data, no Camel and no storage: the stores keep it.
 */
package io.memoflow.memo;
