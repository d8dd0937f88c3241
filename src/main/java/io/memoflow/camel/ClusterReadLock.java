package io.memoflow.camel;

import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake folders' read lock when several instances share them: a file is first claimed in
 * the shared store (Camel's JDBC idempotent repository with orphan-lock recovery: a claim whose
 * node died is taken over once it is no longer kept alive), then taken when it is complete
 * ({@link StableFiles}). The claim is given up once the file was moved (or refused), so only
 * one node takes each file; a node that finds the file already moved by another skips it
 * quietly. The store's content claim remains the final guard against reading a text twice.
 */
public final class ClusterReadLock implements GenericFileExclusiveReadLockStrategy<File> {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterReadLock.class);

    private final IdempotentRepository claims;
    private final StableFiles stable;

    public ClusterReadLock(IdempotentRepository claims, StableFiles stable) {
        this.claims = claims;
        this.stable = stable;
    }

    /** The claim's key: the file's path under the watched folder, its size and its time (the same on every node). */
    static String key(GenericFile<File> file) {
        return file.getRelativeFilePath() + "|" + file.getFileLength() + "|" + file.getLastModified();
    }

    @Override
    public boolean acquireExclusiveReadLock(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange)
            throws InterruptedException {
        String key = key(file);
        boolean claimed;
        try {
            claimed = claims.add(key);
        } catch (RuntimeException e) {
            // two nodes inserted the same claim at once: the unique key refused the second
            LOG.debug("{} is claimed by another node ({})", key, e.toString());
            return false;
        }
        if (!claimed) {
            LOG.debug("{} is claimed by another node", key);
            return false;
        }
        exchange.setProperty(Headers.INTAKE_CLAIM, key); // Camel calls the release methods after a failed acquire too: only this exchange's claim is given up
        boolean taken = false;
        try {
            taken = stable.acquireExclusiveReadLock(operations, file, exchange);
            return taken;
        } finally {
            if (!taken) {
                release(exchange); // gone (another node moved it) or still changing: looked at again later
            }
        }
    }

    private void release(Exchange exchange) {
        String key = exchange.getProperty(Headers.INTAKE_CLAIM, String.class);
        if (key != null) {
            exchange.removeProperty(Headers.INTAKE_CLAIM);
            claims.remove(key);
        }
    }

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint) throws Exception {
        stable.prepareOnStartup(operations, endpoint);
    }

    @Override
    public void releaseExclusiveReadLockOnAbort(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        release(exchange);
    }

    @Override
    public void releaseExclusiveReadLockOnRollback(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        release(exchange);
    }

    /** Called by Camel after the file was moved: the claim has done its work. */
    @Override
    public void releaseExclusiveReadLockOnCommit(GenericFileOperations<File> operations, GenericFile<File> file, Exchange exchange) {
        release(exchange);
    }

    @Override
    public void setTimeout(long timeout) {
        stable.setTimeout(timeout);
    }

    @Override
    public void setCheckInterval(long checkInterval) {
        stable.setCheckInterval(checkInterval);
    }

    @Override
    public void setReadLockLoggingLevel(LoggingLevel level) {
        stable.setReadLockLoggingLevel(level);
    }

    @Override
    public void setMarkerFiler(boolean markerFile) {
        stable.setMarkerFiler(markerFile);
    }

    @Override
    public void setDeleteOrphanLockFiles(boolean deleteOrphanLockFiles) {
        stable.setDeleteOrphanLockFiles(deleteOrphanLockFiles);
    }
}
