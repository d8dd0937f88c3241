package io.memoflow.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;

/** Ways to change a signed PDF after the fact, each as an incremental update (as an attacker or a careless tool would). */
final class Tamper {

    private Tamper() {
    }

    interface Change {
        void apply(PDDocument doc) throws IOException;
    }

    static byte[] incremental(byte[] pdf, Change change) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            change.apply(doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a line of text to a page's content. */
    static byte[] addText(byte[] pdf, int pageIndex, String text) {
        return incremental(pdf, doc -> {
            PDPage page = doc.getPage(pageIndex);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD), 12);
                cs.newLineAtOffset(72, 100);
                cs.showText(text);
                cs.endText();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** Adds a sticky note, nothing else. */
    static byte[] addNote(byte[] pdf, int pageIndex, String text) {
        return incremental(pdf, doc -> {
            PDPage page = doc.getPage(pageIndex);
            PDAnnotationText note = new PDAnnotationText();
            note.setContents(text);
            note.setRectangle(new PDRectangle(400, 700, 20, 20));
            note.setPage(page);
            var annots = page.getAnnotations();
            annots.add(note);
            page.setAnnotations(annots);
            page.getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** Adds a page with a line of text at the end. */
    static byte[] addPage(byte[] pdf, String text) {
        return incremental(pdf, doc -> {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText(text);
                cs.endText();
            }
            doc.getPages().getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** Replaces an embedded file by another with the same name. */
    static byte[] replaceAttachment(byte[] pdf, String name, byte[] data) {
        return incremental(pdf, doc -> {
            PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
            PDEmbeddedFilesNameTreeNode tree = names.getEmbeddedFiles();
            Map<String, PDComplexFileSpecification> map = new java.util.LinkedHashMap<>(tree.getNames());
            PDComplexFileSpecification fs = new PDComplexFileSpecification();
            fs.setFile(name);
            fs.setFileUnicode(name);
            PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(data));
            file.setSubtype(MemoAttachments.AUDIT_MIME);
            fs.setEmbeddedFile(file);
            fs.setEmbeddedFileUnicode(file);
            map.put(name, fs);
            PDEmbeddedFilesNameTreeNode replacement = new PDEmbeddedFilesNameTreeNode();
            replacement.setNames(map);
            names.setEmbeddedFiles(replacement);
            names.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.NAMES, names.getCOSObject());
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
    }

    /** The PDF with one byte changed. */
    static byte[] flip(byte[] pdf, int offset) {
        byte[] copy = pdf.clone();
        copy[offset] ^= 0x01;
        return copy;
    }

    static int indexOf(byte[] pdf, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= pdf.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (pdf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("'" + ascii + "' not found in the PDF");
    }
}
