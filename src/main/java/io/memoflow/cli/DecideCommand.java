package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.store.AtomicFiles;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memoflow decide REF approve|changes|reject --as EMAIL [--comment TEXT]}: writes a decision file. */
@Command(name = "decide", description = "Record a decision: writes a decision file into decisions/ for the daemon to apply.")
public final class DecideCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(index = "0", paramLabel = "REF", description = "The memorandum, e.g. MOU-2026-0007.")
    String reference;

    @Parameters(index = "1", paramLabel = "DECISION", description = "approve, changes or reject.")
    String decision;

    @Option(names = "--as", required = true, paramLabel = "EMAIL", description = "Whose decision it is (an assignee of the current stage).")
    String by;

    @Option(names = "--comment", paramLabel = "TEXT", description = "A comment (required in practice for changes and reject).")
    String comment;

    @Override
    public Integer call() {
        DecisionKind kind = DecisionKind.parse(decision).orElse(null);
        if (kind == null) {
            System.err.println("memoflow: '" + decision + "' is not a decision; use approve, changes or reject.");
            return 2;
        }
        String ref = reference.trim().toUpperCase(Locale.ROOT);
        byte[] bytes = DecisionFiles.format(ref, by.trim().toLowerCase(Locale.ROOT), kind, comment);
        DecisionFiles.parse(bytes, "cli", "check"); // the same checks the daemon makes on the file's form
        Path dir = home.resolve();
        Memoflow.createFolders(dir);
        Path target;
        do {
            target = dir.resolve("decisions").resolve(ref.replaceAll("[^A-Z0-9-]", "_") + "-" + Instant.now().toEpochMilli() + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ".cli.decision");
        } while (!AtomicFiles.create(target, bytes));
        System.out.println("Decision '" + kind.word() + "' by " + by + " on " + ref + " written to " + dir.relativize(target)
                + ". The daemon applies it; see the result with: memoflow status " + ref);
        return 0;
    }
}
