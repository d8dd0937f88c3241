package io.memoflow.document;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes an embedded TrueType subset agree with the widths the PDF gives its glyphs (PDF/A
 * 6.2.11.5: the /W of a font and the advances of its font program are consistent). memoflow
 * gives each shaped glyph the advance the shaper gave it (a carrier spans its cluster, a mark
 * is often 0), which is what text extractors rely on; the font program's hmtx has the font's
 * own advances. For every CID whose width differs, this appends a copy of its glyph (same
 * outline, same side bearing; composite glyphs keep referring to the original components)
 * with that advance, and the CID maps to the copy.
 */
final class FontProgramWidths {

    /** The font program and, per CID, the glyph in it. */
    record Result(byte[] font, int[] gids) {
    }

    private FontProgramWidths() {
    }

    /**
     * @param ttf   a TrueType font (glyf based, as fontbox's subsetter writes it)
     * @param gids  per CID, its glyph in {@code ttf}
     * @param width per CID, its advance in 1/1000 em as the PDF's /W gives it
     */
    static Result match(byte[] ttf, int[] gids, float[] width) {
        Map<String, byte[]> tables = tables(ttf);
        ByteBuffer head = ByteBuffer.wrap(tables.get("head"));
        int unitsPerEm = head.getShort(18) & 0xFFFF;
        boolean longLoca = head.getShort(50) != 0;
        ByteBuffer hhea = ByteBuffer.wrap(tables.get("hhea"));
        int metrics = hhea.getShort(34) & 0xFFFF;
        int numGlyphs = ByteBuffer.wrap(tables.get("maxp")).getShort(4) & 0xFFFF;
        ByteBuffer hmtx = ByteBuffer.wrap(tables.get("hmtx"));
        ByteBuffer loca = ByteBuffer.wrap(tables.get("loca"));
        byte[] glyf = tables.get("glyf");

        int[] advances = new int[numGlyphs];
        int[] lsbs = new int[numGlyphs];
        int[] offsets = new int[numGlyphs + 1];
        for (int g = 0; g < numGlyphs; g++) {
            int m = Math.min(g, metrics - 1);
            advances[g] = hmtx.getShort(4 * m) & 0xFFFF;
            lsbs[g] = g < metrics ? hmtx.getShort(4 * g + 2) : hmtx.getShort(4 * metrics + 2 * (g - metrics));
        }
        for (int g = 0; g <= numGlyphs; g++) {
            offsets[g] = longLoca ? loca.getInt(4 * g) : (loca.getShort(2 * g) & 0xFFFF) * 2;
        }

        int[] out = new int[gids.length];
        Map<Long, Integer> copies = new HashMap<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        int total = numGlyphs;
        int[] newAdvances = new int[numGlyphs + gids.length];
        int[] newLsbs = new int[numGlyphs + gids.length];
        int[] newOffsets = new int[numGlyphs + gids.length + 1];
        System.arraycopy(advances, 0, newAdvances, 0, numGlyphs);
        System.arraycopy(lsbs, 0, newLsbs, 0, numGlyphs);
        System.arraycopy(offsets, 0, newOffsets, 0, numGlyphs + 1);
        int end = pad4(offsets[numGlyphs]);
        for (int cid = 0; cid < gids.length; cid++) {
            int g = gids[cid];
            int advance = Math.max(0, Math.min(0xFFFF, Math.round(width[cid] * unitsPerEm / 1000f)));
            if (cid == 0 || g >= numGlyphs || advance == advances[g]) {
                out[cid] = g;
                continue;
            }
            long key = ((long) g << 20) | advance;
            Integer copy = copies.get(key);
            if (copy == null) {
                copy = total++;
                copies.put(key, copy);
                int length = offsets[g + 1] - offsets[g];
                newOffsets[copy] = end + extra.size();
                extra.write(glyf, offsets[g], length);
                while (extra.size() % 4 != 0) {
                    extra.write(0);
                }
                newOffsets[copy + 1] = end + extra.size();
                newAdvances[copy] = advance;
                newLsbs[copy] = lsbs[g];
            }
            out[cid] = copy;
        }
        if (total == numGlyphs) {
            return new Result(ttf, out);
        }

        byte[] newGlyf = new byte[end + extra.size()];
        System.arraycopy(glyf, 0, newGlyf, 0, Math.min(glyf.length, offsets[numGlyphs]));
        System.arraycopy(extra.toByteArray(), 0, newGlyf, end, extra.size());
        ByteBuffer newLoca = ByteBuffer.allocate(4 * (total + 1));
        for (int g = 0; g <= total; g++) {
            newLoca.putInt(newOffsets[g]);
        }
        ByteBuffer newHmtx = ByteBuffer.allocate(4 * total);
        int maxAdvance = 0;
        for (int g = 0; g < total; g++) {
            newHmtx.putShort((short) newAdvances[g]).putShort((short) newLsbs[g]);
            maxAdvance = Math.max(maxAdvance, newAdvances[g]);
        }
        byte[] newHhea = tables.get("hhea").clone();
        ByteBuffer.wrap(newHhea).putShort(34, (short) total).putShort(10, (short) maxAdvance);
        byte[] newMaxp = tables.get("maxp").clone();
        ByteBuffer.wrap(newMaxp).putShort(4, (short) total);
        byte[] newHead = tables.get("head").clone();
        ByteBuffer.wrap(newHead).putShort(50, (short) 1).putInt(8, 0);
        tables.put("glyf", newGlyf);
        tables.put("loca", newLoca.array());
        tables.put("hmtx", newHmtx.array());
        tables.put("hhea", newHhea);
        tables.put("maxp", newMaxp);
        tables.put("head", newHead);
        // tables sized by the glyph count: dropped (optional), or the glyph names (post) left out
        tables.remove("hdmx");
        tables.remove("LTSH");
        tables.remove("VDMX");
        if (tables.containsKey("post") && tables.get("post").length >= 32) {
            byte[] post = new byte[32];
            System.arraycopy(tables.get("post"), 0, post, 0, 32);
            ByteBuffer.wrap(post).putInt(0, 0x00030000);
            tables.put("post", post);
        }
        return new Result(write(tables, ByteBuffer.wrap(ttf).getInt(0)), out);
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    private static Map<String, byte[]> tables(byte[] ttf) {
        ByteBuffer b = ByteBuffer.wrap(ttf);
        int count = b.getShort(4) & 0xFFFF;
        Map<String, byte[]> tables = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int record = 12 + 16 * i;
            String tag = new String(ttf, record, 4, StandardCharsets.ISO_8859_1);
            int offset = b.getInt(record + 8);
            int length = b.getInt(record + 12);
            byte[] data = new byte[length];
            System.arraycopy(ttf, offset, data, 0, length);
            tables.put(tag, data);
        }
        for (String needed : new String[] {"head", "hhea", "maxp", "hmtx", "loca", "glyf"}) {
            if (!tables.containsKey(needed)) {
                throw new IllegalStateException("The embedded font subset has no '" + needed + "' table; memoflow embeds "
                        + "TrueType (glyf) fonts only. Use a TrueType font in the style's font settings.");
            }
        }
        return tables;
    }

