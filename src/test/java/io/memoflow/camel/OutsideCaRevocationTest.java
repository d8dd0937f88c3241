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
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.SigningKeys;
import io.memoflow.signing.VerificationReport;
import io.memoflow.testing.LoopbackTsa;
import io.memoflow.testing.TestHomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Level LTA with memoflow.tsa.url pointing at an outside authority whose CA publishes its CRL
 * over HTTP at the address in the authority's certificate: while that address is down the
 * memorandum waits, status naming the certificate and the address; once it is up the memorandum
 * completes with the outside authority's timestamps and its CA's CRL in /DSS, and EU DSS 6.4 with
 * its default policy and both CAs trusted passes every signature as PAdES-BASELINE-LTA.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/OutsideCaRevocationTest",
        "memoflow.workflow.default=auto",
        "memoflow.sweep.period-ms=200",
        "memoflow.retry.attempts=1", "memoflow.retry.delay-ms=50",
        "memoflow.work.retry-first-ms=300", "memoflow.work.retry-max-ms=1000",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsideCaRevocationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path HOME = TestHomes.fresh("OutsideCaRevocationTest");
    static final LoopbackTsa TSA = new LoopbackTsa(LoopbackTsa.freePort()).start(0);

    static {
        try {
            Files.writeString(HOME.resolve("memoflow.properties"), "memoflow.signing.level=LTA\n"
                    + "memoflow.tsa.url=" + TSA.url() + "\nmemoflow.revocation.timeout-ms=2000\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeanInject
    Memoflow memoflow;

    @AfterAll
    void stopTheAuthority() {
        TSA.close();
    }

    @Test
    void whileTheCasCrlAddressIsDownTheMemorandumWaitsAndOnceUpItCompletesAsLtaThatDssPasses() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "crl.md", "# Memorandum on revoked cooperation\n\nThe parties cooperate.\n");
        Awaitility.await().atMost(WAIT).until(() -> signing().map(w -> w.attempts >= 2).orElse(false));
        Memo.WorkItem failing = signing().orElseThrow();
        assertThat(failing.done).isFalse();
        assertThat(failing.lastError).contains("No CRL for '" + LoopbackTsa.NAME + "'", TSA.crlUrl());
        assertThat(TestHomes.files(HOME.resolve("signed"), "*.pdf")).isEmpty();
        String reference = memo().reference;
        assertThat(OutsideTsaOutageTest.status(HOME, reference)).contains("failing:", "No CRL for", TSA.crlUrl(), "next try after");

        TSA.startCrl();
        byte[] pdf = Files.readAllBytes(TestHomes.await(HOME.resolve("signed"), reference + ".pdf", 1, WAIT).get(0));
        Awaitility.await().atMost(WAIT).until(() -> memo().state == MemoState.COMPLETED);
        X509Certificate demoCa = SigningKeys.demoCa(HOME.resolve("data")).orElseThrow();

        VerificationReport ours = PdfVerifier.verify(pdf, List.of(demoCa, TSA.ca));
        assertThat(ours.exitStatus()).as(ours.toText()).isZero();
        assertThat(ours.signatures()).isNotEmpty().allSatisfy(s -> assertThat(s.timestampAuthority()).isEqualTo(LoopbackTsa.NAME));
        assertThat(ours.signatures()).filteredOn(s -> !s.documentTimestamp()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.level()).isEqualTo("LTA"));
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("/DSS");

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(demoCa));
        trusted.addCertificate(new CertificateToken(TSA.ca));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "memo.pdf"));
        validator.setCertificateVerifier(verifier);
        SimpleReport simple = validator.validateDocument().getSimpleReport();
        List<String> summary = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            summary.add(simple.getSignedBy(id) + ": " + simple.getSignatureFormat(id) + " " + simple.getIndication(id) + " "
                    + simple.getSubIndication(id) + " " + simple.getAdESValidationErrors(id));
        }
        assertThat(simple.getSignatureIdList()).as(String.join("\n", summary)).isNotEmpty();
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getSignatureFormat(id)).as(String.join("\n", summary)).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
            assertThat(simple.getIndication(id)).as(String.join("\n", summary)).isEqualTo(Indication.TOTAL_PASSED);
        }
    }

    Memo memo() {
        return memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on revoked cooperation")).findFirst().orElseThrow();
    }

    Optional<Memo.WorkItem> signing() {
        return memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on revoked cooperation"))
                .flatMap(m -> m.work.stream()).filter(w -> w.kind == WorkKind.SIGN).findFirst();
    }
}
