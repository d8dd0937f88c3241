package io.memoflow.signing;

import io.memoflow.document.EmbeddedFile;
import io.memoflow.document.RenderedMemo;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.common.PDNameTreeNode;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;

/**
 * The memorandum's history and source inside its PDF: {@code audit.jsonl} (the hash-chained
 * audit log) and {@code memorandum.md} (the approved source text, UTF-8), as embedded files in
 * the EmbeddedFiles name tree and in the catalog's {@code /AF} array (PDF 2.0 / PDF/A-3 style
 * associated files), with MIME subtypes. Attaching is a full save done before certification,
 * so the seal's signature covers both files.
 */
public final class MemoAttachments {

    public static final String AUDIT = "audit.jsonl";
    public static final String MEMORANDUM = "memorandum.md";
    public static final String AUDIT_MIME = "application/jsonl";
    public static final String MEMORANDUM_MIME = "text/markdown";

    private MemoAttachments() {
    }

    /** The two files as found in a PDF; either may be null when missing. */
    public record Extracted(byte[] audit, byte[] memorandum, Map<String, byte[]> all) {
    }

    /**
     * The two files as the typesetter embeds them when it renders the memorandum (the cheap way:
     * no second pass over the PDF); {@link #attach} embeds the same into a PDF rendered without them.
     *
     * @param at the time recorded as the files' creation date
     */
    public static List<EmbeddedFile> files(byte[] auditJsonl, byte[] memorandumMd, Instant at) {
        return List.of(
                new EmbeddedFile(AUDIT, AUDIT_MIME, "Audit log of the memorandum: one JSON object per line, each chained to the one"
                        + " before by its SHA-256 (prev)", "Supplement", auditJsonl, at),
                new EmbeddedFile(MEMORANDUM, MEMORANDUM_MIME, "The approved text of the memorandum (Markdown, UTF-8)", "Source",
                        memorandumMd, at));
    }

    /**
     * Embeds {@code audit.jsonl} and {@code memorandum.md} into an unsigned PDF and saves it whole.
     * The result depends only on the inputs: same bytes in, same bytes out.
     *
     * @param at the time recorded as the files' creation date
     * @throws SigningException when the PDF is already signed (a full save would break the signatures)
     */
    public static byte[] attach(byte[] pdf, byte[] auditJsonl, byte[] memorandumMd, Instant at) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (!doc.getSignatureDictionaries().isEmpty()) {
                throw new SigningException("The PDF is already signed: attach the audit log and the memorandum before "
                        + "certification, to the rendered PDF");
            }
            PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
            Map<String, PDComplexFileSpecification> names = new LinkedHashMap<>();
            COSArray af = new COSArray();
            for (EmbeddedFile f : files(auditJsonl, memorandumMd, at)) {
                PDComplexFileSpecification spec = spec(doc, f);
                names.put(f.name(), spec);
                af.add(spec);
            }
            tree.setNames(names);
            PDDocumentNameDictionary nameDict = doc.getDocumentCatalog().getNames();
            if (nameDict == null) {
                nameDict = new PDDocumentNameDictionary(doc.getDocumentCatalog());
            }
            nameDict.setEmbeddedFiles(tree);
            doc.getDocumentCatalog().setNames(nameDict);
            doc.getDocumentCatalog().getCOSObject().setItem(COSName.AF, af);
            // PDFBox writes a time-based /ID unless the document has one; derive it from the content
            doc.setDocumentId(idSeed(contentId(doc, pdf), auditJsonl, memorandumMd));
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + auditJsonl.length + memorandumMd.length + 4096);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SigningException("Could not embed the audit log and the memorandum in the PDF: " + e.getMessage(), e);
        }
    }

    /**
     * The rendered memorandum's PDF with the two files inside: as it is when the typesetter
     * embedded exactly these files, else through {@link #attach}.
     */
    static byte[] attached(RenderedMemo memo, byte[] auditJsonl, byte[] memorandumMd, Instant at) {
        return memo.files().equals(files(auditJsonl, memorandumMd, at)) ? memo.pdf()
                : attach(memo.pdf(), auditJsonl, memorandumMd, at);
    }

    private static PDComplexFileSpecification spec(PDDocument doc, EmbeddedFile f) throws IOException {
        PDEmbeddedFile file = new PDEmbeddedFile(doc, new ByteArrayInputStream(f.data()), COSName.FLATE_DECODE);
        file.setSubtype(f.mimeType());
        file.setSize(f.data().length);
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        cal.setTimeInMillis(f.date().toEpochMilli());
        file.setCreationDate(cal);
        file.setModDate(cal);
        PDComplexFileSpecification fs = new PDComplexFileSpecification();
        fs.setFile(f.name());
        fs.setFileUnicode(f.name());
        fs.setEmbeddedFile(file);
        fs.setEmbeddedFileUnicode(file);
        fs.setFileDescription(f.description());
        fs.getCOSObject().setName(COSName.getPDFName("AFRelationship"), f.relationship());
        return fs;
    }

    /**
     * What stands for the rendered PDF in its /ID: the file identifier the typesetter derived from
     * the whole content (so the file need not be digested again), or, without one, the file itself.
     */
    private static byte[] contentId(PDDocument doc, byte[] pdf) {
        COSArray id = doc.getDocument().getTrailer().getCOSArray(COSName.ID);
        if (id != null && id.size() > 0 && id.getObject(0) instanceof COSString first && first.getBytes().length >= 16) {
            return first.getBytes();
        }
        return pdf;
    }

    private static long idSeed(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] p : parts) {
                md.update(p);
            }
            byte[] h = md.digest();
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    /** Reads the embedded files of a PDF (the EmbeddedFiles name tree, by name). */
    public static Extracted extract(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return extract(doc);
        } catch (IOException e) {
            throw new SigningException("Cannot read the PDF to extract its attachments: " + e.getMessage(), e);
        }
    }

    /** Reads the embedded files of an open document (the EmbeddedFiles name tree, by name). */
    public static Extracted extract(PDDocument doc) throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        PDDocumentNameDictionary names = doc.getDocumentCatalog().getNames();
        if (names != null && names.getEmbeddedFiles() != null) {
            collect(names.getEmbeddedFiles(), all, 0);
        }
        return new Extracted(all.get(AUDIT), all.get(MEMORANDUM), all);
    }

    private static void collect(PDNameTreeNode<PDComplexFileSpecification> node, Map<String, byte[]> out, int depth) throws IOException {
        if (depth > 32) {
            throw new IOException("the EmbeddedFiles name tree is nested more than 32 levels deep");
        }
        Map<String, PDComplexFileSpecification> names = node.getNames();
        if (names != null) {
            for (Map.Entry<String, PDComplexFileSpecification> e : names.entrySet()) {
                PDEmbeddedFile f = e.getValue().getEmbeddedFileUnicode() != null ? e.getValue().getEmbeddedFileUnicode()
                        : e.getValue().getEmbeddedFile();
                if (f != null && !out.containsKey(e.getKey())) {
                    out.put(e.getKey(), f.toByteArray());
                }
            }
        }
        List<PDNameTreeNode<PDComplexFileSpecification>> kids = node.getKids();
        if (kids != null) {
            for (PDNameTreeNode<PDComplexFileSpecification> kid : kids) {
                collect(kid, out, depth + 1);
            }
        }
    }
}