    private static byte[] write(Map<String, byte[]> tables, int version) {
        int count = tables.size();
        int power = Integer.highestOneBit(count);
        int log2 = Integer.numberOfTrailingZeros(power);
        int offset = 12 + 16 * count;
        int size = offset;
        for (byte[] t : tables.values()) {
            size += pad4(t.length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(version).putShort((short) count).putShort((short) (power * 16)).putShort((short) log2)
                .putShort((short) (count * 16 - power * 16));
        int headOffset = 0;
        for (Map.Entry<String, byte[]> e : tables.entrySet()) {
            byte[] t = e.getValue();
            out.put(e.getKey().getBytes(StandardCharsets.ISO_8859_1)).putInt(checksum(t)).putInt(offset)
                    .putInt(t.length);
            if (e.getKey().equals("head")) {
                headOffset = offset;
            }
            offset += pad4(t.length);
        }
        for (byte[] t : tables.values()) {
            out.put(t);
            for (int i = t.length; i < pad4(t.length); i++) {
                out.put((byte) 0);
            }
        }
        byte[] font = out.array();
        ByteBuffer.wrap(font).putInt(headOffset + 8, (int) (0xB1B0AFBAL - (checksum(font) & 0xFFFFFFFFL)));
        return font;
    }

    private static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 4) {
            long v = 0;
            for (int k = 0; k < 4; k++) {
                v = (v << 8) | (i + k < data.length ? data[i + k] & 0xFF : 0);
            }
            sum += v;
        }
        return (int) sum;
    }
}
