package io.memoflow.service;

/**
 * An accepted draft.
 *
 * @param resumed true when the input had been accepted before (read again after a crash)
 */
public record Accepted(String reference, int version, boolean resumed) {
}
