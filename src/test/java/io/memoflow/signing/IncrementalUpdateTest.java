package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.junit.jupiter.api.Test;

/**
 * memoflow's own incremental writer, against PDFBox's: the same objects of the file written again,
 * new ones numbered after the last, nothing read that is not written, a file PDFBox and poppler read.
 */
class IncrementalUpdateTest {

    private static final byte[] RENDERED = SignedMemos.get().rendered.pdf();

    /** A note on the first page and a new entry in the catalog: a page, its annotations and the catalog change. */
    private static void change(PDDocument doc) throws IOException {
        PDPage page = doc.getPage(0);
        PDAnnotationText note = new PDAnnotationText();
        note.setRectangle(new PDRectangle(50, 50, 20, 20));
        note.setContents("ملاحظة");
        var annots = page.getAnnotations();
        annots.add(note);
        page.setAnnotations(annots);
        doc.getDocumentCatalog().getCOSObject().setString(COSName.getPDFName("MemoflowTest"), "yes");
    }

    @Test
    void theUpdateWritesAgainExactlyTheObjectsOfTheFilePdfboxWouldAndParsesNoOther() throws Exception {
        byte[] pdfbox;
        try (PDDocument doc = Loader.loadPDF(RENDERED)) {
            change(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            pdfbox = out.toByteArray();
        }
        byte[] own;
        long highest;
        try (PDDocument doc = Loader.loadPDF(RENDERED)) {
            change(doc);
            highest = doc.getDocument().getHighestXRefObjectNumber();
            int parsedBefore = parsed(doc.getDocument());
            own = IncrementalUpdate.write(doc, RENDERED, 1L);
            assertThat(parsed(doc.getDocument())).as("objects parsed by writing").isEqualTo(parsedBefore);
            assertThat(parsedBefore).as("objects parsed before writing, of %d", highest).isLessThan((int) highest / 2);
        }
        assertThat(Arrays.equals(own, 0, RENDERED.length, RENDERED, 0, RENDERED.length)).as("the original bytes kept").isTrue();
        Set<Long> oldAgain = written(own, RENDERED.length);
        oldAgain.removeIf(n -> n > highest);
        Set<Long> pdfboxOldAgain = written(pdfbox, RENDERED.length);
        pdfboxOldAgain.removeIf(n -> n > highest);
        assertThat(oldAgain).isNotEmpty().isEqualTo(pdfboxOldAgain);
        assertThat(written(own, RENDERED.length)).hasSameSizeAs(written(pdfbox, RENDERED.length));
        try (PDDocument again = Loader.loadPDF(own)) {
            assertThat(again.getPage(0).getAnnotations()).hasSize(1);
            assertThat(again.getPage(0).getAnnotations().get(0).getContents()).isEqualTo("ملاحظة");
            assertThat(again.getDocumentCatalog().getCOSObject().getString(COSName.getPDFName("MemoflowTest"))).isEqualTo("yes");
            assertThat(again.getNumberOfPages()).isEqualTo(Loader.loadPDF(RENDERED).getNumberOfPages());
        }
        Path file = SignedMemos.get().write("increment.pdf", own);
        assertThat(Poppler.run("pdfinfo", file.toString())).doesNotContain("Syntax Error", "rror").contains("Pages:");
    }

    @Test
    void afterAFileWithACrossReferenceStreamTheUpdateEndsWithOneToo() throws Exception {
        byte[] compressed;
        try (PDDocument doc = Loader.loadPDF(RENDERED)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out); // PDFBox 3 compresses: object streams and a cross-reference stream
            compressed = out.toByteArray();
        }
        byte[] own;
        try (PDDocument doc = Loader.loadPDF(compressed)) {
            assertThat(doc.getDocument().isXRefStream()).isTrue();
            change(doc);
            own = IncrementalUpdate.write(doc, compressed, 1L);
        }
        String tail = new String(own, compressed.length, own.length - compressed.length, StandardCharsets.ISO_8859_1);
        assertThat(tail).contains("/Type /XRef").doesNotContain("\ntrailer\n");
        try (PDDocument again = Loader.loadPDF(own)) {
            assertThat(again.getPage(0).getAnnotations()).hasSize(1);
        }
        Path file = SignedMemos.get().write("increment-xref-stream.pdf", own);
        assertThat(Poppler.run("pdfinfo", file.toString())).doesNotContain("rror").contains("Pages:");
    }

    @Test
    void aSignatureCoversAllButItsContentsAndMustFillTheSpaceReservedExactly() throws Exception {
        try (PDDocument doc = Loader.loadPDF(RENDERED)) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(PdfSigner.SUB_FILTER);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(100);
                doc.addSignature(sig, options);
            }
            IncrementalUpdate.Signable update = IncrementalUpdate.withSignature(doc, RENDERED, sig.getCOSObject(), 1L);
            assertThat(update.reserved()).isEqualTo(100);
            assertThatThrownBy(() -> update.finish(new byte[99])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
            byte[] cms = new byte[100];
            Arrays.fill(cms, (byte) 0xAB);
            byte[] signed = update.finish(cms);
            try (PDDocument again = Loader.loadPDF(signed)) {
                PDSignature s = again.getLastSignatureDictionary();
                int[] range = s.getByteRange();
                assertThat(range[0]).isZero();
                assertThat(range[2] + range[3]).isEqualTo(signed.length);
                assertThat(signed[range[1]]).isEqualTo((byte) '<');
                assertThat(signed[range[2] - 1]).isEqualTo((byte) '>');
                assertThat(s.getContents(signed)).isEqualTo(cms);
                assertThat(s.getSignedContent(signed)).isEqualTo(update.content().readAllBytes());
                assertThat(PdfSigner.sha256(s.getSignedContent(signed))).isEqualTo(update.sha256());
            }
        }
    }

    @Test
    void anEncryptedPdfIsRefusedWithTheReasonInsteadOfGettingAnUpdateInTheClear() throws Exception {
        byte[] encrypted;
        try (PDDocument doc = Loader.loadPDF(RENDERED)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            encrypted = out.toByteArray();
        }
        try (PDDocument doc = Loader.loadPDF(encrypted, "")) {
            change(doc);
            assertThatThrownBy(() -> IncrementalUpdate.write(doc, encrypted, 1L)).isInstanceOf(IOException.class)
                    .hasMessageContaining("encrypted");
        }
    }

    /** How many objects of the file PDFBox has parsed so far. */
    private static int parsed(COSDocument cos) {
        int n = 0;
        for (COSObjectKey key : cos.getXrefTable().keySet()) {
            if (cos.getObjectFromPool(key).isDereferenced()) {
                n++;
            }
        }
        return n;
    }

    /** The numbers of the objects written after {@code from}. */
    private static Set<Long> written(byte[] pdf, int from) {
        Set<Long> out = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^(\\d+) 0 obj").matcher(new String(pdf, from, pdf.length - from, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
