/**
 * A memorandum's history as a hash-chained log ({@code audit.jsonl}): each event carries the hash
 * of the one before, so a changed, added or removed entry breaks the chain. The log is attached
 * to the signed PDF and its final hash printed on the audit page.
 */
package io.memoflow.audit;
