package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.document.PdfTools;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.DaemonProcess.Result;
import io.memoflow.testing.Fixtures;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The real program, as a user runs it: a separate process on a home folder, driven by files and the command line. */
class DaemonEndToEndIT {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anEmptyFolderStartsTheDaemonWithNoConfigurationAndItSaysWhatItWatches() {
        Path home = TestHomes.fresh("e2e-empty");
        try (DaemonProcess daemon = new DaemonProcess(home).start()) {
            assertThat(daemon.logText()).contains("watching " + home.resolve("inbox")).contains(home.resolve("decisions").toString())
                    .contains("no SMTP server configured");
            for (String folder : List.of("inbox", "decisions", "outbox", "signed", "rejected", "data")) {
                assertThat(home.resolve(folder)).isDirectory();
            }
        }
    }

    @Test
    void routesInTheHomeFolderReplaceThePackagedOnesWithoutRecompiling() throws Exception {
        Path home = TestHomes.fresh("e2e-routes");
        Path routes = Files.createDirectories(home.resolve("routes"));
        try (var packaged = Files.list(Path.of("routes"))) {
            for (Path r : (Iterable<Path>) packaged::iterator) {
                String yaml = Files.readString(r);
                if (r.getFileName().toString().equals("inbox.camel.yaml")) {
                    assertThat(yaml).contains("- name: folder\n        value: inbox\n");
                    yaml = yaml.replace("- name: folder\n        value: inbox\n", "- name: folder\n        value: drop\n");
                }
                Files.writeString(routes.resolve(r.getFileName()), yaml);
            }
        }
        // a second intake folder, as the README shows it: one short templated route
        Files.writeString(routes.resolve("urgent.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: folder-intake
                    routeId: urgent-intake
                    parameters:
                      - name: folder
                        value: urgent
                      - name: kind
                        value: draft
                      - name: archive
                        value: intake
                """);
        Files.createDirectories(home.resolve("drop"));
        Files.createDirectories(home.resolve("urgent"));
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_WORKFLOW_DEFAULT", "auto").start()) {
            TestHomes.drop(home.resolve("inbox"), "ignored.md", "# Not read from inbox\n\nText.\n");
            TestHomes.drop(home.resolve("drop"), "taken.md", "# Read from drop\n\nText.\n");
            TestHomes.drop(home.resolve("urgent"), "urgent.md", "# Read from urgent\n\nText.\n");
            TestHomes.await(home.resolve("signed"), "MOU-*.pdf", 2, WAIT);
            Thread.sleep(1500);
            assertThat(TestHomes.files(home.resolve("signed"), "MOU-*.pdf")).hasSize(2);
            assertThat(home.resolve("inbox").resolve("ignored.md")).exists();
            assertThat(TestHomes.files(home.resolve("drop"), "*.md")).isEmpty();
            assertThat(TestHomes.files(home.resolve("urgent"), "*.md")).isEmpty();
            assertThat(TestHomes.files(home.resolve("data/intake"), "*.md")).hasSize(2);
        }
    }

    @Test
    void aPlainArabicDraftBecomesASignedPdfWithinTenSecondsUnderAuto() throws Exception {
        Path home = TestHomes.fresh("e2e-auto");
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_WORKFLOW_DEFAULT", "auto").start()) {
            long t0 = System.nanoTime();
            TestHomes.drop(home.resolve("inbox"), "article.txt", Fixtures.bytes(Fixtures.PASTED_ARTICLE));
            List<Path> signed = TestHomes.await(home.resolve("signed"), "MOU-*.pdf", 1, Duration.ofSeconds(10));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isLessThanOrEqualTo(10_000);
            assertThat(Files.readAllBytes(signed.get(0))).startsWith("%PDF-".getBytes());
            String sample = Fixtures.text(Fixtures.PASTED_ARTICLE);
            double recall = PdfTools.recall(PdfTools.words(sample), PdfTools.words(PdfTools.pdftotext(signed.get(0))));
            System.out.println("DaemonEndToEndIT: " + ms + " ms drop-to-signed, pdftotext word recall " + recall);
            assertThat(recall).isGreaterThanOrEqualTo(0.99);
        }
    }

    @Test
    void aStandardMemorandumReachesItsSignedPdfThroughTheCommandLineAcrossARestart() throws Exception {
        Path home = TestHomes.fresh("e2e-standard");
        Path draft = home.resolveSibling("e2e-standard-draft.md");
        Files.writeString(draft, """
                ---
                title: مذكرة تفاهم بشأن التعاون الأمني
                author: secretariat@dgsn.example.ma
                parties:
                  - name: المديرية العامة للأمن الوطني
                    signatory: عبد اللطيف حموشي
                    title: المدير العام
                    email: dg@dgsn.example.ma
                  - name: Danish National Police
                    signatory: Mikael Wern
                    title: Director of Police
                    email: mw@politi.example.dk
                reviewers: [legal@dgsn.example.ma, security@dgsn.example.ma]
                cc: [embassy@um.example.dk]
                ---
                # مذكرة تفاهم بشأن التعاون الأمني

                يتعاون الطرفان في مكافحة الجريمة المنظمة وتبادل الخبرات.
                """);
        try (DaemonProcess daemon = new DaemonProcess(home).start()) {
            Result submitted = daemon.cli("submit", draft.toString());
            assertThat(submitted.exit()).as(submitted.err()).isZero();
            TestHomes.await(home.resolve("outbox"), "*-request.eml", 2, WAIT);
            Result list = daemon.cli("status");
            assertThat(list.out()).contains("MOU-").contains("in review").contains("legal@dgsn.example.ma");
            String ref = list.out().lines().filter(l -> l.startsWith("MOU-")).findFirst().orElseThrow().split("\\s+")[0];

            assertThat(daemon.cli("decide", ref, "approve", "--as", "legal@dgsn.example.ma").exit()).isZero();
            awaitDecisions(daemon, ref, 1);

            daemon.stop(); // a restart in the middle of the workflow
            daemon.start();

            assertThat(daemon.cli("decide", ref, "approve", "--as", "security@dgsn.example.ma", "--comment", "لا مانع").exit()).isZero();
            TestHomes.await(home.resolve("outbox"), ref + "-*-request.eml", 3, WAIT);
            assertThat(daemon.cli("decide", ref, "approve", "--as", "dg@dgsn.example.ma").exit()).isZero();
            TestHomes.await(home.resolve("outbox"), ref + "-*-request.eml", 4, WAIT);
            assertThat(daemon.cli("decide", ref, "approve", "--as", "mw@politi.example.dk").exit()).isZero();

            TestHomes.await(home.resolve("signed"), ref + ".pdf", 1, WAIT);
            TestHomes.await(home.resolve("outbox"), ref + "-*-completed.eml", 4, WAIT);

            Path pdf = home.resolve("signed").resolve(ref + ".pdf");
            Result verified = daemon.cli("verify", pdf.toString());
            assertThat(verified.exit()).as(verified.out() + verified.err()).isZero();
            assertThat(verified.out()).startsWith("VALID: 3 signatures").contains("certification (DocMDP P=2): valid")
                    .contains("signer:       عبد اللطيف حموشي").contains("signer:       Mikael Wern");

            Result history = daemon.cli("status", ref);
            assertThat(history.out()).contains("state:     completed").contains("Approved by legal@dgsn.example.ma")
                    .contains("Approved by mw@politi.example.dk via cli").contains("لا مانع").contains("signed:");
            JsonNode json = new ObjectMapper().readTree(daemon.cli("status", ref, "--json").out());
            assertThat(json.path("state").asText()).isEqualTo("COMPLETED");
            assertThat(json.path("history").size()).isGreaterThan(10);
        }
    }

    private static void awaitDecisions(DaemonProcess daemon, String ref, int n) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            Result r = daemon.cli("status", ref, "--json");
            return r.exit() == 0 && new ObjectMapper().readTree(r.out()).path("decisions").size() >= n;
        });
    }
}
