package io.memoflow.document;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The content of one PDF page being built: PDF operators in a string, plus the fonts, images
 * and graphics states they use (held by the {@link RenderContext} of the render). Everything
 * drawn is marked content: text as part of the structure element open in the render's
 * {@link StructureTree} (an MCID of this page), or as an artifact when none is open; rules,
 * frames, images and the watermark always as artifacts.
 */
final class Canvas {

    final float width;
    final float height;
    private final RenderContext context;
    private final StringBuilder ops = new StringBuilder(16 * 1024);
    /** The structure element of each marked-content sequence, by MCID: this page's entry in the parent tree. */
    final List<StructureTree.Element> marked = new ArrayList<>();

    Canvas(RenderContext context, float width, float height) {
        this.context = context;
        this.width = width;
        this.height = height;
    }

    byte[] bytes() {
        return ops.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Draws one line of shaped runs on the given baseline. Each run is drawn with its glyphs at
     * the positions the shaper gave (plus the run's justification shifts): carriers advance the
     * pen by their width, and a TJ adjustment moves it where a glyph must go otherwise. Glyphs
     * that the shaper raised or lowered (marks) are drawn with a text rise.
     */
    void text(List<LineRun> runs, float baseline, Rgb color) {
        if (runs.isEmpty()) {
            return;
        }
        StructureTree.Element element = beginMarked();
        StringBuilder outlines = new StringBuilder();
        ops.append("BT\n");
        color(color, false);
        Rgb currentColor = color;
        boolean decorated = false;
        CidFont currentFont = null;
        float currentSize = -1;
        for (LineRun placed : runs) {
            ShapedRun run = placed.run();
            if (run.size() == 0) {
                continue;
            }
            Rgb runColor = decorationColor(placed.decoration(), color);
            decorated |= placed.decoration() != 0;
            if (!runColor.equals(currentColor)) {
                color(runColor, false);
                currentColor = runColor;
            }
            String spanLanguage = context.tags.runLanguage(element, run);
            if (spanLanguage != null) {
                ops.append("/Span <</Lang ").append(PdfOut.text(spanLanguage)).append(">> BDC\n");
            }
            CidFont font = context.font(run.face);
            float size = placed.size();
            if (font != currentFont || size != currentSize) {
                ops.append('/').append(font.resourceName).append(' ');
                PdfOut.num(ops, size);
                ops.append(" Tf\n");
                currentFont = font;
                currentSize = size;
            }
            ops.append(placed.oblique() ? "1 0 0.2 1 " : "1 0 0 1 ");
            PdfOut.num(ops, placed.x());
            ops.append(' ');
            PdfOut.num(ops, baseline);
            ops.append(" Tm\n[");
            float scale = size / 1000f;
            float pen = 0; // pt from the run's origin
            float rise = 0;
            for (int i = 0; i < run.size(); i++) {
                float target = run.x[i] * scale + placed.shift(i);
                if (run.text[i] == null) {
                    // a glyph that stands for no text: its outline, after the text object
                    outline(outlines, run, i, placed, runColor, scale, target, baseline);
                    continue;
                }
                float glyphRise = run.y[i] * scale;
                if (Math.abs(glyphRise - rise) > 0.001f) {
                    // a raised or lowered glyph (a mark): text rise, which moves no other glyph
                    ops.append("] TJ\n");
                    PdfOut.num(ops, glyphRise);
                    ops.append(" Ts [");
                    rise = glyphRise;
                }
                float delta = target - pen;
                if (Math.abs(delta) > 0.0005f) {
                    PdfOut.num(ops, -delta / scale);
                }
                String text = run.text[i];
                if (text != null && run.rtl && text.length() > 1) {
                    text = visualOrder(text);
                }
                int cid = font.cid(run.gids[i], text, run.width[i]);
                boolean backwards = run.width[i] < 0;
                if (backwards) {
                    // a negative advance (a mark set before its base) has no equal in the font program
                    // (PDF/A): the text is there, invisible, and the glyph is drawn as its outline
                    ops.append("] TJ 3 Tr [");
                    outline(outlines, run, i, placed, runColor, scale, target, baseline);
                }
                ops.append('<');
                PdfOut.hex4(ops, cid);
                ops.append('>');
                if (backwards) {
                    ops.append("] TJ 0 Tr [");
                }
                pen = target + run.width[i] * scale;
            }
            ops.append("] TJ\n");
            if (rise != 0) {
                ops.append("0 Ts\n");
            }
            if (spanLanguage != null) {
                ops.append("EMC\n");
            }
        }
        ops.append("ET\n").append(outlines).append("EMC\n");
        if (decorated) {
            decorations(runs, baseline);
        }
    }

    /** Appends the outline of glyph {@code i} of a run, filled in its colour at its place on the line. */
    private static void outline(StringBuilder outlines, ShapedRun run, int i, LineRun placed, Rgb color, float scale,
                                float target, float baseline) {
        outlines.append("q ");
        colorTo(outlines, color);
        PdfOut.num(outlines, scale);
        outlines.append(placed.oblique() ? " 0 " : " 0 0 ");
        if (placed.oblique()) {
            PdfOut.num(outlines, scale * 0.2f);
            outlines.append(' ');
        }
        PdfOut.num(outlines, scale);
        outlines.append(' ');
        PdfOut.num(outlines, placed.x() + target);
        outlines.append(' ');
        PdfOut.num(outlines, baseline + run.y[i] * scale);
        outlines.append(" cm\n").append(GlyphOutlines.glyph(run.face, run.gids[i])).append("f\nQ\n");
    }

    /** Opens a marked-content sequence for the structure element open now (returned), or for an artifact (null). */
    private StructureTree.Element beginMarked() {
        StructureTree.Element element = context.tags.current();
        if (element == null) {
            ops.append("/Artifact BMC\n");
            return null;
        }
        int mcid = marked.size();
        marked.add(element);
        element.kids.add(new StructureTree.Marked(this, mcid));
        ops.append('/').append(element.type).append(" <</MCID ").append(mcid).append(">> BDC\n");
        return element;
    }

    /** Height of the strike line above the baseline, in ems: through the body of Arabic and Latin lower-case letters. */
    static final float STRIKE_RISE = 0.3f;
    /** Depth of the underline below the baseline, in ems: below most Arabic letters' bowls. */
    static final float UNDERLINE_DROP = 0.2f;

    private static Rgb decorationColor(int decoration, Rgb fallback) {
        if ((decoration & Fonts.STRUCK) != 0) {
            return Fonts.DELETED_COLOR;
        }
        if ((decoration & Fonts.UNDERLINED) != 0) {
            return Fonts.INSERTED_COLOR;
        }
        if ((decoration & Fonts.NOTE) != 0) {
            return Fonts.NOTE_COLOR;
        }
        return fallback;
    }

    /**
     * The lines of decorated runs: a line through struck runs, one under underlined runs, each
     * the width of the run (justification included) and in the run's colour, so that a deleted
     * word and an inserted one differ in black and white too.
     */
    private void decorations(List<LineRun> runs, float baseline) {
        for (LineRun placed : runs) {
            int d = placed.decoration();
            if ((d & (Fonts.STRUCK | Fonts.UNDERLINED)) == 0 || placed.run().size() == 0) {
                continue;
            }
            float x1 = placed.x();
            float x2 = placed.x() + placed.width();
            float thickness = Math.max(0.5f, placed.size() * 0.055f);
            if ((d & Fonts.STRUCK) != 0) {
                float y = baseline + placed.size() * STRIKE_RISE;
                line(x1, y, x2, y, thickness, Fonts.DELETED_COLOR);
            }
            if ((d & Fonts.UNDERLINED) != 0) {
                float y = baseline - placed.size() * UNDERLINE_DROP;
                line(x1, y, x2, y, thickness, Fonts.INSERTED_COLOR);
            }
        }
    }

    /**
     * The text of a right-to-left cluster in visual order (reversed by code point), the order
     * in which text extractors that reorder by direction (poppler) expect it.
     */
    static String visualOrder(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = text.length(); i > 0; ) {
            int cp = text.codePointBefore(i);
            sb.appendCodePoint(cp);
            i -= Character.charCount(cp);
        }
        return sb.toString();
    }

    void color(Rgb c, boolean stroke) {
        PdfOut.num(ops, c.r());
        ops.append(' ');
        PdfOut.num(ops, c.g());
        ops.append(' ');
        PdfOut.num(ops, c.b());
        ops.append(stroke ? " RG\n" : " rg\n");
    }

    private static void colorTo(StringBuilder sb, Rgb c) {
        PdfOut.num(sb, c.r());
        sb.append(' ');
        PdfOut.num(sb, c.g());
        sb.append(' ');
        PdfOut.num(sb, c.b());
        sb.append(" rg ");
    }

    void line(float x1, float y1, float x2, float y2, float lineWidth, Rgb color) {
        ops.append("/Artifact BMC\n");
        color(color, true);
        PdfOut.num(ops, lineWidth);
        ops.append(" w ");
        PdfOut.num(ops, x1);
        ops.append(' ');
        PdfOut.num(ops, y1);
        ops.append(" m ");
        PdfOut.num(ops, x2);
        ops.append(' ');
        PdfOut.num(ops, y2);
        ops.append(" l S\nEMC\n");
    }

    /** A rectangle, filled when {@code fill} is not null, stroked when {@code stroke} is not null. */
    void rect(float x, float y, float w, float h, Rgb fill, Rgb stroke, float lineWidth) {
        if (fill == null && stroke == null) {
            return;
        }
        ops.append("/Artifact BMC\n");
        if (fill != null) {
            color(fill, false);
        }
        if (stroke != null) {
            color(stroke, true);
            PdfOut.num(ops, lineWidth);
            ops.append(" w ");
        }
        PdfOut.num(ops, x);
        ops.append(' ');
        PdfOut.num(ops, y);
        ops.append(' ');
        PdfOut.num(ops, w);
        ops.append(' ');
        PdfOut.num(ops, h);
        ops.append(fill != null && stroke != null ? " re B\n" : fill != null ? " re f\n" : " re S\n");
        ops.append("EMC\n");
    }

    void image(ImageResource image, float x, float y, float w, float h) {
        String name = context.image(image);
        ops.append("/Artifact BMC\nq ");
        PdfOut.num(ops, w);
        ops.append(" 0 0 ");
        PdfOut.num(ops, h);
        ops.append(' ');
        PdfOut.num(ops, x);
        ops.append(' ');
        PdfOut.num(ops, y);
        ops.append(" cm /").append(name).append(" Do Q\nEMC\n");
    }

    /** Fills a path given in PDF path operators, with a constant fill opacity. */
    void fillPath(String pathOps, Rgb color, float opacity) {
        String gs = context.opacity(opacity);
        ops.append("/Artifact BMC\nq /").append(gs).append(" gs\n");
        color(color, false);
        ops.append(pathOps);
        ops.append("f\nQ\nEMC\n");
    }
}
