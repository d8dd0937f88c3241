package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

import org.junit.jupiter.api.Test;

/** memoflow's own offline verification of a signed memorandum, and what it reports when the file was changed. */
class PdfVerifierTest {

    private final SignedMemos memos = SignedMemos.get();

    private VerificationReport verify(byte[] pdf) {
        return PdfVerifier.verify(pdf, memos.trusted());
    }

    @Test
    void aSealedAndSignedMemorandumIsValidWithEveryCheckPassing() throws Exception {
        VerificationReport r = verify(memos.signed);
        assertThat(r.problems()).isEmpty();
        assertThat(r.valid()).isTrue();
        assertThat(r.exitStatus()).isZero();
        assertThat(r.revisions()).isEqualTo(4);
        assertThat(r.signatures()).extracting(VerificationReport.SignatureCheck::signer)
                .containsExactly("memoflow demonstration seal", "Abdellatif Hammouchi", "Mikael Wern");
        assertThat(r.signatures()).extracting(VerificationReport.SignatureCheck::email)
                .containsExactly("", "dg@dgsn.example.ma", "mw@politi.example.dk");
        assertThat(r.signatures()).extracting(VerificationReport.SignatureCheck::revision).containsExactly(2, 3, 4);
        VerificationReport.SignatureCheck seal = r.signatures().get(0);
        assertThat(seal.certification()).isTrue();
        assertThat(seal.docMdpPermissions()).isEqualTo(2);
        assertThat(seal.signingTime()).isEqualTo(Fixtures.T0.plusSeconds(240));
        for (VerificationReport.SignatureCheck s : r.signatures()) {
            assertThat(s.digestMatches()).isTrue();
            assertThat(s.signatureValid()).isTrue();
            assertThat(s.signingCertificateV2()).isTrue();
            assertThat(s.chainTrusted()).isTrue();
            assertThat(s.chain()).last().isEqualTo("memoflow demonstration CA");
            assertThat(s.coversRevision()).isTrue();
            assertThat(s.subFilter()).isEqualTo("ETSI.CAdES.detached");
        }
        assertThat(r.appended()).isEmpty();
        assertThat(r.audit().chainIntact()).isTrue();
        assertThat(r.audit().entries()).isEqualTo(memos.audit.size());
        assertThat(r.audit().finalHash()).isEqualTo(memos.audit.finalHash());
        assertThat(r.audit().memorandumMatches()).isTrue();
        assertThat(r.audit().printedHash()).isEqualTo(memos.audit.finalHash());

        assertThat(r.toText()).startsWith("VALID: 3 signatures, 4 revisions").contains("Mikael Wern <mw@politi.example.dk>")
                .contains("certification (DocMDP P=2)").contains("nothing was added or changed");
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.path("valid").asBoolean()).isTrue();
        assertThat(json.path("signatures")).hasSize(3);
        assertThat(json.path("signatures").get(2).path("signer").asText()).isEqualTo("Mikael Wern");
        assertThat(json.path("audit").path("finalHash").asText()).isEqualTo(memos.audit.finalHash());
    }

    @Test
    void withoutATrustAnchorTheSignaturesAreCheckedButTheFileIsNotTrusted() {
        VerificationReport r = PdfVerifier.verify(memos.signed, List.of());
        assertThat(r.valid()).isFalse();
        assertThat(r.exitStatus()).isEqualTo(VerificationReport.UNTRUSTED);
        assertThat(r.signatures()).allMatch(s -> s.digestMatches() && s.signatureValid() && !s.chainTrusted());
        assertThat(r.problems()).containsExactly("Not trusted: no trust anchor given (use --trust CA.pem or --home DIR).");
        assertThat(r.toText()).contains("Trust:        not trusted: no trust anchor given (use --trust CA.pem or --home DIR)")
                .contains("certificate:  NOT TRUSTED (no trust anchor given)");
    }

    @Test
    void aBrokenFileIsNotValidWithExitStatusOneEvenWithoutATrustAnchor() {
        VerificationReport r = PdfVerifier.verify(Tamper.flip(memos.signed, 10), List.of());
        assertThat(r.exitStatus()).isEqualTo(1);
    }

    @Test
    void aCertificateFromAnotherCaIsNotTrusted() {
        java.security.cert.X509Certificate stranger = Certificates.selfSignedCa(Certificates.name("Some other CA", ""),
                newEcKeyPair(), java.time.Instant.now().minusSeconds(86400), java.time.Instant.now().plusSeconds(86400));
        VerificationReport r = PdfVerifier.verify(memos.signed, List.of(stranger));
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("does not chain to a trusted certificate"));
        assertThat(r.exitStatus()).isEqualTo(VerificationReport.UNTRUSTED);
        assertThat(r.toText()).contains("Trust:        Some other CA, SHA-256 " + PdfVerifier.fingerprint(stranger));
    }

    @Test
    void flippingOneByteInTheFirstRevisionBreaksEverySignature() {
        // a byte of the binary comment on the second line: the file still parses, every signature covers it
        byte[] flipped = Tamper.flip(memos.signed, 10);
        VerificationReport r = verify(flipped);
        assertThat(r.valid()).isFalse();
        assertThat(r.signatures()).hasSize(3).allMatch(s -> !s.digestMatches());
        assertThat(r.problems()).allMatch(p -> p.contains("the signed bytes were changed"));
    }

    @Test
    void flippingOneByteOfTheSealsSignatureDictionaryBreaksEverySignature() {
        // the seal's /Name (inside the signed bytes of all three signatures): "memoflow demonstration seal" changes
        int at = Tamper.indexOf(memos.signed, "(memoflow demonstration seal)") + 1;
        VerificationReport r = verify(Tamper.flip(memos.signed, at));
        assertThat(r.valid()).isFalse();
        assertThat(r.signatures()).allMatch(s -> !s.digestMatches());
        assertThat(r.problems()).anyMatch(p -> p.startsWith("Signature 1 ('memoflow-seal'") && p.contains("the signed bytes were changed"));
    }

    @Test
    void aRevisionAppendedAfterTheLastSignatureThatAddsTextIsNamed() {
        byte[] tampered = Tamper.addText(memos.signed, 0, "Amendment: the parties also agree to share budgets.");
        VerificationReport r = verify(tampered);
        assertThat(r.valid()).isFalse();
        assertThat(r.signatures()).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(r.appendedKind()).isEqualTo("page content (text) was added or changed");
        assertThat(r.appended()).contains("the content (text or drawings) of page 1 was changed");
        assertThat(r.problems()).anyMatch(p -> p.startsWith("After the last signature, page content (text) was added or changed"));
        assertThat(r.toText()).contains("After the last signature: page content (text) was added or changed");
    }

    @Test
    void aRevisionAppendedAfterTheLastSignatureWithOnlyAnAnnotationIsNamed() {
        byte[] tampered = Tamper.addNote(memos.signed, 1, "Not approved by the minister");
        VerificationReport r = verify(tampered);
        assertThat(r.valid()).isFalse();
        assertThat(r.appendedKind()).isEqualTo("an annotation only");
        assertThat(r.appended()).containsExactly("a Text annotation was added on page 2");
        // poppler notices too: the last signature no longer covers the whole document
        String out = Poppler.run("pdfsig", memos.write("note.pdf", tampered).toString());
        assertThat(Poppler.pdfsig(out).get(2)).containsKey("Not total document signed");
    }

    @Test
    void aPageAppendedAfterTheLastSignatureIsNamed() {
        byte[] tampered = Tamper.addPage(memos.signed, "Annex B: further obligations");
        VerificationReport r = verify(tampered);
        assertThat(r.valid()).isFalse();
        assertThat(r.appendedKind()).isEqualTo("pages were added or removed");
        assertThat(r.appended()).contains("1 page was added (3 before, 4 after)");
    }

    @Test
    void changingTheTextBetweenCertificationAndAnApprovalIsADocMdpViolation() {
        List<MemoSigner.PartySignature> parties = Fixtures.parties(memos.rendered);
        byte[] certified = memos.signer.certify(memos.rendered.pdf(), memos.audit, memos.memorandum, "DGSN",
                Fixtures.T0.plusSeconds(240), parties);
        byte[] changed = Tamper.addText(certified, 0, "The second party pays all costs.");
        byte[] signed = memos.signer.signParty(memos.signer.signParty(changed, parties.get(0), "en"), parties.get(1), "en");
        VerificationReport r = verify(signed);
        assertThat(r.valid()).isFalse();
        assertThat(r.signatures()).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(r.appended()).isEmpty();
        assertThat(r.problems()).contains("After the certification (DocMDP P=2, only form fill-in and signing allowed), "
                + "before signature 2: the content (text or drawings) of page 1 was changed.");
        assertThat(r.problems()).allMatch(p -> p.startsWith("After the certification (DocMDP P=2"));
    }

    @Test
    void aFileThatIsNotAPdfIsReportedAsSuch() {
        VerificationReport r = verify("not a pdf".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).singleElement().asString().startsWith("The file is not a readable PDF");
    }

    @Test
    void anUnsignedPdfIsNotValid() {
        VerificationReport r = verify(memos.rendered.pdf());
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).contains("The PDF has no signatures.", "Audit log: the PDF carries no audit.jsonl");
    }

    @Test
    void theCliTrustsTheHomeFoldersDemoCaAndTheGivenPemFiles() {
        java.nio.file.Path pem = memos.write("extra-ca.pem", Certificates.toPem(memos.keys.caCertificate())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(PdfVerifier.trustedCertificates(memos.dataDir, List.of())).containsExactly(memos.keys.caCertificate());
        assertThat(PdfVerifier.trustedCertificates(memos.dataDir.resolve("nothing-here"), List.of(pem)))
                .containsExactly(memos.keys.caCertificate());
    }

    private static java.security.KeyPair newEcKeyPair() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(256);
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
