package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

/** What each signing level (memoflow.signing.level) puts in the signed memorandum, and what verify reports of it. */
class LevelsTest {

    private static VerificationReport verify(SigningLevel level) {
        SignedMemos m = SignedMemos.get(level);
        return PdfVerifier.verify(m.signed, m.trusted());
    }

    private static List<String> levels(VerificationReport r) {
        return r.signatures().stream().filter(s -> !s.documentTimestamp()).map(VerificationReport.SignatureCheck::level).toList();
    }

    @Test
    void levelBGivesTodaysFileTheSignaturesAloneWithNoTimestampAndNoValidationData() throws Exception {
        SignedMemos b = SignedMemos.get(SigningLevel.B);
        MemoSigner plain = new MemoSigner(b.keys, new StubRenderer());
        assertThat(plain.level()).isEqualTo(SigningLevel.B);
        assertThat(b.signed).isEqualTo(b.sign(b.audit, b.memorandum)); // deterministic
        assertThat(b.signed).isEqualTo(plain.sealAndSign(b.rendered, b.audit, b.memorandum, "Directorate General of National Security",
                "en", Fixtures.T0.plusSeconds(240), Fixtures.parties(b.rendered)));
        try (PDDocument doc = Loader.loadPDF(b.signed)) {
            assertThat(doc.getDocumentCatalog().getCOSObject().containsKey(PdfSigner.DSS)).isFalse();
            assertThat(doc.getSignatureDictionaries()).hasSize(3).allSatisfy(s -> assertThat(timestamped(s, b.signed)).isFalse());
        }
        VerificationReport r = verify(SigningLevel.B);
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(levels(r)).containsExactly("B", "B", "B");
        assertThat(r.signatures()).allSatisfy(s -> assertThat(s.timestampTime()).isNull());
    }

    @Test
    void levelTStampsEverySignatureWithTheBuiltInAuthorityAndAddsNothingAfterTheLastSignature() throws Exception {
        SignedMemos t = SignedMemos.get(SigningLevel.T);
        try (PDDocument doc = Loader.loadPDF(t.signed)) {
            assertThat(doc.getDocumentCatalog().getCOSObject().containsKey(PdfSigner.DSS)).isFalse();
            assertThat(doc.getSignatureDictionaries()).hasSize(3).allSatisfy(s -> assertThat(timestamped(s, t.signed)).isTrue());
        }
        VerificationReport r = verify(SigningLevel.T);
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(levels(r)).containsExactly("T", "T", "T");
        assertThat(r.signatures()).allSatisfy(s -> {
            assertThat(s.timestampTime()).isNotNull();
            assertThat(s.timestampAuthority()).isEqualTo(DemoKeys.TSA_NAME);
        });
        assertThat(r.toText()).contains("timestamp proves it existed at", "PAdES-BASELINE-T");
    }

    @Test
    void levelLtAddsADssWithEveryCertificateAndAFreshCrlAndAVriEntryPerSignature() throws Exception {
        SignedMemos lt = SignedMemos.get(SigningLevel.LT);
        try (PDDocument doc = Loader.loadPDF(lt.signed)) {
            COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(PdfSigner.DSS);
            assertThat(dss).isNotNull();
            // the seal, two signatories, the timestamp authority and the demonstration CA
            assertThat(dss.getCOSArray(COSName.getPDFName("Certs")).size()).isEqualTo(5);
            assertThat(dss.getCOSArray(COSName.getPDFName("CRLs")).size()).isEqualTo(1);
            assertThat(dss.getCOSDictionary(COSName.getPDFName("VRI")).size()).isEqualTo(3);
        }
        VerificationReport r = verify(SigningLevel.LT);
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(levels(r)).containsExactly("LT", "LT", "LT");
        assertThat(r.revisions()).isEqualTo(5);
    }

    @Test
    void levelLtaEndsWithADocumentTimestampAndEveryCmsAndTokenFillsItsReservedSpaceExactly() throws Exception {
        SignedMemos lta = SignedMemos.get(SigningLevel.LTA);
        try (PDDocument doc = Loader.loadPDF(lta.signed)) {
            List<PDSignature> sigs = doc.getSignatureDictionaries();
            assertThat(sigs).hasSize(4);
            for (PDSignature s : sigs) {
                byte[] contents = s.getContents(lta.signed);
                assertThat(PdfVerifier.stripPadding(contents)).as("no zero padding in %s", s.getSubFilter()).hasSameSizeAs(contents);
                new CMSSignedData(contents); // BouncyCastle 1.87's strict parser reads it
            }
            assertThat(sigs).filteredOn(s -> PdfSigner.RFC3161.getName().equals(s.getSubFilter())).hasSize(1)
                    .allSatisfy(s -> assertThat(s.getCOSObject().getCOSName(COSName.TYPE)).isEqualTo(COSName.DOC_TIME_STAMP));
        }
        VerificationReport r = verify(SigningLevel.LTA);
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(levels(r)).containsExactly("LTA", "LTA", "LTA");
        VerificationReport.SignatureCheck ts = r.signatures().get(3);
        assertThat(ts.documentTimestamp()).isTrue();
        assertThat(ts.timestampTime()).isNotNull();
        assertThat(ts.signer()).isEqualTo(DemoKeys.TSA_NAME);
        assertThat(ts.revision()).isEqualTo(r.revisions());
        assertThat(r.toText()).contains("Document timestamp 4", "existed at");
        assertThat(r.toJson()).contains("\"level\" : \"LTA\"", "\"documentTimestamp\" : true");
    }

