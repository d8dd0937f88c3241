package io.memoflow.camel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps memoflow from taking new input when the disk of the home folder is nearly full: as the
 * intake folders' poll strategy it skips a poll while less than {@code memoflow.disk.min-free-mb}
 * is free, so drafts and decisions wait where they are (nothing is read, stored half or set
 * aside) and are taken by themselves once there is room again. Says so once each way in the log;
 * the {@code memoflow-disk} health check reports DOWN meanwhile. Work already accepted (signing,
 * mail) that fails for want of space stays pending and is retried.
 */
public final class DiskGuard extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final Path home;
    private final long minFreeBytes;
    private volatile boolean closed;

    public DiskGuard(Path home, long minFreeBytes) {
        this.home = home;
        this.minFreeBytes = minFreeBytes;
    }

    /** Bytes free for memoflow on the home folder's file system, or -1 when that cannot be read. */
    public long freeBytes() {
        try {
            return Files.getFileStore(home).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    /** Whether there is room for new input; logs when that changes. */
    public boolean roomForInput() {
        long free = freeBytes();
        boolean room = free < 0 || free >= minFreeBytes;
        if (!room && !closed) {
            closed = true;
            LOG.warn("Only {} MB free on the disk of {} (memoflow.disk.min-free-mb={}): memoflow takes no new drafts, decisions or mail "
                    + "until there is more; nothing waiting is lost.", free >> 20, home, minFreeBytes >> 20);
        } else if (room && closed) {
            closed = false;
            LOG.info("{} MB free on the disk of {} again: memoflow takes new input again", free >> 20, home);
        }
        return room;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return roomForInput();
    }
}
