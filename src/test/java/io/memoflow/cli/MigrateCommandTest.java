package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Commands;
import io.memoflow.testing.FiledMemoranda;
import io.memoflow.testing.Postgres.Database;
import io.memoflow.testing.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** memoflow migrate: a file store with memoranda in every state is copied into PostgreSQL, and status reads the same from it. */
@ExtendWith(Postgres.class)
class MigrateCommandTest {

    @TempDir
    Path home;

    @Test
    void fiftyMemorandaInEveryStateAreCopiedOnceAndStatusShowsTheSameAfterwards() throws Exception {
        FiledMemoranda.fill(home, 50);
        String statusBefore = run(0, "status", "--json");
        String tableBefore = run(0, "status");
        Database db = Postgres.freshDatabase();

        String first = run(0, "migrate", "--to", db.url(), "--user", db.user(), "--password-file", db.passwordFile().toString());
        assertThat(first).contains("memoranda copied: 50 (already there: 0)", "files copied: 50", "content claims copied: 50",
                "audit chains verified: 50", "Every audit chain verifies");
        String again = run(0, "migrate", "--to", db.url(), "--user", db.user(), "--password-file", db.passwordFile().toString());
        assertThat(again).contains("memoranda copied: 0 (already there: 50)", "files copied: 0", "content claims copied: 0",
                "audit chains verified: 50");

        // the home folder now names the PostgreSQL store, and the file store is moved away: status reads PostgreSQL
        Files.writeString(home.resolve("memoflow.properties"), "memoflow.store.url=" + db.url() + "\nmemoflow.store.user=" + db.user()
                + "\nmemoflow.store.password-file=" + db.passwordFile() + "\n");
        Files.move(home.resolve("data").resolve("memos"), home.resolve("data").resolve("memos.migrated"));
        assertThat(run(0, "status", "--json")).isEqualTo(statusBefore);
        assertThat(run(0, "status")).isEqualTo(tableBefore);
        assertThat(run(0, "status", "MOU-2026-0007")).contains("MOU-2026-0007", "Memorandum 7");
    }

    @Test
    void aBrokenAuditChainIsReportedAndTheRunFails() throws Exception {
        FiledMemoranda.fill(home, 3);
        Path file = home.resolve("data/memos/MOU-2026-0002/memo.json");
        Files.writeString(file, Files.readString(file).replace("draft-2.md", "forged.md"));
        Database db = Postgres.freshDatabase();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String out = run(1, "migrate", "--to", db.url(), "--user", db.user(), "--password-file", db.passwordFile().toString());
            assertThat(out).contains("audit chains verified: 2", "BROKEN: MOU-2026-0002");
        } finally {
            System.setErr(before);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("do not verify");
    }

    private String run(int exit, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        Commands.Run run = Commands.run(all);
        assertThat(run.exit()).as(String.join(" ", args) + ": " + run.out()).isEqualTo(exit);
        return run.out();
    }
}
