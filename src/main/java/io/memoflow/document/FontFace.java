package io.memoflow.document;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.font.TextAttribute;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * shaped positions come out in 1/1000 em, which is PDF glyph space. Subsetting needs a fontbox
 * {@link TrueTypeFont}, which is not safe for concurrent use: {@link #subsetSource()} gives each
 * thread its own, parsed from {@link #lean} (the font reduced to the tables a PDF needs).
 */
final class FontFace {

    static {
        // fonts and shaping need no display; a daemon has none
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** The tables an embedded CIDFontType2 needs; everything else (GSUB, GPOS, names) is shaping-only. */
    static final List<String> EMBEDDED_TABLES = List.of("head", "hhea", "loca", "maxp", "cvt ", "prep", "glyf", "hmtx", "fpgm", "gasp");

    final String label;
    /** PostScript name, reduced to characters allowed in a PDF name without escapes. */
    final String postScriptName;
    final Font awt;
    private final byte[] lean;
    /** Advance width of each glyph in font units scaled to 1/1000 em; 0 marks a zero-width glyph (a mark). */
    private final float[] advances;
    final int numGlyphs;
    final float ascent;
    final float descent;
    final float capHeight;
    final float italicAngle;
    final int[] bbox;
    final boolean fixedPitch;

    private FontFace(String label, String postScriptName, Font awt, byte[] lean, float[] advances, int numGlyphs,
                     float ascent, float descent, float capHeight, float italicAngle, int[] bbox, boolean fixedPitch) {
        this.label = label;
        this.postScriptName = postScriptName;
        this.awt = awt;
        this.lean = lean;
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

            byte[] lean = leanFont(bytes, label);
            return new FontFace(label, psName, awt, lean, adv, n, ascent, descent, capHeight, italic, bbox, fixed);
        } catch (FontFormatException | IOException e) {
            throw new IllegalArgumentException("The font " + label + " could not be loaded for shaping (" + e.getMessage()
                    + "). Give a .ttf file with TrueType outlines in the style's font settings.", e);
        }
    }

    /** Advance of a glyph in 1/1000 em as the font defines it (before shaping). */
    float advance(int gid) {
        return gid >= 0 && gid < advances.length ? advances[gid] : 0f;
    }

    /**
     * Parsed fontbox fonts for subsetting, one per thread: fontbox's TrueTypeFont is not safe for
     * concurrent use, and parsing costs more than subsetting. Softly held, so idle threads do not
     * keep them against memory pressure.
     */
    private final ThreadLocal<SoftReference<TrueTypeFont>> perThread = new ThreadLocal<>();

    /** This thread's fontbox font for subsetting (never shared with another thread; do not close it). */
    TrueTypeFont subsetSource() throws IOException {
        SoftReference<TrueTypeFont> ref = perThread.get();
        TrueTypeFont ttf = ref == null ? null : ref.get();
        if (ttf == null) {
            ttf = new TTFParser(true).parse(new RandomAccessReadBuffer(lean));
            perThread.set(new SoftReference<>(ttf));
        }
        return ttf;
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

    /**
     * The font reduced to the tables an embedded subset needs, plus an empty 'cmap' (fontbox
     * asks for one). Parsing and subsetting this is several times faster than the full font,
     * whose GSUB, GPOS, glyph names and cmap only matter for shaping.
     */
    static byte[] leanFont(byte[] src, String label) {
        try {
            ByteBuffer in = ByteBuffer.wrap(src);
            int count = in.getShort(4) & 0xffff;
            Set<String> keep = Set.copyOf(EMBEDDED_TABLES);
            TreeMap<String, byte[]> tables = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int record = 12 + 16 * i;
                String tag = new String(src, record, 4, StandardCharsets.ISO_8859_1);
                int offset = in.getInt(record + 8);
                int length = in.getInt(record + 12);
                if (keep.contains(tag)) {
                    tables.put(tag, Arrays.copyOfRange(src, offset, offset + length));
                }
            }
            ByteBuffer cmap = ByteBuffer.allocate(36);
            cmap.putShort((short) 0).putShort((short) 1).putShort((short) 3).putShort((short) 1).putInt(12);
            cmap.putShort((short) 4).putShort((short) 24).putShort((short) 0).putShort((short) 2)
                    .putShort((short) 2).putShort((short) 0).putShort((short) 0);
            cmap.putShort((short) 0xffff).putShort((short) 0).putShort((short) 0xffff).putShort((short) 1).putShort((short) 0);
            tables.put("cmap", Arrays.copyOf(cmap.array(), cmap.position()));
            int n = tables.size();
            int offset = 12 + 16 * n;
            int total = offset;
            for (byte[] t : tables.values()) {
                total += (t.length + 3) / 4 * 4;
            }
            ByteBuffer out = ByteBuffer.allocate(total);
            out.putInt(0x00010000).putShort((short) n).putShort((short) 0).putShort((short) 0).putShort((short) 0);
            int p = offset;
            for (Map.Entry<String, byte[]> e : tables.entrySet()) {
                out.put(e.getKey().getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(p).putInt(e.getValue().length);
                p += (e.getValue().length + 3) / 4 * 4;
            }
            for (byte[] t : tables.values()) {
                out.put(t);
                for (int k = t.length; k % 4 != 0; k++) {
                    out.put((byte) 0);
                }
            }
            return out.array();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The font " + label + " has a damaged table directory (" + e
                    + "). Give an intact .ttf file.", e);
        }
    }
}
