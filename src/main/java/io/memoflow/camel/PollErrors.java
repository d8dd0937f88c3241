package io.memoflow.camel;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a polling intake (the mailbox) reports that it cannot poll: one WARN line, without a stack
 * trace, when polling starts failing or the reason changes, and one INFO line when it works
 * again (as the consumer's poll strategy); the failures in between are DEBUG. The consumer's health check reports DOWN meanwhile,
 * and polling backs off.
 */
public final class PollErrors extends DefaultPollingConsumerPollStrategy implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    private final String what;
    private final DiskGuard disk;
    private volatile String failing;

    /** @param disk skips polls while the disk is nearly full; null: never skips */
    public PollErrors(String what, DiskGuard disk) {
        this.what = what;
        this.disk = disk;
    }

    /** A poll starts only while there is room on the disk for what it brings in. */
    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return disk == null || disk.roomForInput();
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (!reason.equals(failing)) {
            LOG.warn("Cannot read {}: {}. Nothing is lost; it is tried again with back-off (see /observe/health).", what, reason);
            failing = reason;
        } else {
            LOG.debug("Still cannot read {}: {}", what, reason);
        }
    }

    /** A poll that worked: says so once after failures. */
    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        recovered();
    }

    /** Called when a poll works again (the consumer's next successful poll). */
    public void recovered() {
        if (failing != null) {
            LOG.info("{} can be read again", what);
            failing = null;
        }
    }
}
