package io.memoflow.document;

import java.awt.geom.GeneralPath;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.GlyphData;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;

/**
 * Reads a PDF's content streams back with PDFBox and records every glyph drawn: page, position
 * of its origin, baseline (origin minus text rise), font size, its outline as embedded, and its text.
 */
final class GlyphCapture extends PDFTextStripper {

    /** @param text what the glyph stands for (its ToUnicode entry), null when nothing */
    record Glyph(int page, float x, float y, float baseline, float fontSize, GeneralPath outline, String fontName, String text) {
    }

    private final List<Glyph> glyphs = new ArrayList<>();
    private final Map<PDFont, TrueTypeFont> fonts = new LinkedHashMap<>();

    private GlyphCapture() throws IOException {
        super();
    }

    static List<Glyph> read(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            GlyphCapture capture = new GlyphCapture();
            capture.setStartPage(1);
            capture.setEndPage(doc.getNumberOfPages());
            capture.writeText(doc, Writer.nullWriter());
            return capture.glyphs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void showGlyph(Matrix textRenderingMatrix, PDFont font, int code, Vector displacement) throws IOException {
        super.showGlyph(textRenderingMatrix, font, code, displacement);
        float rise = getGraphicsState().getTextState().getRise();
        float size = getGraphicsState().getTextState().getFontSize();
        GeneralPath outline = null;
        if (font instanceof PDType0Font type0 && type0.getDescendantFont() instanceof PDCIDFontType2 cid) {
            TrueTypeFont ttf = fonts.computeIfAbsent(font, f -> cid.getTrueTypeFont());
            int gid = cid.codeToGID(code);
            GlyphData data = ttf.getGlyph().getGlyph(gid);
            outline = data == null ? new GeneralPath() : data.getPath();
        }
        glyphs.add(new Glyph(getCurrentPageNo(), textRenderingMatrix.getTranslateX(), textRenderingMatrix.getTranslateY(),
                textRenderingMatrix.getTranslateY() - rise, size, outline, font.getName(), font.toUnicode(code)));
    }

    /** Whether two outlines are the same drawing (same segments, coordinates within 0.01 units). */
    static boolean sameOutline(GeneralPath a, GeneralPath b) {
        PathIterator pa = a.getPathIterator(null);
        PathIterator pb = b.getPathIterator(null);
        double[] ca = new double[6];
        double[] cb = new double[6];
        while (!pa.isDone() && !pb.isDone()) {
            int ta = pa.currentSegment(ca);
            int tb = pb.currentSegment(cb);
            if (ta != tb) {
                return false;
            }
            for (int i = 0; i < 6; i++) {
                if (Math.abs(ca[i] - cb[i]) > 0.01) {
                    return false;
                }
            }
            pa.next();
            pb.next();
        }
        return pa.isDone() && pb.isDone();
    }
}
