package io.memoflow.service;

import java.time.Duration;

/** What the memo service tells observers (metrics) about; every method has a no-op default. */
public interface MemoEvents {

    MemoEvents NONE = new MemoEvents() {
    };

    /** A draft became a memorandum or a new version. */
    default void accepted(String channel) {
    }

    /** A decision counted. */
    default void decided(String decision, String channel) {
    }

    /** A stage finished (approved, changes requested or rejected) after this long. */
    default void stageFinished(String stage, Duration took) {
    }

    /** A memorandum was signed and completed. */
    default void completed() {
    }
}
