package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PAdES B-LTA with memoflow's built-in timestamp authority: EU DSS 6.4, validating with its
 * default policy and only the demonstration CA trusted (no CRL given to it), passes every
 * signature as PAdES-BASELINE-LTA; pdfsig finds every signature valid and the document timestamp.
 */
class LongTermSignatureTest {

    static Reports dss(byte[] pdf, SignedMemos memos) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(memos.keys.caCertificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(pdf, "memo.pdf"));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument(); // the default validation policy
    }

    static List<String> summary(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        List<String> out = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            List<String> errors = new ArrayList<>();
            for (Message m : simple.getAdESValidationErrors(id)) {
                errors.add(m.getValue());
            }
            for (Message m : simple.getQualificationErrors(id)) {
                errors.add("q: " + m.getValue());
            }
            out.add(simple.getSignedBy(id) + ": " + simple.getSignatureFormat(id) + " " + simple.getIndication(id) + " "
                    + simple.getSubIndication(id) + " " + errors);
        }
        for (String id : simple.getTimestampIdList()) {
            out.add("timestamp " + id + ": " + simple.getIndication(id) + " " + simple.getSubIndication(id) + " "
                    + simple.getAdESValidationErrors(id).stream().map(Message::getValue).toList());
        }
        return out;
    }

    @Test
    void dssWithItsDefaultPolicyAndOnlyTheDemoCaPassesEverySignatureAsPadesBaselineLta() {
        SignedMemos memos = SignedMemos.get(SigningLevel.LTA);
        Reports reports = dss(memos.signed, memos);
        List<String> summary = summary(reports);
        System.out.println("DSS 6.4, default policy, demo CA trusted, nothing else given (LTA):\n  " + String.join("\n  ", summary));
        VerificationReport ours = PdfVerifier.verify(memos.signed, memos.trusted());
        System.out.println("timestamps: " + ours.signatures().stream().map(s -> String.valueOf(s.timestampTime())).toList()
                + ", CRL issued at " + reports.getDiagnosticData().getAllRevocationData().stream()
                .map(r -> String.valueOf(r.getThisUpdate().toInstant())).distinct().toList());
        SimpleReport simple = reports.getSimpleReport();
        assertThat(simple.getSignatureIdList()).hasSize(3);
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getSignatureFormat(id)).as(String.join("\n", summary)).isEqualTo(SignatureLevel.PAdES_BASELINE_LTA);
            assertThat(simple.getIndication(id)).as(String.join("\n", summary)).isEqualTo(Indication.TOTAL_PASSED);
        }
    }

    @Test
    void pdfsigFindsEverySignatureValidAndTheDocumentTimestamp() {
        SignedMemos memos = SignedMemos.get(SigningLevel.LTA);
        String output = Poppler.run("pdfsig", memos.write("lta.pdf", memos.signed).toString());
        List<Map<String, String>> sigs = Poppler.pdfsig(output);
        assertThat(sigs).as(output).hasSize(4);
        for (Map<String, String> s : sigs.subList(0, 3)) {
            assertThat(s.get("Signature Validation")).as(output).isEqualTo("Signature is Valid.");
            assertThat(s.get("Signature Type")).as(output).isEqualTo("ETSI.CAdES.detached");
        }
        // poppler lists the document timestamp but does not validate ETSI.RFC3161 ("Signature Type: unknown")
        Map<String, String> timestamp = sigs.get(3);
        assertThat(timestamp.get("Signature Field Name")).as(output).isEqualTo(PdfSigner.TIMESTAMP_FIELD + "-1");
        assertThat(timestamp.get("Signer Certificate Common Name")).as(output).isEqualTo(DemoKeys.TSA_NAME);
        assertThat(timestamp).as(output).containsKey("Total document signed");
    }
}
