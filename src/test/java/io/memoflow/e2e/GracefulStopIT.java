package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** SIGTERM during a burst: the daemon exits within its shutdown timeout, and a restart finishes everything once. */
class GracefulStopIT {

    @Test
    void sigtermDuringABurstStopsWithinTheTimeoutAndARestartFinishesEveryDraftOnce() throws Exception {
        int drafts = 40;
        Path home = TestHomes.fresh("e2e-sigterm");
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_WORKFLOW_DEFAULT", "auto")
                .env("MEMOFLOW_SHUTDOWN_TIMEOUT_SECONDS", "10").start()) {
            for (int i = 1; i <= drafts; i++) {
                TestHomes.drop(home.resolve("inbox"), "burst-" + i + ".md", "# Burst memorandum " + i + "\n\n"
                        + "يتعاون الطرفان في مجال الأمن. ".repeat(60) + "\n");
            }
            TestHomes.await(home.resolve("signed"), "*.pdf", 3, Duration.ofSeconds(30));
            Duration took = daemon.stop();
            System.out.println("GracefulStopIT: stopped in " + took.toMillis() + " ms with "
                    + TestHomes.files(home.resolve("signed"), "*.pdf").size() + " of " + drafts + " signed");
            assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(daemon.logText()).doesNotContain("Exception in thread");

            daemon.start();
            TestHomes.await(home.resolve("signed"), "*.pdf", drafts, Duration.ofSeconds(90));
            Thread.sleep(1500);
            daemon.stop();
        }
        Map<String, JsonNode> memos = CrashRecoveryIT.memos(home);
        assertThat(memos).hasSize(drafts);
        Map<String, Integer> titles = new HashMap<>();
        memos.values().forEach(m -> titles.merge(m.path("title").asText(), 1, Integer::sum));
        assertThat(titles).hasSize(drafts);
        assertThat(titles.values()).containsOnly(1);
        assertThat(memos.values()).allMatch(m -> m.path("state").asText().equals("COMPLETED"));
        assertThat(TestHomes.files(home.resolve("signed"), "*.pdf")).hasSize(drafts);
        assertThat(TestHomes.files(home.resolve("rejected"), "*")).isEmpty();
        assertThat(TestHomes.files(home.resolve("inbox"), "*")).isEmpty();
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
