package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.document.SignatureBox;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.junit.jupiter.api.Test;

/**
 * Changes made between two signatures, each by an incremental update, that a reader sees but a
 * comparison of pages, annotations and attachment bytes alone would miss: all four are outside
 * what the certification (DocMDP P=2: form fill-in and signing) permits, though every signature,
 * each made with a trusted key, still verifies.
 */
class DocMdpBlindSpotTest {

    private static final String BEFORE_THE_SECOND_PARTY =
            "After the certification (DocMDP P=2, only form fill-in and signing allowed), before signature 3: ";

    private final SignedMemos memos = SignedMemos.get();
    private final List<MemoSigner.PartySignature> parties = Fixtures.parties(memos.rendered);

    /** Sealed (reserving both parties' fields) and signed by the first party. */
    private byte[] firstPartySigned() {
        byte[] certified = memos.signer.certify(memos.rendered.pdf(), memos.audit, memos.memorandum, "DGSN",
                Fixtures.T0.plusSeconds(240), parties);
        return memos.signer.signParty(certified, parties.get(0), "en");
    }

    /** The change, then the second party's signature over it. */
    private VerificationReport changedThenSigned(Tamper.Change change) {
        byte[] changed = Tamper.incremental(firstPartySigned(), change);
        VerificationReport r = PdfVerifier.verify(memos.signer.signParty(changed, parties.get(1), "en"), memos.trusted());
        assertThat(r.signatures()).hasSize(3).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(r.appended()).isEmpty();
        assertThat(r.valid()).as(r.toText()).isFalse();
        return r;
    }

    @Test
    void aCropBoxPutOnThePageTreeToHideTextIsNamed() {
        VerificationReport r = changedThenSigned(doc -> {
            COSDictionary pages = doc.getPages().getCOSObject();
            pages.setItem(COSName.CROP_BOX, new PDRectangle(0, 500, 595, 342).getCOSArray()); // only the top of each page
            pages.setNeedToBeUpdated(true);
        });
        assertThat(r.problems()).contains(BEFORE_THE_SECOND_PARTY
                + "the page tree's attributes, which its pages inherit, were changed: /Pages /CropBox was added.");
    }

    @Test
    void xfaAndNeedAppearancesAddedToTheFormAreNamed() {
        VerificationReport r = changedThenSigned(doc -> {
            COSDictionary form = doc.getDocumentCatalog().getAcroForm(null).getCOSObject();
            PDStream xfa = new PDStream(doc, new ByteArrayInputStream("<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"/>"
                    .getBytes(StandardCharsets.UTF_8)));
            form.setItem(COSName.XFA, xfa);
            form.setBoolean(COSName.NEED_APPEARANCES, true);
            form.setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
        assertThat(r.problems()).contains(BEFORE_THE_SECOND_PARTY
                + "the interactive form dictionary (/AcroForm) was changed: /NeedAppearances was added, /XFA was added.");
    }

    @Test
    void anEmbeddedFilesFStreamSwappedWhileItsUfStreamIsKeptIsNamed() {
        VerificationReport r = changedThenSigned(doc -> {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            Map<String, PDComplexFileSpecification> files = new LinkedHashMap<>(names.getEmbeddedFiles().getNames());
            COSDictionary old = files.get(MemoAttachments.AUDIT).getCOSObject();
            COSDictionary spec = new COSDictionary();
            old.keySet().forEach(k -> spec.setItem(k, old.getItem(k)));
            COSDictionary ef = new COSDictionary();
            ef.setItem(COSName.UF, old.getCOSDictionary(COSName.EF).getItem(COSName.UF)); // what memoflow reads: unchanged
            ef.setItem(COSName.F, new PDEmbeddedFile(doc, new ByteArrayInputStream("{\"forged\":true}\n"
                    .getBytes(StandardCharsets.UTF_8))));                               // what other readers may show
            spec.setItem(COSName.EF, ef);
            files.put(MemoAttachments.AUDIT, new PDComplexFileSpecification(spec));
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            tree.setNames(files);
            names.setEmbeddedFiles(tree);
            names.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
        assertThat(r.audit().chainIntact()).isTrue(); // the log read through /UF is the sealed one
        assertThat(r.problems()).contains(BEFORE_THE_SECOND_PARTY
                + "the embedded file 'audit.jsonl' was changed (its file specification: /EF /F was changed).");
    }

    @Test
    void aSignatureWhoseAppearanceIsMovedOutOfItsReservedBoxIsNamed() {
        SignatureBox reserved = parties.get(1).box();
        SignatureBox moved = new SignatureBox(reserved.partyIndex(), reserved.pageIndex(), reserved.x(), reserved.y() + 300,
                reserved.width(), reserved.height());
        MemoSigner.PartySignature p = parties.get(1);
        byte[] signed = memos.signer.signParty(firstPartySigned(), new MemoSigner.PartySignature(moved, p.signatory(), p.title(),
                p.email(), p.at()), "en");
        VerificationReport r = PdfVerifier.verify(signed, memos.trusted());
        assertThat(r.valid()).as(r.toText()).isFalse();
        assertThat(r.signatures()).hasSize(3).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(r.problems()).containsExactly(BEFORE_THE_SECOND_PARTY + "the signature 'party-2' on page "
                + (reserved.pageIndex() + 1) + " was placed at " + box(moved) + ", outside the place reserved for it "
                + box(reserved) + ": its appearance may cover the text.");
    }

    @Test
    void aSignatureInANewFieldOverTheBodyTextIsNamed() {
        SignatureBox overText = new SignatureBox(5, 0, 72, 600, 200, 60);
        byte[] signed = memos.signer.signParty(firstPartySigned(), new MemoSigner.PartySignature(overText, "Someone Else", "",
                "dg@dgsn.example.ma", Fixtures.T0.plusSeconds(400)), "en");
        VerificationReport r = PdfVerifier.verify(signed, memos.trusted());
        assertThat(r.valid()).as(r.toText()).isFalse();
        assertThat(r.signatures()).hasSize(3).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(r.problems()).contains(BEFORE_THE_SECOND_PARTY + "a signature 'party-6' was added on page 1 at "
                + box(overText) + ", in a new field where the certified document reserved none.");
    }

    private static String box(SignatureBox b) {
        return String.format(java.util.Locale.ROOT, "[%.1f %.1f %.1f %.1f]", b.x(), b.y(), b.x() + b.width(), b.y() + b.height());
    }
}
