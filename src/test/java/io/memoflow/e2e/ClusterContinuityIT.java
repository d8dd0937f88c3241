package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.Postgres;
import io.memoflow.testing.Postgres.Database;
import io.memoflow.testing.TestHomes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same standard memoranda on one node and on a cluster whose nodes are killed and restarted:
 * 20 drafts (workflow {@code standard}: the reviewer, then each party's signatory in order) get
 * their decisions in three rounds (reject, changes, approve by one, two or all three deciders).
 * On one daemon with the file store nothing is killed; on three daemons on one PostgreSQL store
 * one node is killed with kill -9 while each batch is being taken, and restarted a second later. The 20 end in
 * the same states, with the same decisions. Then the one node's file store is migrated into
 * PostgreSQL: status reads the same, two daemons carry on with it (the memoranda still waiting for
 * a signatory take their decisions and are signed), and every audit chain verifies.
 */
@ExtendWith(Postgres.class)
class ClusterContinuityIT {

    static final int MEMOS = 20;
    static final String[][] PLAN = { // by i % 5: the decisions of rounds 1, 2, 3
        {"rev@x.example:reject"},
        {"rev@x.example:changes"},
        {"rev@x.example:approve"},
        {"rev@x.example:approve", "p1@one.example:approve"},
        {"rev@x.example:approve", "p1@one.example:approve", "p2@two.example:approve"}};

    @Test
    void standardMemorandaEndTheSameOnOneNodeAndOnNodesKilledAndRestartedAndCarryOnAfterMigration() throws Exception {
        // one node, file store, nothing killed
        Path single = TestHomes.fresh("e2e-continuity-single");
        DaemonProcess alone = new DaemonProcess(single).env("MEMOFLOW_SIGNING_LEVEL", "B").start();
        Map<String, String> onOne;
        try {
            onOne = scenario(single, () -> CrashRecoveryIT.memos(single), round -> { });
        } finally {
            alone.stop();
        }

        // three nodes on PostgreSQL, one killed (kill -9) and restarted after each batch of input
        Database db = Postgres.freshDatabase();
        Path shared = TestHomes.fresh("e2e-continuity-cluster");
        List<DaemonProcess> nodes = new ArrayList<>();
        try {
            for (int n = 1; n <= 3; n++) {
                nodes.add(node(shared, db, "node-" + n).start());
            }
            Map<String, String> onCluster = scenario(shared, () -> memos(db), round -> {
                DaemonProcess victim = nodes.get(round % nodes.size());
                Thread.sleep(400); // the batch is being taken (files are taken once unchanged for 150 ms)
                victim.kill();
                Thread.sleep(1000);
                victim.start();
            });
            onOne.forEach((title, end) -> System.out.println("ClusterContinuityIT: " + title + " -> " + end));
            assertThat(onCluster).as("the same states and decisions as on one node").isEqualTo(onOne);
            assertThat(nodes).allMatch(d -> d.starts() == 2 || nodes.indexOf(d) == 0 && d.starts() == 3);
            assertThat(TestHomes.files(shared.resolve("rejected"), "*")).as("nothing rejected").isEmpty();
        } finally {
            stopAll(nodes);
        }

        // the one node's store migrated into PostgreSQL; a cluster carries on with it
        String statusBefore = alone.cli("status", "--json").out();
        Database target = Postgres.freshDatabase();
        DaemonProcess.Result migrated = alone.cli("migrate", "--to", target.url(), "--user", target.user(), "--password-file",
                target.passwordFile().toString());
        assertThat(migrated.exit()).as(migrated.out() + migrated.err()).isZero();
        assertThat(migrated.out()).contains("memoranda copied: " + MEMOS, "audit chains verified: " + MEMOS, "Every audit chain verifies");
        List<DaemonProcess> after = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                after.add(node(single, target, "after-" + n).start());
            }
            assertThat(after.get(0).cli("status", "--json").out()).as("status reads the same from PostgreSQL").isEqualTo(statusBefore);
            Map<String, String> expected = new TreeMap<>(onOne);
            Map<String, String> refs = references(memos(target));
            for (int i = 1; i <= MEMOS; i++) {
                String title = title(i);
                if (i % 5 == 2 || i % 5 == 3) { // waiting for a signatory: now decides; then it is where memorandum i + 1 was
                    decide(single, refs.get(title), PLAN[(i + 1) % 5][i % 5 - 1], "after");
                    expected.put(title, onOne.get(title(i + 1)));
                }
            }
            settle(single, () -> memos(target));
            assertThat(signatures(memos(target))).as("in-flight memoranda carried on after the migration").isEqualTo(expected);
            assertThat(TestHomes.files(single.resolve("signed"), "*.pdf")).hasSize(2 * MEMOS / 5);
            DaemonProcess.Result verified = alone.cli("migrate", "--to", target.url(), "--user", target.user(), "--password-file",
                    target.passwordFile().toString());
            assertThat(verified.out()).contains("memoranda copied: 0", "audit chains verified: " + MEMOS, "Every audit chain verifies");
        } finally {
            stopAll(after);
        }
    }

    interface Chaos {
        void after(int round) throws Exception;
    }

    /** Drops the drafts, then the decisions round by round (calling {@code chaos} after each batch); returns each memorandum's end. */
    static Map<String, String> scenario(Path home, Callable<Map<String, JsonNode>> memos, Chaos chaos) throws Exception {
        for (int i = 1; i <= MEMOS; i++) {
            TestHomes.drop(home.resolve("inbox"), "draft-" + i + ".md", CrashRecoveryIT.draft(i));
        }
        chaos.after(0);
        settle(home, memos);
        for (int round = 1; round <= 3; round++) {
            Map<String, String> refs = references(memos.call());
            assertThat(refs).hasSize(MEMOS);
            for (int i = 1; i <= MEMOS; i++) {
                String[] plan = PLAN[i % 5];
                if (round <= plan.length) {
                    decide(home, refs.get(title(i)), plan[round - 1], "r" + round);
                }
            }
            chaos.after(round);
            settle(home, memos);
        }
        return signatures(memos.call());
    }

    static String title(int i) {
        return "Crash test memorandum " + i;
    }

    static void decide(Path home, String ref, String byAndDecision, String tag) {
        String[] d = byAndDecision.split(":");
        TestHomes.drop(home.resolve("decisions"), ref + "-" + tag + ".yaml",
                "memo: " + ref + "\nversion: 1\nby: " + d[0] + "\ndecision: " + d[1] + "\n");
    }

    /** Until every input was taken and every memorandum has no work left. */
    static void settle(Path home, Callable<Map<String, JsonNode>> memos) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Map<String, JsonNode> all = memos.call();
            return all.size() == MEMOS && TestHomes.files(home.resolve("inbox"), "*").isEmpty()
                    && TestHomes.files(home.resolve("decisions"), "*").isEmpty()
                    && all.values().stream().allMatch(ClusterContinuityIT::workDone);
        });
    }

    static boolean workDone(JsonNode memo) {
        for (JsonNode w : memo.path("work")) {
            if (!w.path("done").asBoolean()) {
                return false;
            }
        }
        return true;
    }

    /** Title to state, stage and the decisions in order (by:decision), for every memorandum. */
    static Map<String, String> signatures(Map<String, JsonNode> memos) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode m : memos.values()) {
            List<String> decisions = new ArrayList<>();
            m.path("decisions").forEach(d -> decisions.add(d.path("by").asText() + ":" + d.path("decision").asText()));
            out.put(m.path("title").asText(), m.path("state").asText() + "/" + m.path("stage").asInt() + "/" + String.join(",", decisions));
        }
        return out;
    }

    static Map<String, String> references(Map<String, JsonNode> memos) {
        Map<String, String> out = new TreeMap<>();
        memos.forEach((ref, m) -> out.put(m.path("title").asText(), ref));
        return out;
    }

    static Map<String, JsonNode> memos(Database db) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT reference, body FROM memo")) {
            while (rs.next()) {
                out.put(rs.getString(1), CrashRecoveryIT.JSON.readTree(rs.getString(2)));
            }
        }
        return out;
    }

    static DaemonProcess node(Path home, Database db, String name) {
        return ClusterIT.node(home, db, name).env("MEMOFLOW_WORKFLOW_DEFAULT", "standard");
    }

    static void stopAll(List<DaemonProcess> daemons) {
        for (DaemonProcess d : daemons) {
            if (d.alive()) {
                d.stop();
            }
        }
    }
}
