package io.memoflow.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.camel.support.service.ServiceSupport;

/**
 * One daemon per home folder: holds an exclusive lock on {@code data/daemon.lock} while it runs
 * (the operating system releases it when the process dies, even by kill -9).
 */
public final class DaemonLock extends ServiceSupport {

    private final Path file;
    private FileChannel channel;
    private FileLock lock;

    public DaemonLock(Path file) {
        this.file = file;
    }

    /** Takes the lock, or fails saying another daemon runs here. */
    public void acquire() {
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another memoflow daemon is already running on this home folder (" + file.getParent().getParent()
                        + "). Stop it first, or give this one another folder with --home.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (lock != null) {
            lock.release();
            lock = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
