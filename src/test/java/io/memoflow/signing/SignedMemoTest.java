package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.document.SignatureBox;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.Test;

/** The structure of a signed memorandum: revisions, certification, visible signatures, CMS contents. */
class SignedMemoTest {

    private final SignedMemos memos = SignedMemos.get();

    @Test
    void everySignatureIsItsOwnRevisionAfterTheRenderedAndAttachedOne() throws Exception {
        List<Long> ends = PdfVerifier.revisionEnds(memos.signed);
        assertThat(ends).hasSize(4).last().isEqualTo((long) memos.signed.length);
        try (PDDocument doc = Loader.loadPDF(memos.signed)) {
            List<PDSignature> sigs = doc.getSignatureDictionaries();
            assertThat(sigs).hasSize(3);
            for (int i = 0; i < 3; i++) {
                int[] br = sigs.get(i).getByteRange();
                assertThat((long) br[2] + br[3]).isEqualTo(ends.get(i + 1));
            }
        }
    }

    @Test
    void theSealCertifiesTheDocumentWithFormFillInAndSigningAllowed() throws Exception {
        try (PDDocument doc = Loader.loadPDF(memos.signed)) {
            COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
            COSDictionary docMdp = (COSDictionary) perms.getDictionaryObject(COSName.DOCMDP);
            PDSignature first = doc.getSignatureDictionaries().get(0);
            assertThat(docMdp).isSameAs(first.getCOSObject());
            COSArray ref = docMdp.getCOSArray(COSName.getPDFName("Reference"));
            COSDictionary sigRef = (COSDictionary) ref.getObject(0);
            assertThat(sigRef.getCOSName(COSName.getPDFName("TransformMethod"))).isEqualTo(COSName.DOCMDP);
            assertThat(sigRef.getCOSDictionary(COSName.getPDFName("TransformParams")).getInt(COSName.P)).isEqualTo(2);
            PDSignatureField sealField = doc.getSignatureFields().get(0);
            assertThat(sealField.getPartialName()).isEqualTo(PdfSigner.SEAL_FIELD);
            assertThat(sealField.getWidgets().get(0).getRectangle().getWidth()).isZero(); // invisible
        }
    }

    @Test
    void eachPartySignsVisiblyInItsBoxWithNameAndTime() throws Exception {
        try (PDDocument doc = Loader.loadPDF(memos.signed)) {
            List<PDSignatureField> fields = doc.getSignatureFields();
            for (int i = 0; i < 2; i++) {
                SignatureBox box = memos.rendered.signatureBoxes().get(i);
                PDSignatureField f = fields.get(i + 1);
                assertThat(f.getPartialName()).isEqualTo("party-" + (i + 1));
                var widget = f.getWidgets().get(0);
                assertThat(widget.getRectangle().getLowerLeftX()).isEqualTo(box.x());
                assertThat(widget.getRectangle().getLowerLeftY()).isEqualTo(box.y());
                assertThat(widget.getRectangle().getWidth()).isEqualTo(box.width());
                assertThat(widget.getRectangle().getHeight()).isEqualTo(box.height());
                assertThat(doc.getPage(box.pageIndex()).getAnnotations()).anyMatch(a -> a.getCOSObject() == widget.getCOSObject());
                assertThat(widget.getAppearance().getNormalAppearance().getAppearanceStream().getBBox().getWidth()).isEqualTo(box.width());
            }
            // flatten the appearances into the page and read them back as text
            doc.getDocumentCatalog().getAcroForm().flatten();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            String page2 = stripper.getText(doc);
            assertThat(page2).contains("Abdellatif Hammouchi", "Director General", "Mikael Wern", "Director of Police");
            String time = MemoSigner.stampLines("x", "", "en", Fixtures.T0.plusSeconds(300)).get(1);
            assertThat(time).startsWith("Signed ").endsWith(" UTC");
            assertThat(page2).contains(time);
        }
    }

    @Test
    void theCmsIsCadesWithSigningCertificateV2AndNoSigningTimeAndFillsItsHoleExactly() throws Exception {
        try (PDDocument doc = Loader.loadPDF(memos.signed)) {
            for (PDSignature sig : doc.getSignatureDictionaries()) {
                assertThat(sig.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
                assertThat(sig.getSignDate()).isNotNull();
                byte[] contents = sig.getContents(memos.signed);
                int[] br = sig.getByteRange();
                assertThat(br[2] - br[1] - 2).isEqualTo(2 * contents.length);
                CMSSignedData cms = new CMSSignedData(contents); // strict parse: no zero padding after the DER
                assertThat(cms.isDetachedSignature()).isTrue();
                assertThat(cms.getCertificates().getMatches(null)).hasSize(2);
                SignerInformation si = cms.getSignerInfos().getSigners().iterator().next();
                assertThat(si.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
                AttributeTable signed = si.getSignedAttributes();
                assertThat(signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
                assertThat(signed.get(CMSAttributes.contentType)).isNotNull();
                assertThat(signed.get(CMSAttributes.messageDigest)).isNotNull();
                assertThat(signed.get(CMSAttributes.signingTime)).isNull();
            }
        }
    }

    @Test
    void theSameInputsGiveTheSameSignedBytes() {
        assertThat(memos.sign(memos.audit, memos.memorandum)).isEqualTo(memos.signed);
    }

    @Test
    void theReservedContentsIsTheExactSizeOfEverySignatureOfAnIdentity() {
        SigningIdentity seal = memos.keys.seal();
        for (int i = 0; i < 20; i++) {
            byte[] cms = seal.cades(new java.io.ByteArrayInputStream(new byte[] {(byte) i}));
            assertThat(cms).hasSize(seal.reservedContentsSize());
        }
    }

    @Test
    void anArabicSignatoryNameReachesTheCertificateTheSignatureAndTheValidators() throws Exception {
        String name = "عبد اللطيف حموشي";
        SignatureBox box = memos.rendered.signatureBoxes().get(0);
        MemoSigner.PartySignature party = new MemoSigner.PartySignature(box, name, "المدير العام", "hammouchi@dgsn.example.ma",
                Fixtures.T0.plusSeconds(300));
        byte[] certified = memos.signer.certify(memos.rendered.pdf(), memos.audit, memos.memorandum, "المديرية العامة للأمن الوطني",
                Fixtures.T0.plusSeconds(240), List.of(party));
        byte[] signed = memos.signer.signParty(certified, party, "ar");
        VerificationReport r = PdfVerifier.verify(signed, memos.trusted());
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(r.signatures().get(1).signer()).isEqualTo(name);
        try (PDDocument doc = Loader.loadPDF(signed)) {
            assertThat(doc.getSignatureDictionaries().get(1).getName()).isEqualTo(name);
        }
        String out = Poppler.run("pdfsig", memos.write("arabic.pdf", signed).toString());
        assertThat(Poppler.pdfsig(out).get(1)).containsEntry("Signer Certificate Common Name", name)
                .containsEntry("Signature Validation", "Signature is Valid.");
        assertThat(MemoSigner.stampLines(name, "المدير العام", "ar", Fixtures.T0)).hasSize(3).first().isEqualTo(name);
        assertThat(MemoSigner.stampLines(name, "", "ar", Fixtures.T0).get(1)).startsWith("تاريخ التوقيع: ");
    }

    @Test
    void parallelSigningWithSharedKeysGivesTheSameValidFiles() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> memos.sign(memos.audit, memos.memorandum)));
            }
            for (var run : runs) {
                assertThat(run.get()).isEqualTo(memos.signed);
            }
        } finally {
            pool.shutdown();
        }
    }
}
