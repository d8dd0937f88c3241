package io.memoflow.signing;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.MemoRenderer;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.SignatureBox;
import io.memoflow.draft.Party;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Test-only typesetter: a body page, a signature page with one block per party, and an audit page
 * that prints "Audit hash: HEX"; stamps are Latin text in Helvetica. The real typesetter is wired by
 * the lead.
 */
final class StubRenderer implements MemoRenderer {

    private static final PDType1Font HELVETICA = new PDType1Font(Standard14Fonts.FontName.HELVETICA);

    @Override
    public RenderedMemo render(MemoDocument document) {
        try (PDDocument doc = new PDDocument()) {
            PDPage body = new PDPage(PDRectangle.A4);
            doc.addPage(body);
            try (PDPageContentStream cs = new PDPageContentStream(doc, body)) {
                text(cs, 72, 770, 14, document.reference() + "  " + document.title());
                float y = 740;
                for (String line : document.body().split("\n")) {
                    text(cs, 72, y, 11, line);
                    y -= 16;
                }
                text(cs, 72, 40, 9, document.reference() + " - page 1 of 3");
            }
            PDPage sigPage = new PDPage(PDRectangle.A4);
            doc.addPage(sigPage);
            List<SignatureBox> boxes = new ArrayList<>();
            try (PDPageContentStream cs = new PDPageContentStream(doc, sigPage)) {
                text(cs, 72, 770, 14, "Signatures");
                float y = 640;
                for (int i = 0; i < document.parties().size(); i++) {
                    Party p = document.parties().get(i);
                    text(cs, 72, y + 110, 11, p.name() + " - " + p.signatory() + ", " + p.title());
                    cs.addRect(72, y, 220, 90);
                    cs.stroke();
                    boxes.add(new SignatureBox(i, 1, 72, y, 220, 90));
                    y -= 170;
                }
                text(cs, 72, 40, 9, document.reference() + " - page 2 of 3");
            }
            PDPage auditPage = new PDPage(PDRectangle.A4);
            doc.addPage(auditPage);
            try (PDPageContentStream cs = new PDPageContentStream(doc, auditPage)) {
                text(cs, 72, 770, 14, "Audit");
                float y = 740;
                for (MemoDocument.AuditLine l : document.audit()) {
                    text(cs, 72, y, 9, l.at() + "  " + l.actor() + "  " + l.text());
                    y -= 14;
                }
                if (document.auditHash() != null) {
                    text(cs, 72, y - 10, 9, "Audit hash: " + document.auditHash());
                }
                text(cs, 72, 40, 9, document.reference() + " - page 3 of 3");
            }
            doc.setDocumentId(42L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new RenderedMemo(out.toByteArray(), 3, boxes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] renderStamp(List<String> lines, String language, float width, float height) {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(new PDRectangle(width, height));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                float y = height - 20;
                for (String line : lines) {
                    text(cs, 6, y, 10, line);
                    y -= 14;
                }
            }
            doc.setDocumentId(7L);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void text(PDPageContentStream cs, float x, float y, float size, String s) throws IOException {
        cs.beginText();
        cs.setFont(HELVETICA, size);
        cs.newLineAtOffset(x, y);
        cs.showText(latin(s));
        cs.endText();
    }

    /** Helvetica (WinAnsi) cannot show other scripts: they become '?'. */
    private static String latin(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> b.append(c >= 32 && c < 256 ? (char) c : '?'));
        return b.toString();
    }

    static String auditHashLabel(AuditLog log) {
        return "Audit hash: " + log.finalHash();
    }
}
