package io.memoflow.document;

import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Glyph and text outlines as PDF path operators. A shaped glyph that stands for no text of its
 * own (a part of a cluster whose text another glyph carries) is drawn as its outline, not as
 * text: every glyph shown as text then has a Unicode value (PDF/UA 7.21.7), and the text layer
 * holds each character once.
 */
final class GlyphOutlines {

    private static final Map<FontFace, Map<Integer, String>> GLYPHS = new ConcurrentHashMap<>();

    private GlyphOutlines() {
    }

    /** The outline of a glyph in 1/1000 em, y up, origin on the baseline at the pen (fill it with f). */
    static String glyph(FontFace face, int gid) {
        return GLYPHS.computeIfAbsent(face, f -> new ConcurrentHashMap<>()).computeIfAbsent(gid, g ->
                path(face.awt.createGlyphVector(ShapedRun.FRC, new int[] {g}).getOutline()));
    }

    /** A shape (y down, as Java 2D draws) as PDF path operators with y up, to 0.1 unit. */
    static String path(Shape shape) {
        StringBuilder sb = new StringBuilder(1024);
        float[] c = new float[6];
        float lastX = 0;
        float lastY = 0;
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> {
                    pt(sb, c[0], c[1]);
                    sb.append("m\n");
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_LINETO -> {
                    pt(sb, c[0], c[1]);
                    sb.append("l\n");
                    lastX = c[0];
                    lastY = c[1];
                }
                case PathIterator.SEG_QUADTO -> {
                    float c1x = lastX + 2f / 3f * (c[0] - lastX);
                    float c1y = lastY + 2f / 3f * (c[1] - lastY);
                    float c2x = c[2] + 2f / 3f * (c[0] - c[2]);
                    float c2y = c[3] + 2f / 3f * (c[1] - c[3]);
                    pt(sb, c1x, c1y);
                    pt(sb, c2x, c2y);
                    pt(sb, c[2], c[3]);
                    sb.append("c\n");
                    lastX = c[2];
                    lastY = c[3];
                }
                case PathIterator.SEG_CUBICTO -> {
                    pt(sb, c[0], c[1]);
                    pt(sb, c[2], c[3]);
                    pt(sb, c[4], c[5]);
                    sb.append("c\n");
                    lastX = c[4];
                    lastY = c[5];
                }
                default -> sb.append("h\n");
            }
        }
        return sb.toString();
    }

    private static void pt(StringBuilder sb, float x, float y) {
        PdfOut.num(sb, Math.round(x * 10) / 10.0);
        sb.append(' ');
        PdfOut.num(sb, Math.round(-y * 10) / 10.0);
        sb.append(' ');
    }
}
