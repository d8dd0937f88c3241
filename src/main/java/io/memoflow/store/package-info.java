/**
 * Where memoranda live, behind one narrow interface ({@link io.memoflow.store.MemoStore}); the
 * file store in {@code data/} ({@link io.memoflow.store.FileMemoStore}) is the embedded
 * implementation, named only here and by the composition root. Files are written atomically
 * ({@link io.memoflow.store.AtomicFiles}).
 */
package io.memoflow.store;
