package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EU DSS validator (6.4) reads every signature of a signed memorandum as PAdES-BASELINE-B.
 * With only the demonstration CA trusted, DSS cannot reach TOTAL_PASSED because it has no
 * revocation data for the demonstration certificates (offline); given a CRL issued by the
 * demonstration CA, every signature is TOTAL_PASSED.
 */
class DssValidationTest {

    private static Reports trustOnly;
    private static Reports withCrl;

    @BeforeAll
    static void validate() throws Exception {
        SignedMemos memos = SignedMemos.get();
        trustOnly = validate(memos, null);
        withCrl = validate(memos, demoCaCrl(memos));
    }

    private static Reports validate(SignedMemos memos, byte[] crl) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(memos.keys.caCertificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        if (crl != null) {
            verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(crl)));
        }
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(new InMemoryDocument(memos.signed, "memo.pdf"));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument();
    }

    /** An empty CRL of the demonstration CA, issued now (as a CA would publish it). */
    private static byte[] demoCaCrl(SignedMemos memos) throws Exception {
        char[] password = KeyStores.passwordFromFile(memos.dataDir.resolve("keys").resolve(DemoKeys.PASSWORD), "test");
        SigningIdentity ca = KeyStores.load(memos.dataDir.resolve("keys").resolve(DemoKeys.CA_P12), password, null, "CA");
        Instant now = Instant.now();
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                Date.from(now.minusSeconds(60)));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate().getPublicKey()));
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())).getEncoded();
    }

    private static List<String> summary(Reports reports) {
        SimpleReport simple = reports.getSimpleReport();
        List<String> out = new ArrayList<>();
        for (String id : simple.getSignatureIdList()) {
            List<String> errors = new ArrayList<>();
            for (Message m : simple.getAdESValidationErrors(id)) {
                errors.add(m.getValue());
            }
            out.add(simple.getSignedBy(id) + ": " + simple.getSignatureFormat(id) + " " + simple.getIndication(id) + " "
                    + simple.getSubIndication(id) + " " + errors);
        }
        return out;
    }

    @Test
    void everySignatureIsReadAsPadesBaselineB() {
        SimpleReport simple = trustOnly.getSimpleReport();
        assertThat(simple.getSignatureIdList()).hasSize(3);
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getSignatureFormat(id)).as("format of %s", id).isEqualTo(SignatureLevel.PAdES_BASELINE_B);
        }
    }

    @Test
    void withTheDemoCaTrustedEverySignatureIsIntactAndOnlyRevocationDataIsMissing() {
        List<String> summary = summary(trustOnly);
        System.out.println("DSS 6.4, demo CA trusted, no revocation data:\n  " + String.join("\n  ", summary));
        DiagnosticData diagnostic = trustOnly.getDiagnosticData();
        assertThat(diagnostic.getSignatures()).hasSize(3);
        for (SignatureWrapper s : diagnostic.getSignatures()) {
            assertThat(s.isSignatureIntact()).as("intact: %s", s.getId()).isTrue();
            assertThat(s.isSignatureValid()).as("valid: %s", s.getId()).isTrue();
            assertThat(s.isSigningCertificateIdentified()).as("signing certificate: %s", s.getId()).isTrue();
            assertThat(s.getCertificateChain()).as("chain of %s", s.getId()).last()
                    .matches(c -> c.isTrusted(), "ends at the trusted demo CA");
        }
        SimpleReport simple = trustOnly.getSimpleReport();
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getIndication(id)).as(String.join("\n", summary)).isIn(Indication.TOTAL_PASSED, Indication.INDETERMINATE);
        }
    }

    @Test
    void withACrlOfTheDemoCaEverySignatureIsTotalPassed() {
        List<String> summary = summary(withCrl);
        System.out.println("DSS 6.4, demo CA trusted, CRL of the demo CA given:\n  " + String.join("\n  ", summary));
        SimpleReport simple = withCrl.getSimpleReport();
        assertThat(simple.getSignatureIdList()).hasSize(3);
        for (String id : simple.getSignatureIdList()) {
            assertThat(simple.getIndication(id)).as(String.join("\n", summary)).isEqualTo(Indication.TOTAL_PASSED);
        }
    }

    @Test
    void theCertificationIsFormFillAndSigningAndDssSeesNoChangesBeyondSignatures() {
        DiagnosticData diagnostic = withCrl.getDiagnosticData();
        SignatureWrapper seal = diagnostic.getSignatures().stream()
                .filter(s -> s.getSignatureFieldNames().contains(PdfSigner.SEAL_FIELD)).findFirst().orElseThrow();
        assertThat(seal.getDocMDPPermissions()).isEqualTo(CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        assertThat(seal.getDocMDPPermissions().getCode()).isEqualTo(PdfSigner.DOC_MDP_PERMISSIONS);
        for (SignatureWrapper s : diagnostic.getSignatures()) {
            assertThat(s.arePdfModificationsDetected()).as("visual/page modifications after %s", s.getSignatureFieldNames()).isFalse();
            assertThat(s.getPdfUndefinedChanges()).as("undefined changes after %s", s.getSignatureFieldNames()).isEmpty();
            assertThat(s.getPdfAnnotationChanges()).as("annotation changes after %s", s.getSignatureFieldNames()).isEmpty();
        }
    }
}
