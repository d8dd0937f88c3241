package io.memoflow.testing;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * What a redline PDF draws, read back with PDFBox: the straight line segments stroked on each
 * page (from the content stream) and each glyph's position (from the text layer), so a test can
 * tell which glyphs have a line through them (struck) and which a line under them (underlined).
 */
public final class RedlineGeometry {

    /** A stroked horizontal segment, in PDF user space (y up). */
    public record Segment(int page, float x1, float x2, float y, float[] rgb) {
    }

    /** A glyph with text: its left edge, width, baseline (PDF user space, y up) and size. */
    public record Glyph(int page, float x, float width, float baseline, float size, String text) {
        float centre() {
            return x + width / 2;
        }
    }

    public final List<Segment> segments = new ArrayList<>();
    public final List<Glyph> glyphs = new ArrayList<>();

    public static RedlineGeometry of(byte[] pdf) {
        RedlineGeometry g = new RedlineGeometry();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int n = 0;
            for (PDPage page : doc.getPages()) {
                n++;
                new Lines(page, n, g.segments).processPage(page);
            }
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition t) {
                    String u = t.getUnicode();
                    if (u != null && !u.isBlank()) {
                        g.glyphs.add(new Glyph(getCurrentPageNo(), t.getXDirAdj(), t.getWidthDirAdj(), t.getPageHeight() - t.getYDirAdj(),
                                t.getFontSizeInPt(), u));
                    }
                    super.processTextPosition(t);
                }
            };
            stripper.getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return g;
    }

    /** The text of the glyphs with a segment through their letters' body (above the baseline, below half an em higher). */
    public String struck() {
        return covered(true);
    }

    /** The text of the glyphs with a segment just below their baseline. */
    public String underlined() {
        return covered(false);
    }

    private String covered(boolean through) {
        StringBuilder sb = new StringBuilder();
        for (Glyph gl : glyphs) {
            for (Segment s : segments) {
                float rise = s.y() - gl.baseline();
                boolean place = through ? rise > 0.1f * gl.size() && rise < 0.55f * gl.size() : rise < 0 && rise > -0.35f * gl.size();
                if (s.page() == gl.page() && place && gl.centre() >= s.x1() - 0.01f && gl.centre() <= s.x2() + 0.01f) {
                    sb.append(gl.text());
                    break;
                }
            }
        }
        return sb.toString();
    }

    /** Letters only (no harakat, punctuation or spaces), in a fixed order: what a word is made of, whichever order it was read in. */
    public static String letters(String text) {
        int[] cps = text.codePoints().filter(Character::isLetter).sorted().toArray();
        return new String(cps, 0, cps.length);
    }

    private static final class Lines extends PDFGraphicsStreamEngine {
        private final int page;
        private final List<Segment> out;
        private Point2D start;
        private Point2D end;

        Lines(PDPage p, int page, List<Segment> out) {
            super(p);
            this.page = page;
            this.out = out;
        }

        @Override
        public void moveTo(float x, float y) {
            start = transform(x, y);
            end = null;
        }

        @Override
        public void lineTo(float x, float y) {
            end = transform(x, y);
        }

        private Point2D transform(float x, float y) {
            return getGraphicsState().getCurrentTransformationMatrix().transformPoint(x, y);
        }

        @Override
        public void strokePath() throws IOException {
            if (start != null && end != null && Math.abs(start.getY() - end.getY()) < 0.01) {
                float[] rgb = getGraphicsState().getStrokingColor().getComponents();
                out.add(new Segment(page, (float) Math.min(start.getX(), end.getX()), (float) Math.max(start.getX(), end.getX()),
                        (float) start.getY(), rgb));
            }
            start = null;
            end = null;
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        }

        @Override
        public Point2D getCurrentPoint() {
            return end != null ? end : start != null ? start : new Point2D.Float();
        }

        @Override
        public void closePath() {
        }

        @Override
        public void endPath() {
            start = null;
            end = null;
        }

        @Override
        public void fillPath(int windingRule) {
            start = null;
            end = null;
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            start = null;
            end = null;
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}
