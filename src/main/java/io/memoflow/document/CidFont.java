package io.memoflow.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One font as used by one PDF: a Type0 font with Identity-H encoding over a CIDFontType2
 * subset. Every distinct (glyph, text, advance) gets its own CID, so that the PDF can say both
 * how wide each shaped glyph is (/W) and what text it stands for (ToUnicode), even when the same
 * glyph stands for different text in different places (a shaped glyph is not a character).
 * Not thread safe: one instance per render.
 */
final class CidFont {

    /**
     * A glyph as it is drawn. equals and hashCode are written out: a record's generated ones go
     * through method handles, which the client compiler the daemon runs with does not inline (this
     * map is looked up once per glyph drawn: 2.6 % of the daemon's CPU before, in perf profiles).
     */
    private record Key(int gid, String text, int width100) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.gid == gid && k.width100 == width100 && Objects.equals(k.text, text);
        }

        @Override
        public int hashCode() {
            return (gid * 31 + width100) * 31 + Objects.hashCode(text);
        }
    }

    final FontFace face;
    final String resourceName;
    private final Map<Key, Integer> cids = new HashMap<>();
    private final List<Key> byCid = new ArrayList<>();

    CidFont(FontFace face, String resourceName) {
        this.face = face;
        this.resourceName = resourceName;
        byCid.add(new Key(0, null, 0)); // CID 0 is .notdef
    }

    /**
     * The CID for a glyph drawn with the given text and width.
     *
     * @param text  what the glyph stands for, already in the order the PDF should store it;
     *              null for a glyph that stands for no text
     * @param width the glyph's advance in 1/1000 em
     */
    int cid(int gid, String text, float width) {
        Key key = new Key(gid, text, Math.round(width * 100f));
        Integer cid = cids.get(key);
        if (cid == null) {
            if (byCid.size() > 0xFFFF) {
                throw new IllegalStateException("More than 65535 distinct shaped glyphs in one font of one document");
            }
            cid = byCid.size();
            byCid.add(key);
            cids.put(key, cid);
        }
        return cid;
    }

    boolean used() {
        return byCid.size() > 1;
    }

    /** Writes the font objects; returns the object number of the Type0 font dictionary. */
    int write(PdfOut pdf) {
        int[] gidOfCid = new int[byCid.size()];
        int[] widthOfCid = new int[byCid.size()];
        for (int cid = 0; cid < byCid.size(); cid++) {
            gidOfCid[cid] = byCid.get(cid).gid;
            widthOfCid[cid] = byCid.get(cid).width100;
        }
        FontSubset.Result program = FontSubset.write(face.subsetSource, gidOfCid, widthOfCid);
        byte[] subset = program.font();
        String tag = subsetTag();

        String baseFont = tag + "+" + face.postScriptName;
        int type0 = pdf.reserve();
        int cidFont = pdf.reserve();
        int descriptor = pdf.reserve();
        int fontFile = pdf.reserve();
        int cidToGid = pdf.reserve();
        int toUnicode = pdf.reserve();

        pdf.object(type0, "<< /Type /Font /Subtype /Type0 /BaseFont /" + baseFont + " /Encoding /Identity-H /DescendantFonts ["
                + cidFont + " 0 R] /ToUnicode " + toUnicode + " 0 R >>");

        StringBuilder w = new StringBuilder(byCid.size() * 8);
        w.append("[1 [");
        for (int cid = 1; cid < byCid.size(); cid++) {
            if (cid > 1) {
                w.append(cid % 16 == 0 ? '\n' : ' ');
            }
            PdfOut.num(w, byCid.get(cid).width100 / 100.0);
        }
        w.append("]]");
        pdf.object(cidFont, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + baseFont
                + " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor "
                + descriptor + " 0 R /DW 0 /W " + (byCid.size() > 1 ? w : "[]") + " /CIDToGIDMap " + cidToGid + " 0 R >>");

        int flags = 4 | (face.fixedPitch ? 1 : 0) | (face.italicAngle != 0 ? 64 : 0);
        pdf.object(descriptor, "<< /Type /FontDescriptor /FontName /" + baseFont + " /Flags " + flags + " /FontBBox ["
                + face.bbox[0] + " " + face.bbox[1] + " " + face.bbox[2] + " " + face.bbox[3] + "] /ItalicAngle "
                + PdfOut.num(face.italicAngle) + " /Ascent " + PdfOut.num(face.ascent) + " /Descent " + PdfOut.num(face.descent)
                + " /CapHeight " + PdfOut.num(face.capHeight) + " /StemV 80 /FontFile2 " + fontFile + " 0 R >>");
        pdf.stream(fontFile, "/Length1 " + subset.length, subset, true);

        byte[] map = new byte[byCid.size() * 2];
        for (int cid = 0; cid < byCid.size(); cid++) {
            int v = program.gids()[cid];
            map[2 * cid] = (byte) (v >> 8);
            map[2 * cid + 1] = (byte) v;
        }
        pdf.stream(cidToGid, "", map, true);
        pdf.stream(toUnicode, "", toUnicodeCMap(), true);
        return type0;
    }

    private byte[] toUnicodeCMap() {
        StringBuilder sb = new StringBuilder(byCid.size() * 20 + 400);
        sb.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                + "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        // every code shown is mapped (PDF/UA): glyphs that stand for no text are drawn as outlines (Canvas)
        List<Integer> mapped = new ArrayList<>();
        for (int cid = 1; cid < byCid.size(); cid++) {
            if (byCid.get(cid).text != null && !byCid.get(cid).text.isEmpty()) {
                mapped.add(cid);
            }
        }
        for (int i = 0; i < mapped.size(); i += 100) {
            int end = Math.min(mapped.size(), i + 100);
            sb.append(end - i).append(" beginbfchar\n");
            for (int j = i; j < end; j++) {
                int cid = mapped.get(j);
                sb.append('<');
                PdfOut.hex4(sb, cid);
                sb.append("> <");
                String t = byCid.get(cid).text;
                for (int k = 0; k < t.length(); k++) {
                    PdfOut.hex4(sb, t.charAt(k));
                }
                sb.append(">\n");
            }
            sb.append("endbfchar\n");
        }
        sb.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Six capital letters derived from the subset's content, as PDF subset names need. */
    private String subsetTag() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(face.postScriptName.getBytes(StandardCharsets.UTF_8));
            for (Key k : byCid) {
                md.update((byte) (k.gid >> 8));
                md.update((byte) k.gid);
                md.update((byte) (k.width100 >> 16));
                md.update((byte) (k.width100 >> 8));
                md.update((byte) k.width100);
            }
            byte[] d = md.digest();
            char[] tag = new char[6];
            for (int i = 0; i < 6; i++) {
                tag[i] = (char) ('A' + (d[i] & 0xff) % 26);
            }
            return new String(tag);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }
}
