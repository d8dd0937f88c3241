package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.audit.AuditLog;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.VerificationReport;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.Eml;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once across crashes: the real daemon gets a burst of drafts and, as it asks for them,
 * decisions, while it is killed with kill -9 at random moments and restarted. In the end every
 * draft has one reference and one signed PDF, each party one completion mail, and nothing
 * temporary or partial is left anywhere. {@code -Dcrash.drafts} and {@code -Dcrash.kills} make it
 * longer (the soak profile does).
 */
class CrashRecoveryIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void killedAtRandomMomentsTheDaemonStillProcessesEveryDraftExactlyOnce() throws Exception {
        int drafts = Integer.getInteger("crash.drafts", 12);
        int kills = Integer.getInteger("crash.kills", 4);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryIT: " + drafts + " drafts, " + kills + " kills, seed " + seed);
        Random random = new Random(seed);
        Path home = TestHomes.fresh("e2e-crash");
        DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_SWEEP_PERIOD_MS", "1000").start();
        try {
            for (int i = 1; i <= drafts; i++) {
                TestHomes.drop(home.resolve("inbox"), "draft-" + i + ".md", draft(i));
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger killed = new AtomicInteger();
            Thread killer = new Thread(() -> {
                try {
                    while (!done.get() && killed.get() < kills) {
                        Thread.sleep(1000 + random.nextInt(3000));
                        daemon.kill();
                        killed.incrementAndGet();
                        daemon.start();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "killer");
            killer.start();

            Set<String> decided = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (System.nanoTime() < deadline) {
                Map<String, JsonNode> memos = memos(home);
                long completed = memos.values().stream().filter(m -> m.path("state").asText().equals("COMPLETED")
                        && m.path("work").findValues("done").stream().allMatch(JsonNode::asBoolean)).count();
                if (completed == drafts && killed.get() >= kills) {
                    break;
                }
                for (JsonNode m : memos.values()) {
                    for (String assignee : waitingFor(m)) {
                        String key = m.path("reference").asText() + "/" + m.path("stage").asInt() + "/" + assignee;
                        if (decided.add(key)) {
                            TestHomes.drop(home.resolve("decisions"), key.replaceAll("[^A-Za-z0-9-]", "_") + ".decision",
                                    DecisionFiles.format(m.path("reference").asText(), m.path("version").asInt(), assignee, DecisionKind.APPROVE, ""));
                        }
                    }
                }
                Thread.sleep(200);
            }
            done.set(true);
            killer.join();
            assertThat(killed.get()).as("kills done").isEqualTo(kills);
            daemon.stop();

            Map<String, JsonNode> memos = memos(home);
            assertThat(memos).as("one reference per draft").hasSize(drafts);
            Map<String, Integer> titles = new HashMap<>();
            memos.values().forEach(m -> titles.merge(m.path("title").asText(), 1, Integer::sum));
            assertThat(titles.values()).containsOnly(1);
            var trusted = PdfVerifier.trustedCertificates(home.resolve("data"), List.of());
            for (JsonNode m : memos.values()) {
                String ref = m.path("reference").asText();
                assertThat(m.path("state").asText()).as(ref).isEqualTo("COMPLETED");
                List<String> audit = new ArrayList<>();
                m.path("audit").forEach(a -> audit.add(a.asText()));
                assertThat(AuditLog.verify(audit)).as(ref + " audit chain").isEmpty();
                VerificationReport report = PdfVerifier.verify(Files.readAllBytes(home.resolve("signed").resolve(ref + ".pdf")), trusted);
                assertThat(report.valid()).as(ref + ": " + report.toText()).isTrue();
                assertThat(report.signatures()).filteredOn(s -> !s.documentTimestamp()).hasSize(3); // and, at LTA, the document timestamp
                List<String> completionTo = new ArrayList<>();
                for (Path eml : TestHomes.files(home.resolve("outbox"), ref + "-*-completed.eml")) {
                    completionTo.addAll(Eml.to(Eml.read(eml)));
                }
                assertThat(completionTo).as(ref + " completion mails").filteredOn(a -> a.startsWith("p"))
                        .containsExactlyInAnyOrder("p1@one.example", "p2@two.example");
            }
            assertThat(TestHomes.files(home.resolve("signed"), "*")).hasSize(drafts);
            assertThat(TestHomes.files(home.resolve("rejected"), "*")).as("nothing rejected").isEmpty();
            assertThat(TestHomes.files(home.resolve("inbox"), "*")).isEmpty();
            assertThat(TestHomes.files(home.resolve("decisions"), "*")).isEmpty();
            try (Stream<Path> all = Files.walk(home)) {
                assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp") || p.getFileName().toString().startsWith(".")))
                        .as("temporary or partial files").isEmpty();
            }
        } finally {
            daemon.close();
        }
    }

    static String draft(int i) {
        return "---\ntitle: Crash test memorandum " + i + "\nauthor: author@x.example\nreviewers: [rev@x.example]\n"
                + "parties:\n  - name: One\n    signatory: Signatory One\n    email: p1@one.example\n"
                + "  - name: Two\n    signatory: Signatory Two\n    email: p2@two.example\n---\n"
                + "# Crash test memorandum " + i + "\n\n" + "يتعاون الطرفان. The parties cooperate. ".repeat(40) + "\n";
    }

    static Map<String, JsonNode> memos(Path home) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        Path dir = home.resolve("data").resolve("memos");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        for (Path memo : TestHomes.files(dir, "*")) {
            Path json = memo.resolve("memo.json");
            if (Files.exists(json)) {
                try {
                    out.put(memo.getFileName().toString(), JSON.readTree(json.toFile()));
                } catch (java.io.IOException e) {
                    // replaced while being read: the next look sees it
                }
            }
        }
        return out;
    }

    /** Assignees asked in the current stage who have not decided. */
    static List<String> waitingFor(JsonNode m) {
        List<String> out = new ArrayList<>();
        if (!m.path("state").asText().equals("IN_REVIEW")) {
            return out;
        }
        int stage = m.path("stage").asInt();
        int version = m.path("version").asInt();
        JsonNode run = m.path("run").path(stage);
        Set<String> decided = new HashSet<>();
        m.path("decisions").forEach(d -> {
            if (d.path("stage").asInt() == stage && d.path("version").asInt() == version) {
                decided.add(d.path("by").asText());
            }
        });
        run.path("asked").forEach(a -> {
            if (!decided.contains(a.asText())) {
                out.add(a.asText());
            }
        });
        return out;
    }
}
