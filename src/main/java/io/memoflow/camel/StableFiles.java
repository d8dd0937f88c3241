package io.memoflow.camel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake folders' read lock ({@code exclusiveReadLockStrategy=#intakeReadLock}, alone or behind {@link ClusterReadLock}): a file is taken
 * once it has not changed for {@code memoflow.inbox.stable-ms}, that is once its last change is
 * that long ago, or, for a file whose time is in the future (a wrong clock, a copy that kept its
 * date), once it has been seen unchanged (size, time, identity) for that long. A file still
 * changing is looked at again every {@code memoflow.inbox.check-ms}; after
 * {@code memoflow.inbox.lock-timeout-ms} it is left for the next look at the folder.
 * <p>
 * Unlike camel-file's {@code readLock=changed} it never follows a symbolic link (the link itself
 * is what is taken, and refused by {@link FolderIntake}), uses the file as listed rather than its
 * normalised path, and never waits forever for a file dated in the future. It holds no lock: it
 * only decides when a file is complete.
 */
public final class StableFiles implements GenericFileExclusiveReadLockStrategy<File> {

    private static final Logger LOG = LoggerFactory.getLogger(StableFiles.class);

    private final Clock clock;
    private final long stableMs;
    private volatile long checkMs;
    private volatile long timeoutMs;

    public StableFiles(Clock clock, long stableMs, long checkMs, long timeoutMs) {
        if (stableMs < 0 || checkMs <= 0) {
            throw new IllegalArgumentException("memoflow.inbox.stable-ms must be 0 or more and memoflow.inbox.check-ms more than 0 (they are "
                    + stableMs + " and " + checkMs + "); fix them in memoflow.properties.");
        }
        if (timeoutMs > 0 && timeoutMs <= stableMs) {
            throw new IllegalArgumentException("memoflow.inbox.lock-timeout-ms (" + timeoutMs + ") must be longer than memoflow.inbox.stable-ms ("
                    + stableMs + "), or no file whose time is in the future could ever be taken; raise it in memoflow.properties.");
        }
        this.clock = clock;
        this.stableMs = stableMs;
        this.checkMs = checkMs;
        this.timeoutMs = timeoutMs;
    }

    /** How long a file must have stayed unchanged before it is taken. */
    public long stableMs() {
        return stableMs;
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange)
            throws InterruptedException {
        var path = file.getFile().toPath();
        long start = clock.millis();
        Object seen = null;
        long seenSince = start;
        while (true) {
            long now = clock.millis();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                LOG.debug("{} is gone before it was taken", path);
                return false;
            } catch (IOException e) {
                LOG.warn("Cannot look at {} ({}); it is looked at again on the next look at the folder", path, e.toString());
                return false;
            }
            Object signature = List.of(a.size(), a.lastModifiedTime().toMillis(), String.valueOf(a.fileKey()));
            if (!Objects.equals(signature, seen)) {
                seen = signature;
                seenSince = now;
            }
            long modified = a.lastModifiedTime().toMillis();
            long quiet = Math.max(now - seenSince, modified <= now ? now - modified : 0);
            if (quiet >= stableMs) {
                return true;
            }
            if (timeoutMs > 0 && now - start >= timeoutMs) {
                LOG.debug("{} is still changing after {} ms; it is looked at again on the next look at the folder", path, timeoutMs);
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(checkMs, stableMs - quiet)));
        }
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) {
        // nothing to prepare: no marker files, no lock files
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // holds no lock
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // holds no lock
    }

    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        // holds no lock
    }

    @Override
    public void setTimeout(long timeout) {
        this.timeoutMs = timeout;
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        if (checkInterval > 0) {
            this.checkMs = checkInterval;
        }
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        // logs at debug (still changing, gone) and warn (cannot be looked at)
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        // never writes marker files
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        // never writes lock files
    }
}
