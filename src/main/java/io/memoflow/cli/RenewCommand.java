package io.memoflow.cli;

import io.memoflow.config.MemoflowSettings;
import io.memoflow.signing.Renewal;
import io.memoflow.signing.SigningException;
import io.memoflow.signing.SigningKeys;
import io.memoflow.store.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memoflow renew [--before P90D] [--home DIR]}: adds a /DSS update and a fresh document
 * timestamp to every signed memorandum in {@code signed/} whose last document timestamp's
 * certificate expires within the period; each file is replaced atomically.
 */
@Command(name = "renew", description = "Add a fresh document timestamp to every signed memorandum (signed/*.pdf) whose last "
        + "timestamp's certificate expires within --before (default P90D), so that archives stay valid. Exit status 0 when "
        + "every due file was renewed, 1 otherwise.")
public final class RenewCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Option(names = "--before", paramLabel = "PERIOD", description = "Renew what expires within this ISO-8601 period (default: P90D).")
    String before = "P90D";

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = System.err;

    @Override
    public Integer call() {
        Duration period;
        try {
            period = Duration.parse(before);
        } catch (DateTimeParseException e) {
            err.println("memoflow: --before " + before + " is not an ISO-8601 period; write for example P90D (90 days).");
            return 2;
        }
        Path dir = home.resolve();
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        SigningKeys keys = SigningKeys.fromConfig(k -> settings.has(k) ? settings.get(k) : null, settings.folder("data"));
        Instant due = Instant.now().plus(period);
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("signed"), "*.pdf")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            err.println("memoflow: cannot read " + dir.resolve("signed") + ": " + e.getMessage());
            return 1;
        }
        files.sort(null);
        int renewed = 0;
        int failed = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                byte[] pdf = Files.readAllBytes(f);
                Optional<Instant> expiry = Renewal.lastTimestampExpiry(pdf);
                if (expiry.isEmpty()) {
                    out.println(name + ": no document timestamp (signed below level LTA): not renewed");
                } else if (expiry.get().isAfter(due)) {
                    out.println(name + ": not due (its last timestamp's certificate expires " + expiry.get() + ")");
                } else {
                    byte[] fresh = Renewal.renew(pdf, keys);
                    AtomicFiles.write(f, fresh);
                    renewed++;
                    out.println(name + ": renewed (its last timestamp's certificate expires " + expiry.get()
                            + "; new document timestamp added)");
                }
            } catch (IOException | UncheckedIOException | SigningException e) {
                failed++;
                err.println("memoflow: " + name + " could not be renewed: " + e.getMessage());
            }
        }
        out.println(renewed + " renewed, " + failed + " failed, " + files.size() + " signed memoranda looked at.");
        return failed == 0 ? 0 : 1;
    }
}