    @Test
    void atLevelLtaTheDssAndTheDocumentTimestampOverItShareOneRevisionAfterTheLastSignature() throws Exception {
        SignedMemos lta = SignedMemos.get(SigningLevel.LTA);
        // rendered, certified, two party signatures, then one revision with the /DSS and the timestamp
        assertThat(verify(SigningLevel.LTA).revisions()).isEqualTo(5);
        List<Long> ends = PdfVerifier.revisionEnds(lta.signed);
        byte[] beforeTimestamp = Arrays.copyOf(lta.signed, ends.get(ends.size() - 2).intValue());
        try (PDDocument before = Loader.loadPDF(beforeTimestamp); PDDocument doc = Loader.loadPDF(lta.signed)) {
            assertThat(before.getDocumentCatalog().getCOSObject().containsKey(PdfSigner.DSS)).isFalse();
            assertThat(doc.getDocumentCatalog().getCOSObject().getCOSDictionary(PdfSigner.DSS)).isNotNull();
            PDSignature ts = doc.getSignatureDictionaries().get(3);
            int[] range = ts.getByteRange();
            String covered = new String(lta.signed, 0, range[2] + range[3], StandardCharsets.ISO_8859_1);
            assertThat(range[2] + range[3]).isEqualTo(lta.signed.length);
            assertThat(covered.substring(ends.get(ends.size() - 2).intValue())).contains("/DSS");
        }
    }

    @Test
    void verifyRefusesTextAnAnnotationOrAPageAddedAfterTheDocumentTimestamp() {
        SignedMemos lta = SignedMemos.get(SigningLevel.LTA);
        assertThat(PdfVerifier.verify(lta.signed, lta.trusted()).exitStatus()).isZero();
        for (byte[] tampered : List.of(Tamper.addText(lta.signed, 0, "Article 9: void"), Tamper.addNote(lta.signed, 0, "void"),
                Tamper.addPage(lta.signed, "Annex: void"))) {
            VerificationReport r = PdfVerifier.verify(tampered, lta.trusted());
            assertThat(r.exitStatus()).as(r.toText()).isEqualTo(1);
            assertThat(r.problems()).anyMatch(p -> p.startsWith("After the last signature"));
        }
    }

    @Test
    void verifyAcceptsAFurtherDssUpdateAfterTheDocumentTimestampButNothingElseHidden() {
        SignedMemos lta = SignedMemos.get(SigningLevel.LTA);
        byte[] more = ValidationData.add(lta.signed, lta.keys, OutsideRevocation.DEFAULT);
        VerificationReport r = PdfVerifier.verify(more, lta.trusted());
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.contains("validation data (/DSS"));
        // a revision that changes the catalog besides /DSS is not validation data
        byte[] open = Tamper.incremental(more, doc -> {
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("OpenAction"), new COSArray());
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
        assertThat(PdfVerifier.verify(open, lta.trusted()).exitStatus()).isEqualTo(1);
    }

    @Test
    void levelsAboveBRefuseKeysWithoutATimestampAuthorityAndSaySetTheUrlOrB() {
        DemoKeys demo = SignedMemos.get().keys;
        SigningKeys configured = new SigningKeys() { // as configured keys are: no built-in authority, no CRLs
            @Override
            public SigningIdentity seal() {
                return demo.seal();
            }

            @Override
            public SigningIdentity signatory(String email, String displayName) {
                return demo.signatory(email, displayName);
            }

            @Override
            public boolean demonstration() {
                return false;
            }

            @Override
            public List<java.security.cert.X509Certificate> trustAnchors() {
                return demo.trustAnchors();
            }

            @Override
            public String description() {
                return "configured";
            }
        };
        assertThat(new MemoSigner(configured, new StubRenderer(), SigningLevel.B).level()).isEqualTo(SigningLevel.B);
        for (SigningLevel l : List.of(SigningLevel.T, SigningLevel.LT, SigningLevel.LTA)) {
            assertThatThrownBy(() -> new MemoSigner(configured, new StubRenderer(), l))
                    .isInstanceOf(SigningException.class).hasMessageContaining("set memoflow.tsa.url")
                    .hasMessageContaining("memoflow.signing.level=B");
        }
        assertThatThrownBy(() -> SigningLevel.parse("LTV"))
                .hasMessageContaining("use B, T, LT or LTA");
        assertThat(SigningLevel.parse(" lta ")).isEqualTo(SigningLevel.LTA);
    }

    private static boolean timestamped(PDSignature s, byte[] pdf) {
        try {
            SignerInformation si = new CMSSignedData(s.getContents(pdf)).getSignerInfos().getSigners().iterator().next();
            return si.getUnsignedAttributes() != null
                    && si.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken) != null;
        } catch (IOException | org.bouncycastle.cms.CMSException e) {
            throw new AssertionError(e);
        }
    }
}
