package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import io.memoflow.app.Memoflow;
import io.memoflow.signing.Certificates;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.VerificationReport;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The daemon's default signing level, LTA, end to end: memoranda signed under {@code auto} and
 * under {@code standard} with two parties pass EU DSS 6.4 with its default, unrelaxed policy and
 * only the demonstration CA trusted (no CRL given to it) as PAdES-BASELINE-LTA, TOTAL_PASSED;
 * pdfsig finds every signature valid and the document timestamp.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/LongTermSignedMemorandaTest",
        "memoflow.workflow.default=auto",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongTermSignedMemorandaTest {

    static final Path HOME = TestHomes.fresh("LongTermSignedMemorandaTest");
    static final Duration WAIT = Duration.ofSeconds(30);

    @BeanInject
    Memoflow memoflow;

    private String submit(String name, String text) {
        int before = memoflow.store().list().size();
        TestHomes.drop(HOME.resolve("inbox"), name, text);
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().size() > before);
        return memoflow.store().list().get(0).reference();
    }

    private void decide(String ref, String by) {
        TestHomes.drop(HOME.resolve("decisions"), ref + "-" + by + "-" + System.nanoTime() + ".decision",
                DecisionFiles.format(ref, 1, by, DecisionKind.APPROVE, ""));
    }

    private void awaitDecisions(String ref, int n) {
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(ref).orElseThrow().decisions.size() >= n);
    }

    static String draft(String title, String workflow) {
        return "---\ntitle: " + title + "\nauthor: secretariat@dgsn.example.ma\n" + workflow
                + "parties:\n"
                + "  - name: المديرية العامة للأمن الوطني\n    signatory: عبد اللطيف حموشي\n    title: المدير العام\n"
                + "    email: dg@dgsn.example.ma\n"
                + "  - name: Danish National Police\n    signatory: Mikael Wern\n    title: Director of Police\n"
                + "    email: mw@politi.example.dk\n"
                + "reviewers: [legal@dgsn.example.ma]\n"
                + "---\n# " + title + "\n\nتتعاون الأطراف في مجال الأمن. The parties cooperate.\n";
    }

    @Test
    void underAutoAndUnderStandardWithTwoPartiesDssDefaultPolicyPassesEverySignatureAsLtaAndPdfsigFindsThemValid()
            throws Exception {
        String auto = submit("auto.md", draft("Automatic cooperation", ""));
        byte[] autoPdf = Files.readAllBytes(TestHomes.await(HOME.resolve("signed"), auto + ".pdf", 1, WAIT).get(0));

        String standard = submit("standard.md", draft("Reviewed cooperation", "workflow: standard\n"));
        decide(standard, "legal@dgsn.example.ma");
        awaitDecisions(standard, 1);
        decide(standard, "dg@dgsn.example.ma");
        awaitDecisions(standard, 2);
        decide(standard, "mw@politi.example.dk");
        byte[] standardPdf = Files.readAllBytes(TestHomes.await(HOME.resolve("signed"), standard + ".pdf", 1, WAIT).get(0));

        X509Certificate ca = Certificates.readPem(HOME.resolve("data/keys/demo-ca.pem")).get(0);
        // auto seals at once (the seal alone); standard: the seal and both parties' signatures
        for (var entry : List.of(java.util.Map.entry(autoPdf, 1), java.util.Map.entry(standardPdf, 3))) {
            byte[] pdf = entry.getKey();
            int signatures = entry.getValue();
            CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
            trusted.addCertificate(new CertificateToken(ca));
            CommonCertificateVerifier verifier = new CommonCertificateVerifier();
            verifier.setTrustedCertSources(trusted);
            SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "memo.pdf"));
            validator.setCertificateVerifier(verifier);
            SimpleReport simple = validator.validateDocument().getSimpleReport(); // the default policy
            List<String> summary = new ArrayList<>();
            for (String id : simple.getSignatureIdList()) {
                summary.add(simple.getSignedBy(id) + ": " + simple.getSignatureFormat(id) + " " + simple.getIndication(id) + " "
                        + simple.getSubIndication(id) + " " + simple.getAdESValidationErrors(id));
            }
            assertThat(simple.getSignatureIdList()).as(String.join("\n", summary)).hasSize(signatures);
            for (String id : simple.getSignatureIdList()) {
                assertThat(simple.getSignatureFormat(id)).as(String.join("\n", summary)).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
                assertThat(simple.getIndication(id)).as(String.join("\n", summary)).isEqualTo(Indication.TOTAL_PASSED);
            }

            VerificationReport ours = PdfVerifier.verify(pdf, List.of(ca));
            assertThat(ours.exitStatus()).as(ours.toText()).isZero();
            assertThat(ours.signatures()).filteredOn(s -> !s.documentTimestamp()).extracting(VerificationReport.SignatureCheck::level)
                    .hasSize(signatures).containsOnly("LTA");

            String pdfsig = pdfsig(pdf);
            assertThat(pdfsig.split("Signature #", -1)).as(pdfsig).hasSize(signatures + 2);
            assertThat(pdfsig.split("Signature Validation: Signature is Valid\\.", -1)).as(pdfsig).hasSize(signatures + 1);
            assertThat(pdfsig).contains("Signature Field Name: memoflow-timestamp-1",
                    "Signer Certificate Common Name: memoflow demonstration timestamp authority");
        }
    }

    private static String pdfsig(byte[] pdf) throws IOException, InterruptedException {
        Path file = Files.createTempFile("memoflow-lta", ".pdf");
        try {
            Files.write(file, pdf);
            Process p = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return out; // pdfsig exits 0 even for invalid signatures: its output is what counts
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
