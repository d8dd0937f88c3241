package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.Eml;
import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Several instances on one PostgreSQL store and one home folder: three real daemons take a
 * burst of drafts dropped at once; one is killed with kill -9 in the middle and not restarted.
 * Every draft is still signed exactly once: one reference each, one signed PDF each, one
 * completion mail per party, nothing stuck, counted in SQL and in the folders.
 * {@code -Dcluster.drafts} (default 60; {@code -Dcluster.drafts=300} is the full size) and
 * {@code -Dcluster.nodes} (default 3) change the size; {@code -Dcluster.no-kill=true} measures
 * throughput without the kill.
 */
@ExtendWith(Postgres.class)
class ClusterIT {

    @Test
    void threeNodesSignEveryDraftExactlyOnceThoughOneIsKilledInTheMiddle() throws Exception {
        int drafts = Integer.getInteger("cluster.drafts", 60);
        int nodes = Integer.getInteger("cluster.nodes", 3);
        boolean kill = !Boolean.getBoolean("cluster.no-kill"); // -Dcluster.no-kill=true: a throughput run without the kill
        Database db = Postgres.freshDatabase();
        Path home = TestHomes.fresh("e2e-cluster");
        List<DaemonProcess> daemons = new ArrayList<>();
        try {
            for (int i = 1; i <= nodes; i++) {
                daemons.add(node(home, db, "node-" + i).start());
            }
            long t0 = System.nanoTime();
            for (int i = 1; i <= drafts; i++) {
                TestHomes.drop(home.resolve("inbox"), "draft-" + i + ".md", CrashRecoveryIT.draft(i));
            }
            DaemonProcess victim = daemons.get(nodes > 1 ? 1 : 0);
            long deadline = System.nanoTime() + Duration.ofMinutes(Math.max(4, drafts / 40)).toNanos();
            boolean killed = nodes == 1 || !kill;
            long killedAt = 0;
            List<String> orphaned = new ArrayList<>();
            long orphanedDone = 0;
            while (System.nanoTime() < deadline && count(db, "SELECT count(*) FROM memo WHERE finished") < drafts) {
                if (!killed && count(db, "SELECT count(*) FROM memo WHERE finished") >= drafts / 3) {
                    victim.kill(); // kill -9, not restarted
                    killed = true;
                    killedAt = System.nanoTime();
                    orphaned = references(db, "SELECT reference FROM work_lease WHERE node = 'node-2'");
                    System.out.println("ClusterIT: killed " + victim.pid() + " after " + count(db, "SELECT count(*) FROM memo WHERE finished")
                            + " of " + drafts + " were done");
                }
                if (killedAt > 0 && orphanedDone == 0 && !orphaned.isEmpty()
                        && count(db, "SELECT count(*) FROM memo WHERE finished AND reference IN ('" + String.join("','", orphaned) + "')")
                        == orphaned.size()) {
                    orphanedDone = System.nanoTime();
                    System.out.printf("ClusterIT: the %d memoranda the killed node was working on were finished by the others %.1f s after"
                            + " the kill%n", orphaned.size(), (orphanedDone - killedAt) / 1e9);
                }
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ClusterIT: %d drafts on %d nodes (%s) in %.1f s: %.2f memoranda/s%n", drafts, nodes,
                    nodes > 1 && kill ? "one killed" : "none killed", seconds, drafts / seconds);
            assertThat(killed).as("a node was killed in the middle").isTrue();

            // in SQL: one memorandum per draft, each complete with nothing left to do
            assertThat(count(db, "SELECT count(*) FROM memo")).as("one reference per draft").isEqualTo(drafts);
            assertThat(count(db, "SELECT count(DISTINCT body::jsonb->>'title') FROM memo")).isEqualTo(drafts);
            assertThat(count(db, "SELECT count(*) FROM memo WHERE state = 'COMPLETED' AND finished")).as("completed, no work left")
                    .isEqualTo(drafts);
            assertThat(count(db, "SELECT count(*) FROM reference_counter WHERE last <> " + drafts)).as("no reference handed out twice or lost")
                    .isZero();
            assertThat(count(db, "SELECT count(*) FROM content_claim")).isEqualTo(drafts);

            // in the folders: one PDF each, one completion mail per party, nothing rejected or left behind
            List<String> refs = references(db, "SELECT reference FROM memo");
            assertThat(TestHomes.files(home.resolve("signed"), "*.pdf")).hasSize(drafts);
            for (String ref : refs) {
                assertThat(home.resolve("signed").resolve(ref + ".pdf")).exists();
                List<String> completionTo = new ArrayList<>();
                for (Path eml : TestHomes.files(home.resolve("outbox"), ref + "-*-completed.eml")) {
                    completionTo.addAll(Eml.to(Eml.read(eml)));
                }
                assertThat(completionTo).as(ref + " completion mails").filteredOn(a -> a.startsWith("p"))
                        .containsExactlyInAnyOrder("p1@one.example", "p2@two.example");
            }
            assertThat(TestHomes.files(home.resolve("rejected"), "*")).as("nothing rejected").isEmpty();
            assertThat(TestHomes.files(home.resolve("inbox"), "*")).as("inbox emptied").isEmpty();
            try (Stream<Path> all = Files.walk(home)) {
                assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("temporary files").isEmpty();
            }
            for (DaemonProcess d : daemons) {
                if (d != victim || nodes == 1 || !kill) {
                    assertThat(d.alive()).isTrue();
                    assertThat(d.logText()).doesNotContain(" ERROR ");
                }
            }
        } finally {
            for (DaemonProcess d : daemons) {
                if (d.alive()) {
                    d.stop();
                }
            }
        }
    }

    static DaemonProcess node(Path home, Database db, String name) {
        return new DaemonProcess(home, home.getFileName() + "-" + name)
                .env("MEMOFLOW_STORE_URL", db.url())
                .env("MEMOFLOW_STORE_USER", db.user())
                .env("MEMOFLOW_STORE_PASSWORD_FILE", db.passwordFile().toString())
                .env("MEMOFLOW_STORE_POOL_SIZE", "6")
                .env("MEMOFLOW_NODE_ID", name)
                .env("MEMOFLOW_WORKFLOW_DEFAULT", "auto")
                .env("MEMOFLOW_SIGNING_LEVEL", "B")
                .env("MEMOFLOW_WORKERS", "2")
                .env("MEMOFLOW_SWEEP_PERIOD_MS", "1000")
                .env("MEMOFLOW_CLUSTER_LEASE_MS", "3000")
                .env("MEMOFLOW_CLUSTER_CLAIM_MAX_AGE_MS", "5000");
    }

    static List<String> references(Database db, String sql) throws SQLException {
        List<String> refs = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                refs.add(rs.getString(1));
            }
        }
        return refs;
    }

    static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
