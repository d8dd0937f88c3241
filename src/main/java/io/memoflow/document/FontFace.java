package io.memoflow.document;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.fontbox.ttf.HorizontalMetricsTable;
import org.apache.fontbox.ttf.NamingTable;
import org.apache.fontbox.ttf.OS2WindowsMetricsTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * One TrueType font, loaded once and shared by all renders: everything in here is immutable.
 *
 * <p>Shaping uses {@link #awt}, a {@link Font} of size 1000 with ligatures and kerning on, so
 * shaped positions come out in 1/1000 em, which is PDF glyph space. Subsets are written from
 * {@link #subsetSource}, the tables a PDF needs parsed once (see {@link FontSubset}).
 */
final class FontFace {

    static {
        // fonts and shaping need no display; a daemon has none
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    final String label;
    /** PostScript name, reduced to characters allowed in a PDF name without escapes. */
    final String postScriptName;
    final Font awt;
    /** The tables an embedded subset is made of, parsed once (immutable, shared by all renders). */
    final FontSubset.Source subsetSource;
    /** Advance width of each glyph in font units scaled to 1/1000 em; 0 marks a zero-width glyph (a mark). */
    private final float[] advances;
    final int numGlyphs;
    final float ascent;
    final float descent;
    final float capHeight;
    final float italicAngle;
    final int[] bbox;
    final boolean fixedPitch;

    private FontFace(String label, String postScriptName, Font awt, FontSubset.Source subsetSource, float[] advances, int numGlyphs,
                     float ascent, float descent, float capHeight, float italicAngle, int[] bbox, boolean fixedPitch) {
        this.label = label;
        this.postScriptName = postScriptName;
        this.awt = awt;
        this.subsetSource = subsetSource;
        this.advances = advances;
        this.numGlyphs = numGlyphs;
        this.ascent = ascent;
        this.descent = descent;
        this.capHeight = capHeight;
        this.italicAngle = italicAngle;
        this.bbox = bbox;
        this.fixedPitch = fixedPitch;
    }

    /**
     * Loads a TrueType font.
     *
     * @param label where the bytes came from, for messages (a path or a resource name)
     */
    static FontFace load(String label, byte[] bytes) {
        TrueTypeFont ttf;
        try {
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("The font " + label + " could not be read as a TrueType font ("
                    + e.getMessage() + "). Give a .ttf file with TrueType outlines in the style's font settings.", e);
        }
        try (ttf) {
            if (ttf.getTableMap().get("glyf") == null || ttf.getTableMap().get("loca") == null) {
                throw new IllegalArgumentException("The font " + label + " has no TrueType outlines (no 'glyf' table; "
                        + "it is probably a CFF-based OpenType font). memoflow embeds TrueType fonts: give a .ttf file.");
            }
            OS2WindowsMetricsTable os2 = ttf.getOS2Windows();
            if (os2 != null && (os2.getFsType() & 0x000F) == OS2WindowsMetricsTable.FSTYPE_RESTRICTED) {
                throw new IllegalArgumentException("The font " + label + " forbids embedding (OS/2 fsType restricted licence). "
                        + "Choose a font whose licence allows embedding, such as the packaged Amiri.");
            }
            float scale = 1000f / ttf.getUnitsPerEm();
            int n = ttf.getNumberOfGlyphs();
            float[] adv = new float[n];
            HorizontalMetricsTable hmtx = ttf.getHorizontalMetrics();
            for (int g = 0; g < n; g++) {
                adv[g] = hmtx.getAdvanceWidth(g) * scale;
            }
            float ascent = ttf.getHorizontalHeader().getAscender() * scale;
            float descent = ttf.getHorizontalHeader().getDescender() * scale;
            float capHeight = os2 != null && os2.getVersion() >= 2 ? os2.getCapHeight() * scale : ascent * 0.7f;
            var head = ttf.getHeader();
            int[] bbox = {Math.round(head.getXMin() * scale), Math.round(head.getYMin() * scale),
                    Math.round(head.getXMax() * scale), Math.round(head.getYMax() * scale)};
            float italic = ttf.getPostScript() == null ? 0 : ttf.getPostScript().getItalicAngle();
            boolean fixed = ttf.getPostScript() != null && ttf.getPostScript().getIsFixedPitch() != 0;
            String psName = postScriptName(ttf.getNaming(), label);

            Font base = Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes));
            Map<TextAttribute, Object> attributes = new HashMap<>();
            attributes.put(TextAttribute.SIZE, 1000f);
            attributes.put(TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON);
            attributes.put(TextAttribute.KERNING, TextAttribute.KERNING_ON);
            Font awt = base.deriveFont(attributes);

            FontSubset.Source subsetSource = FontSubset.Source.parse(bytes, label);
            return new FontFace(label, psName, awt, subsetSource, adv, n, ascent, descent, capHeight, italic, bbox, fixed);
        } catch (FontFormatException | IOException e) {
            throw new IllegalArgumentException("The font " + label + " could not be loaded for shaping (" + e.getMessage()
                    + "). Give a .ttf file with TrueType outlines in the style's font settings.", e);
        }
    }

    /** Advance of a glyph in 1/1000 em as the font defines it (before shaping). */
    float advance(int gid) {
        return gid >= 0 && gid < advances.length ? advances[gid] : 0f;
    }

    private static String postScriptName(NamingTable naming, String label) {
        String name = naming == null ? null : naming.getPostScriptName();
        if (name == null || name.isBlank()) {
            String file = label.replaceAll("^.*[/\\\\]", "").replaceAll("\\.[^.]*$", "");
            name = file.isBlank() ? "Font" : file;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length() && sb.length() < 60; i++) {
            char c = name.charAt(i);
            if (c > 0x20 && c < 0x7f && "()<>[]{}/%#".indexOf(c) < 0) {
                sb.append(c);
            }
        }
        return sb.length() == 0 ? "Font" : sb.toString();
    }
}
