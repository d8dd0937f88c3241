package io.memoflow.cli;

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
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.SigningKeys;
import io.memoflow.signing.VerificationReport;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** memoflow renew: a fresh /DSS update and document timestamp on what is due, that verify and EU DSS accept. */
class RenewCommandTest {

    @TempDir
    Path home;

    private byte[] signedMemo(Memoflow m, String title) {
        String fm = "title: " + title + "\nlanguage: en\nworkflow: standard\nreviewers: [legal@x.example]\nparties:\n"
                + "  - name: A\n    signatory: Ann\n    email: a@x.example\n  - name: B\n    signatory: Bob\n    email: b@x.example\n";
        byte[] draft = ("---\n" + fm + "---\n\nThe text of " + title + ".\n").getBytes(StandardCharsets.UTF_8);
        String ref = m.service().submit(draft, title + ".md", new Intake("file", "", "file:" + title + ":1", title + ".md")).reference();
        m.service().decide(new Decision(ref, "legal@x.example", DecisionKind.APPROVE, "", "cli", ref + "d1", 0, null));
        m.service().decide(new Decision(ref, "a@x.example", DecisionKind.APPROVE, "", "cli", ref + "d2", 0, null));
        m.service().decide(new Decision(ref, "b@x.example", DecisionKind.APPROVE, "", "cli", ref + "d3", 0, null));
        return m.documents().sign(m.service().memo(ref));
    }

    private String renew(String... args) {
        RenewCommand cmd = new RenewCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        int code = new CommandLine(cmd).execute(args);
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void renewAddsADocumentTimestampToWhatIsDueThatVerifyAndDssDefaultPolicyAccept() throws Exception {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        Path signed = home.resolve("signed");
        Files.createDirectories(signed);
        byte[] lta = signedMemo(m, "Archived");
        Files.write(signed.resolve("MOU-A.pdf"), lta);
        Memoflow b = Memoflow.assemble(MemoflowSettings.of(home, Map.of("memoflow.signing.level", "B")), AdjustableClock.system());
        Files.write(signed.resolve("MOU-B.pdf"), signedMemo(b, "Plain"));

        String notDue = renew("--home", home.toString(), "--before", "P1D");
        assertThat(notDue).contains("MOU-A.pdf: not due", "MOU-B.pdf: no document timestamp", "0 renewed, 0 failed, 2 signed");
        assertThat(Files.readAllBytes(signed.resolve("MOU-A.pdf"))).isEqualTo(lta);

        String due = renew("--home", home.toString(), "--before", "P36500D");
        assertThat(due).contains("MOU-A.pdf: renewed", "1 renewed, 0 failed");
        byte[] renewed = Files.readAllBytes(signed.resolve("MOU-A.pdf"));
        assertThat(Arrays.equals(renewed, 0, lta.length, lta, 0, lta.length)).as("the old revisions are kept as they were").isTrue();

        X509Certificate ca = SigningKeys.demoCa(home.resolve("data")).orElseThrow();
        VerificationReport r = PdfVerifier.verify(renewed, List.of(ca));
        assertThat(r.exitStatus()).as(r.toText()).isZero();
        assertThat(r.signatures()).filteredOn(VerificationReport.SignatureCheck::documentTimestamp).hasSize(2);
        assertThat(r.signatures()).filteredOn(s -> !s.documentTimestamp()).extracting(VerificationReport.SignatureCheck::level)
                .containsOnly("LTA").hasSize(3);

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(ca));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(renewed, "renewed.pdf"));
        validator.setCertificateVerifier(verifier);
        SimpleReport simple = validator.validateDocument().getSimpleReport();
        assertThat(simple.getSignatureIdList()).hasSize(3);
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getSignatureFormat(id)).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
            assertThat(simple.getIndication(id)).as("%s %s", simple.getSubIndication(id), simple.getAdESValidationErrors(id))
                    .isEqualTo(Indication.TOTAL_PASSED);
        }
    }
}
