package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.store.StoreMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code memoflow migrate --to jdbc:postgresql://...}: copies the home folder's file store
 * ({@code data/}) into a PostgreSQL store, so that several instances can share it. Can be run
 * again (what is there already is left alone); says what it copied; verifies every audit chain
 * in the target. Run it while no daemon runs on the home folder.
 */
@Command(name = "migrate", description = "Copy the file store of the home folder into a PostgreSQL store (memoflow.store.url),"
        + " then verify every memorandum's audit chain there. Safe to run again.")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Option(names = "--to", required = true, paramLabel = "URL", description = "The PostgreSQL store: jdbc:postgresql://HOST:PORT/DATABASE.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "The database user (default: memoflow.store.user).")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password"
            + " (default: memoflow.store.password-file or memoflow.store.password).")
    Path passwordFile;

    @Override
    public Integer call() {
        Path dir = home.resolve();
        if (!Files.isDirectory(dir.resolve("data").resolve("memos"))) {
            System.err.println("memoflow: there is no file store in " + dir + " (no data/memos); give the home folder with --home.");
            return 1;
        }
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        Map<String, String> target = new HashMap<>(settings.under(""));
        target.put("memoflow.store.url", url);
        if (user != null) {
            target.put("memoflow.store.user", user);
        }
        if (passwordFile != null) {
            target.put("memoflow.store.password-file", passwordFile.toAbsolutePath().toString());
        }
        StoreMigration.Report report;
        try {
            report = Memoflow.migrate(MemoflowSettings.of(dir, target));
        } catch (RuntimeException e) {
            System.err.println("memoflow: " + e.getMessage());
            return 1;
        }
        System.out.println("Copied " + dir.resolve("data") + " into " + url + ": " + report.toText());
        if (!report.brokenChains().isEmpty()) {
            System.err.println("memoflow: some audit chains do not verify in the target (listed above); do not start the cluster on it"
                    + " before you have looked at them.");
            return 1;
        }
        System.out.println("Every audit chain verifies. Set memoflow.store.url=" + url + " (and the user and password) for the daemons.");
        return 0;
    }
}
