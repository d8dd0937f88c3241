package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.camel.SafeNames;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code memoflow submit FILE}: copies a draft into the inbox, atomically, never over another file. */
@Command(name = "submit", description = "Copy a draft into the inbox safely (written under a temporary name, then renamed).")
public final class SubmitCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(paramLabel = "FILE", description = "The draft (.md or .txt).")
    Path file;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("memoflow: " + file + " is not a file.");
            return 2;
        }
        Path dir = home.resolve();
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        long max = settings.getLong("memoflow.limits.draft-bytes", 2L * 1024 * 1024);
        long size = Files.size(file);
        if (size > max) {
            System.err.println("memoflow: " + file + " is " + size + " bytes; a draft may have at most " + max
                    + " bytes (memoflow.limits.draft-bytes).");
            return 2;
        }
        Path target = handOver(dir, file, settings);
        System.out.println("Submitted " + file + " as " + dir.relativize(target) + ". The daemon takes it from there; follow it with: memoflow status");
        return 0;
    }

    /**
     * Copies a draft into the inbox of {@code dir} complete, never over another file: written under
     * a temporary name and forced to disk, then linked in under its own (made unique) name. The
     * copy carries the draft's own modification time, at least {@code memoflow.inbox.stable-ms} in
     * the past: it is complete the moment it appears and never changes, so the daemon takes it at
     * its next look at the folder without the wait meant for files still being written there.
     *
     * @return the draft's path in the inbox
     */
    public static Path handOver(Path dir, Path file, MemoflowSettings settings) throws IOException {
        Memoflow.createFolders(dir);
        byte[] bytes = Files.readAllBytes(file);
        long stableMs = settings.getLong("memoflow.inbox.stable-ms", 2000);
        long own = Files.getLastModifiedTime(file).toMillis();
        FileTime time = FileTime.fromMillis(Math.min(own, System.currentTimeMillis() - stableMs - 1000));
        String name = SafeNames.sanitize(file.getFileName().toString());
        Path inbox = dir.resolve("inbox");
        Path target = inbox.resolve(name);
        for (int i = 2; !AtomicFiles.create(target, bytes, time); i++) {
            int dot = name.lastIndexOf('.');
            target = inbox.resolve(dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i);
        }
        return target;
    }
}
