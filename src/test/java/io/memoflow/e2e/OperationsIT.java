package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Health and metrics over HTTP from the real daemon, as an operator's monitoring sees them. */
class OperationsIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithItsChecksListedAndDownWithTheReasonWhenTheInboxCannotBeWritten() throws Exception {
        Path home = TestHomes.fresh("e2e-health");
        int port = DaemonProcess.freePort();
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_HTTP_PORT", String.valueOf(port)).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port, "/observe/health").statusCode() == 200);
            JsonNode up = new ObjectMapper().readTree(get(port, "/observe/health").body());
            assertThat(up.path("status").asText()).isEqualTo("UP");
            List<String> checks = new ArrayList<>();
            up.path("checks").forEach(c -> checks.add(c.path("name").asText()));
            assertThat(checks).contains("memoflow-folders", "memoflow-store", "memoflow-keys", "route:inbox-intake",
                    "consumer:inbox-intake", "context");

            // the inbox is replaced by a plain file: nothing can be dropped into it any more
            Files.move(home.resolve("inbox"), home.resolve("inbox.away"));
            Files.writeString(home.resolve("inbox"), "not a folder");
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port, "/observe/health").statusCode() == 503);
            String down = get(port, "/observe/health").body();
            JsonNode json = new ObjectMapper().readTree(down);
            assertThat(json.path("status").asText()).isEqualTo("DOWN");
            JsonNode folders = null;
            for (JsonNode c : json.path("checks")) {
                if (c.path("name").asText().equals("memoflow-folders")) {
                    folders = c;
                }
            }
            assertThat(folders).isNotNull();
            assertThat(folders.path("status").asText()).isEqualTo("DOWN");
            assertThat(folders.path("message").asText()).isEqualTo("the inbox folder is missing or is not a folder");

            Files.delete(home.resolve("inbox"));
            Files.move(home.resolve("inbox.away"), home.resolve("inbox"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> get(port, "/observe/health").statusCode() == 200);
        }
    }

    @Test
    void metricsCountMemorandaByStateDecisionsStageDurationsAndFailures() throws Exception {
        Path home = TestHomes.fresh("e2e-metrics");
        int port = DaemonProcess.freePort();
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_HTTP_PORT", String.valueOf(port)).start()) {
            TestHomes.drop(home.resolve("inbox"), "m.md", "---\ntitle: Metrics memo\nreviewers: [r@x.example]\n"
                    + "parties:\n  - name: One\n    signatory: S One\n    email: s1@one.example\n---\nText.\n");
            TestHomes.drop(home.resolve("inbox"), "bad.md", "---\nworkflow: nope\n---\nText.\n");
            TestHomes.await(home.resolve("outbox"), "*-request.eml", 1, Duration.ofSeconds(20));
            String ref = TestHomes.files(home.resolve("outbox"), "*-request.eml").get(0).getFileName().toString().substring(0, 13);
            TestHomes.drop(home.resolve("decisions"), "1.decision", DecisionFiles.format(ref, 1, "r@x.example", DecisionKind.APPROVE, ""));
            TestHomes.await(home.resolve("outbox"), ref + "-*-request.eml", 2, Duration.ofSeconds(20));
            TestHomes.drop(home.resolve("decisions"), "2.decision", DecisionFiles.format(ref, 1, "s1@one.example", DecisionKind.APPROVE, ""));
            TestHomes.await(home.resolve("signed"), ref + ".pdf", 1, Duration.ofSeconds(20));
            Thread.sleep(5500); // the state gauge is refreshed at most every 5 s

            String metrics = get(port, "/observe/metrics").body();
            assertThat(metrics).contains("memoflow_memoranda{state=\"completed\"} 1.0")
                    .contains("memoflow_decisions_total{channel=\"file\",decision=\"approve\"} 2.0")
                    .contains("memoflow_drafts_accepted_total{channel=\"file\"} 1.0")
                    .contains("memoflow_inputs_rejected_total{source=\"inbox\"} 1.0")
                    .contains("memoflow_stage_duration_seconds_count{stage=\"review\"} 1")
                    .contains("memoflow_stage_duration_seconds_count{stage=\"signature\"} 1")
                    .contains("memoflow_completed_total 1.0")
                    .contains("memoflow_deliveries_failed_total 0.0");
        }
    }
}
