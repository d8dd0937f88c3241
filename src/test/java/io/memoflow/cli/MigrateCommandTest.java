package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import io.memoflow.store.FileMemoStore;
import io.memoflow.store.MemoStore.ContentClaim;
import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
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
        fill(50);
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
        fill(3);
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

    /** Memoranda in every state, each with an audit chain, a version file and a content claim; some with work pending. */
    private void fill(int n) throws Exception {
        FileMemoStore store = new FileMemoStore(home.resolve("data"));
        MemoState[] states = MemoState.values();
        for (int i = 1; i <= n; i++) {
            String ref = store.allocateReference("MOU", 2026);
            Memo m = new Memo();
            m.reference = ref;
            m.title = "Memorandum " + i + " — مذكرة";
            m.created = Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i * 60L);
            m.updated = m.created.plusSeconds(30);
            m.version = 1 + i % 3;
            m.state = states[i % states.length];
            AuditLog log = new AuditLog();
            m.audit.add(log.append(new AuditEvent(m.created, "submitted", "author@x.example", 1, Map.of("file", "draft-" + i + ".md"))));
            m.audit.add(log.append(new AuditEvent(m.updated, "approved", "reviewer-" + i + "@x.example", 1, Map.of())));
            if (i % 4 == 0) {
                WorkItem w = new WorkItem();
                w.id = ref + "-1-mail";
                w.kind = WorkKind.MAIL;
                w.template = "review";
                m.work.add(w);
            }
            store.create(m);
            byte[] text = ("Text of memorandum " + i).getBytes(StandardCharsets.UTF_8);
            store.putFile(ref, "v1.md", text);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
            store.claimContent(sha, new ContentClaim(ref, 1, "file:draft-" + i + ".md"));
        }
    }

    private String run(int exit, String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--home";
            all[args.length + 1] = home.toString();
            assertThat(MemoflowCommand.commandLine().execute(all)).as(String.join(" ", args) + ": " + bytes).isEqualTo(exit);
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
