package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.audit.AuditLog;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.FiledMemoranda;
import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A file store of 50 memoranda in every state is migrated into PostgreSQL, the home folder is
 * switched over to it, and two daemons run on it as a cluster: after both swept (the pending mails
 * are carried out) status lists the same 50 memoranda as before, and every audit chain verifies in
 * PostgreSQL.
 */
@ExtendWith(Postgres.class)
class MigratedClusterIT {

    static final int MEMOS = 50;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiftyMigratedMemorandaReadTheSameAndVerifyAfterTwoDaemonsRanOnThem() throws Exception {
        Path home = TestHomes.fresh("e2e-migrated-cluster");
        FiledMemoranda.fill(home, MEMOS);
        DaemonProcess tool = new DaemonProcess(home, "e2e-migrated-cluster-cli");
        Map<String, String> before = lasting(tool.cli("status", "--json").out());
        assertThat(before).hasSize(MEMOS);
        int pending = pendingWork(tool.cli("status", "--json").out());
        assertThat(pending).as("some memoranda have a mail to send").isPositive();

        Database db = Postgres.freshDatabase();
        DaemonProcess.Result migrated = tool.cli("migrate", "--to", db.url(), "--user", db.user(), "--password-file",
                db.passwordFile().toString());
        assertThat(migrated.exit()).as(migrated.out() + migrated.err()).isZero();
        assertThat(migrated.out()).contains("memoranda copied: " + MEMOS, "audit chains verified: " + MEMOS, "Every audit chain verifies");
        StringBuilder properties = new StringBuilder();
        db.settings().forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        Files.writeString(home.resolve("memoflow.properties"), properties);
        Files.move(home.resolve("data").resolve("memos"), home.resolve("data").resolve("memos.migrated"));

        List<DaemonProcess> nodes = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                nodes.add(new DaemonProcess(home, "e2e-migrated-cluster-node-" + n)
                        .env("MEMOFLOW_NODE_ID", "node-" + n)
                        .env("MEMOFLOW_SIGNING_LEVEL", "B")
                        .env("MEMOFLOW_WORKERS", "2")
                        .env("MEMOFLOW_SWEEP_PERIOD_MS", "1000")
                        .env("MEMOFLOW_CLUSTER_LEASE_MS", "3000")
                        .env("MEMOFLOW_CLUSTER_CLAIM_MAX_AGE_MS", "5000")
                        .start());
            }
            // the sweep found the pending mails in PostgreSQL and carried them out, once each
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300))
                    .until(() -> pendingWork(tool.cli("status", "--json").out()) == 0);
            assertThat(TestHomes.files(home.resolve("outbox"), "*.eml")).hasSize(pending);
            assertThat(nodes).allMatch(DaemonProcess::alive);

            String after = tool.cli("status", "--json").out();
            assertThat(references(after)).as("no reference twice").doesNotHaveDuplicates().hasSize(MEMOS);
            assertThat(lasting(after)).as("the same memoranda, states, versions and titles").isEqualTo(before);
            assertThat(chains(db)).as("every audit chain verifies in PostgreSQL").hasSize(MEMOS).allSatisfy((ref, problems) ->
                    assertThat(problems).as(ref).isEmpty());
            assertThat(TestHomes.files(home.resolve("rejected"), "*")).as("nothing rejected").isEmpty();
            for (DaemonProcess d : nodes) {
                assertThat(d.logText()).doesNotContain(" ERROR ");
            }
        } finally {
            ClusterContinuityIT.stopAll(nodes);
        }
    }

    /**
     * Reference to what must not change when daemons run on the memoranda: title, state, version,
     * stage, who is waited for, created and due. Not compared: pendingWork and updated, which change
     * when a daemon carries out a pending mail.
     */
    static Map<String, String> lasting(String statusJson) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : JSON.readTree(statusJson)) {
            out.put(s.path("reference").asText(), String.join(" | ", s.path("title").asText(), s.path("state").asText(),
                    s.path("version").asText(), s.path("stage").asText(), s.path("waitingFor").toString(), s.path("created").asText(),
                    s.path("due").asText()));
        }
        return out;
    }

    static List<String> references(String statusJson) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(statusJson).forEach(s -> out.add(s.path("reference").asText()));
        return out;
    }

    static int pendingWork(String statusJson) throws Exception {
        int n = 0;
        for (JsonNode s : JSON.readTree(statusJson)) {
            n += s.path("pendingWork").asInt();
        }
        return n;
    }

    /** Each memorandum's audit chain problems, read from PostgreSQL. */
    static Map<String, List<String>> chains(Database db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT reference, body FROM memo")) {
            while (rs.next()) {
                List<String> lines = new ArrayList<>();
                JSON.readTree(rs.getString(2)).path("audit").forEach(line -> lines.add(line.asText()));
                assertThat(lines).as(rs.getString(1) + " has an audit chain").isNotEmpty();
                out.put(rs.getString(1), AuditLog.verify(lines));
            }
        }
        return out;
    }
}
