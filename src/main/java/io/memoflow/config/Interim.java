package io.memoflow.config;

import io.memoflow.document.MemoDocument;
import io.memoflow.document.MemoRenderer;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.SignatureBox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** INTERIM (replaced when the typesetter and signing branches land): Latin-only page, no signatures. */
final class Interim implements MemoRenderer {

    @Override
    public RenderedMemo render(MemoDocument d) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(50, 700);
                cs.showText(d.reference() + (d.draft() ? " DRAFT" : ""));
                cs.endText();
            }
            doc.save(out);
            List<SignatureBox> boxes = new ArrayList<>();
            for (int i = 0; i < d.parties().size(); i++) {
                boxes.add(new SignatureBox(i, 0, 50, 100 + 80 * i, 200, 60));
            }
            return new RenderedMemo(out.toByteArray(), 1, boxes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] renderStamp(List<String> lines, String language, float width, float height) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(width, height));
            doc.addPage(page);
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
