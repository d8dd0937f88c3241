package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.store.AtomicFiles;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memoflow decide REF approve|changes|reject --as EMAIL [--version N] [--comment TEXT]}: writes a
 * decision file for a version of the memorandum: the one given, else the current one (read from
 * the store, and said in the output, so the decider sees which version they decided on).
 */
@Command(name = "decide", description = "Record a decision: writes a decision file into decisions/ for the daemon to apply.")
public final class DecideCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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

    @Option(names = "--version", paramLabel = "N", description = "The version decided on (default: the current version); a"
            + " decision for another version than the current one does not count.")
    Integer version;

    @Override
    public Integer call() {
        DecisionKind kind = DecisionKind.parse(decision).orElse(null);
        if (kind == null) {
            System.err.println("memoflow: '" + decision + "' is not a decision; use approve, changes or reject.");
            return 2;
        }
        String ref = reference.trim().toUpperCase(Locale.ROOT);
        Path dir = home.resolve();
        String since = "";
        if (version == null) {
            Optional<Memo> memo = Memoflow.hasStore(dir)
                    ? Memoflow.openStore(dir.resolve("data")).find(ref) : Optional.empty();
            if (memo.isEmpty()) {
                System.err.println("memoflow: there is no memorandum " + UntrustedText.visible(ref) + " in " + dir
                        + ", so its current version is not known; 'memoflow status' lists them (or give --version N).");
                return 1;
            }
            version = memo.get().version;
            since = memo.get().versionRecord(version).map(v -> v.at).map(t -> " (the current version, since "
                    + WHEN.format(t) + ")").orElse(" (the current version)");
        } else if (version < 1) {
            System.err.println("memoflow: --version " + version + " is not a version; versions are numbered from 1.");
            return 2;
        }
        byte[] bytes = DecisionFiles.format(ref, version, by.trim(), kind, comment);
        DecisionFiles.parse(bytes, "cli", "check"); // the same checks the daemon makes on the file's form
        Memoflow.createFolders(dir);
        Path target;
        do {
            target = dir.resolve("decisions").resolve(ref.replaceAll("[^A-Z0-9-]", "_") + "-" + Instant.now().toEpochMilli() + "-"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ".cli.decision");
        } while (!AtomicFiles.create(target, bytes));
        System.out.println("Decision '" + kind.word() + "' by " + by + " on " + ref + " version " + version + since
                + " written to " + dir.relativize(target)
                + ". The daemon applies it; see the result with: memoflow status " + ref);
        return 0;
    }
}
