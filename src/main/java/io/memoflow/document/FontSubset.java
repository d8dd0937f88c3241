package io.memoflow.document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * memoflow's TrueType subsetter: writes the font program of one {@link CidFont} (a
 * CIDFontType2's FontFile2) from a {@link Source} parsed once per font.
 *
 * <p>The subset holds glyph 0 (.notdef), the glyphs used, the components of composite glyphs
 * (renumbered in the composite records), in the order of their glyph ids in the source font,
 * and then one copy of a glyph for each (glyph, advance) a CID gives it that differs from the
 * font's own advance (same outline and left side bearing). The copies make the font program
 * agree with the PDF's /W (PDF/A 6.2.11.5): memoflow gives each shaped glyph the advance the
 * shaper gave it (a carrier spans its cluster, a mark is often 0), which text extractors rely
 * on. The tables written are 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp' and, copied as
 * they are where the source has them, 'cvt ', 'fpgm', 'gasp', 'prep' (the hinting); no 'cmap',
 * 'name' or 'post', which a CIDFontType2 with a CIDToGIDMap does not use (shaping tables such as
 * GSUB and GPOS neither).
 */
final class FontSubset {

    /** The font program and, per CID, its glyph in it. */
    record Result(byte[] font, int[] gids) {
    }

    private static final int ARG_1_AND_2_ARE_WORDS = 0x0001;
    private static final int WE_HAVE_A_SCALE = 0x0008;
    private static final int MORE_COMPONENTS = 0x0020;
    private static final int WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
    private static final int WE_HAVE_A_TWO_BY_TWO = 0x0080;

    /** Tables copied as they are where the source has them. */
    private static final String[] COPIED = {"cvt ", "fpgm", "gasp", "prep"};

    private FontSubset() {
    }

    /**
     * The tables of a TrueType font a subset is made of, parsed once and immutable (shared by
     * renders on any thread).
     */
    static final class Source {
        final int unitsPerEm;
        final int numGlyphs;
        /** Per glyph: where its data starts in {@link #glyf}, and how long it is (0: no outline). */
        private final int[] offsets;
        private final int[] lengths;
        /** Per glyph: advance and left side bearing in font units, from 'hmtx'. */
        private final int[] advances;
        private final short[] lsbs;
        private final byte[] glyf;
        private final byte[] head;
        private final byte[] hhea;
        private final byte[] maxp;
        /** The tables of {@link #COPIED}, null where the font has none. */
        private final byte[][] copied;

        private Source(int unitsPerEm, int numGlyphs, int[] offsets, int[] lengths, int[] advances, short[] lsbs,
                       byte[] glyf, byte[] head, byte[] hhea, byte[] maxp, byte[][] copied) {
            this.unitsPerEm = unitsPerEm;
            this.numGlyphs = numGlyphs;
            this.offsets = offsets;
            this.lengths = lengths;
            this.advances = advances;
            this.lsbs = lsbs;
            this.glyf = glyf;
            this.head = head;
            this.hhea = hhea;
            this.maxp = maxp;
            this.copied = copied;
        }

        /**
         * Parses the tables of a TrueType font.
         *
         * @param label where the bytes came from, for messages
         */
        static Source parse(byte[] font, String label) {
            try {
                ByteBuffer in = ByteBuffer.wrap(font);
                byte[] head = table(font, "head");
                byte[] hhea = table(font, "hhea");
                byte[] maxp = table(font, "maxp");
                byte[] hmtx = table(font, "hmtx");
                byte[] loca = table(font, "loca");
                byte[] glyf = table(font, "glyf");
                ByteBuffer h = ByteBuffer.wrap(head);
                int unitsPerEm = h.getShort(18) & 0xFFFF;
                boolean longLoca = h.getShort(50) != 0;
                int numGlyphs = ByteBuffer.wrap(maxp).getShort(4) & 0xFFFF;
                int metrics = Math.min(numGlyphs, ByteBuffer.wrap(hhea).getShort(34) & 0xFFFF);
                if (numGlyphs == 0 || metrics == 0 || unitsPerEm == 0) {
                    throw new IllegalArgumentException("it has no glyphs, no horizontal metrics or no units per em");
                }
                ByteBuffer l = ByteBuffer.wrap(loca);
                ByteBuffer m = ByteBuffer.wrap(hmtx);
                int[] offsets = new int[numGlyphs];
                int[] lengths = new int[numGlyphs];
                int[] advances = new int[numGlyphs];
                short[] lsbs = new short[numGlyphs];
                for (int g = 0; g < numGlyphs; g++) {
                    int start = Math.min(glyf.length, longLoca ? l.getInt(4 * g) : (l.getShort(2 * g) & 0xFFFF) * 2);
                    int end = Math.min(glyf.length, longLoca ? l.getInt(4 * g + 4) : (l.getShort(2 * g + 2) & 0xFFFF) * 2);
                    offsets[g] = Math.max(0, start);
                    lengths[g] = Math.max(0, end - offsets[g]);
                    advances[g] = m.getShort(4 * Math.min(g, metrics - 1)) & 0xFFFF;
                    int lsb = g < metrics ? 4 * g + 2 : 4 * metrics + 2 * (g - metrics);
                    lsbs[g] = lsb + 2 <= hmtx.length ? m.getShort(lsb) : 0;
                }
                byte[][] copied = new byte[COPIED.length][];
                for (int i = 0; i < COPIED.length; i++) {
                    copied[i] = find(font, in, COPIED[i]);
                }
                return new Source(unitsPerEm, numGlyphs, offsets, lengths, advances, lsbs, glyf, head, hhea, maxp, copied);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("The font " + label + " has a damaged table (" + e
                        + "). Give an intact .ttf file.", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The font " + label + " cannot be embedded: " + e.getMessage()
                        + ". Give an intact .ttf file with TrueType outlines.", e);
            }
        }

        private static byte[] table(byte[] font, String tag) {
            byte[] t = find(font, ByteBuffer.wrap(font), tag);
            if (t == null) {
                throw new IllegalArgumentException("it has no '" + tag + "' table (memoflow embeds TrueType, glyf based fonts)");
            }
            return t;
        }

        private static byte[] find(byte[] font, ByteBuffer in, String tag) {
            int count = in.getShort(4) & 0xFFFF;
            for (int i = 0; i < count; i++) {
                int record = 12 + 16 * i;
                if (new String(font, record, 4, StandardCharsets.ISO_8859_1).equals(tag)) {
                    int offset = in.getInt(record + 8);
                    return Arrays.copyOfRange(font, offset, offset + in.getInt(record + 12));
                }
            }
            return null;
        }
    }

    /**
     * Writes the subset.
     *
     * @param src      the source font
     * @param gids     per CID, its glyph in the source font (CID 0 is .notdef); glyphs the font
     *                 does not have become .notdef
     * @param width100 per CID, its advance in 1/100000 em (the PDF's /W width times 100); in
     *                 the font program it becomes {@code round(width * unitsPerEm / 1000)} font
     *                 units (float arithmetic, clamped to 0..65535), and a CID whose glyph has
     *                 another advance in the font gets a copy of the glyph with this one
     */
    static Result write(Source src, int[] gids, int[] width100) {
        int n = src.numGlyphs;
        // newGid[g]: 0 for a glyph not in the subset, else its glyph id in the subset plus one
        int[] newGid = new int[n];
        int[] stack = new int[16];
        int top = 0;
        newGid[0] = 1;
        for (int g : gids) {
            if (g > 0 && g < n && newGid[g] == 0) {
                newGid[g] = 1;
                if (top == stack.length) {
                    stack = Arrays.copyOf(stack, top * 2);
                }
                stack[top++] = g;
            }
        }
        while (top > 0) { // the components of composite glyphs, and theirs
            int g = stack[--top];
            if (!composite(src, g)) {
                continue;
            }
            int end = src.offsets[g] + src.lengths[g];
            for (int p = src.offsets[g] + 10; p + 4 <= end; p = next(src.glyf, p)) {
                int c = u16(src.glyf, p + 2);
                if (c < n && newGid[c] == 0) {
                    newGid[c] = 1;
                    if (top == stack.length) {
                        stack = Arrays.copyOf(stack, top * 2);
                    }
                    stack[top++] = c;
                }
                if ((u16(src.glyf, p) & MORE_COMPONENTS) == 0) {
                    break;
                }
            }
        }
        int used = 0;
        for (int g = 0; g < n; g++) {
            if (newGid[g] != 0) {
                newGid[g] = ++used;
            }
        }

        // the CIDs whose advance differs from the font's: (glyph, advance, cid) packed and sorted
        int[] out = new int[gids.length];
        long[] differing = new long[gids.length];
        int differ = 0;
        for (int cid = 0; cid < gids.length; cid++) {
            int g = gids[cid];
            boolean known = g >= 0 && g < n;
            out[cid] = known ? newGid[g] - 1 : 0;
            float width = width100[cid] / 100f;
            int advance = Math.max(0, Math.min(0xFFFF, Math.round(width * src.unitsPerEm / 1000f)));
            if (cid != 0 && known && advance != src.advances[g]) {
                differing[differ++] = ((long) g << 32) | ((long) advance << 16) | cid;
            }
        }
        Arrays.sort(differing, 0, differ);
        int[] source = new int[used + differ]; // per glyph of the subset: its glyph in the source
        int[] advances = new int[used + differ];
        for (int g = 0; g < n; g++) {
            if (newGid[g] != 0) {
                source[newGid[g] - 1] = g;
                advances[newGid[g] - 1] = src.advances[g];
            }
        }
        int total = used;
        for (int i = 0; i < differ; i++) {
            long key = differing[i] >>> 16;
            if (i == 0 || key != differing[i - 1] >>> 16) {
                source[total] = (int) (key >>> 16);
                advances[total] = (int) (key & 0xFFFF);
                total++;
            }
            out[(int) (differing[i] & 0xFFFF)] = total - 1;
        }
        if (total > 0xFFFF) {
            throw new IllegalStateException("The font subset would need more than 65535 glyphs (" + total
                    + "); a document this varied cannot be embedded in one font");
        }
        return new Result(font(src, source, advances, total, newGid), out);
    }

    private static byte[] font(Source src, int[] source, int[] advances, int total, int[] newGid) {
        int glyfLength = 0;
        for (int i = 0; i < total; i++) {
            glyfLength += pad4(src.lengths[source[i]]);
        }
        boolean longLoca = glyfLength / 2 > 0xFFFF;
        int metrics = total; // trailing glyphs of the same advance need only their side bearing
        while (metrics > 1 && advances[metrics - 1] == advances[metrics - 2]) {
            metrics--;
        }
        List<Table> tables = new ArrayList<>(COPIED.length + 6);
        for (int i = 0; i < COPIED.length; i++) {
            if (src.copied[i] != null) {
                tables.add(new Table(COPIED[i], src.copied[i], src.copied[i].length));
            }
        }
        Table glyf = new Table("glyf", null, glyfLength);
        Table head = new Table("head", src.head, src.head.length);
        Table hhea = new Table("hhea", src.hhea, src.hhea.length);
        Table hmtx = new Table("hmtx", null, 4 * metrics + 2 * (total - metrics));
        Table loca = new Table("loca", null, (total + 1) * (longLoca ? 4 : 2));
        Table maxp = new Table("maxp", src.maxp, src.maxp.length);
        tables.addAll(List.of(glyf, head, hhea, hmtx, loca, maxp));
        tables.sort(Comparator.comparing(Table::tag)); // the table directory is sorted by tag
        int count = tables.size();
        int size = 12 + 16 * count;
        for (Table t : tables) {
            t.offset = size;
            size += pad4(t.length);
        }
        byte[] font = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(font);
        for (Table t : tables) {
            if (t.data != null) {
                System.arraycopy(t.data, 0, font, t.offset, t.length);
            }
        }

        // glyf and loca
        int p = glyf.offset;
        int maxAdvance = 0;
        for (int i = 0; i < total; i++) {
            int g = source[i];
            int at = p - glyf.offset;
            if (longLoca) {
                b.putInt(loca.offset + 4 * i, at);
            } else {
                b.putShort(loca.offset + 2 * i, (short) (at / 2));
            }
            System.arraycopy(src.glyf, src.offsets[g], font, p, src.lengths[g]);
            if (composite(src, g)) {
                renumber(font, p, p + src.lengths[g], newGid);
            }
            p += pad4(src.lengths[g]);
            maxAdvance = Math.max(maxAdvance, advances[i]);
        }
        if (longLoca) {
            b.putInt(loca.offset + 4 * total, glyfLength);
        } else {
            b.putShort(loca.offset + 2 * total, (short) (glyfLength / 2));
        }

        // hmtx
        int m = hmtx.offset;
        for (int i = 0; i < total; i++) {
            if (i < metrics) {
                b.putShort(m, (short) advances[i]);
                m += 2;
            }
            b.putShort(m, src.lsbs[source[i]]);
            m += 2;
        }

        b.putInt(head.offset + 8, 0).putShort(head.offset + 50, (short) (longLoca ? 1 : 0));
        b.putShort(hhea.offset + 10, (short) maxAdvance).putShort(hhea.offset + 34, (short) metrics);
        b.putShort(maxp.offset + 4, (short) total);

        // the table directory
        int power = Integer.highestOneBit(count);
        b.putInt(0, 0x00010000).putShort(4, (short) count).putShort(6, (short) (power * 16))
                .putShort(8, (short) Integer.numberOfTrailingZeros(power)).putShort(10, (short) ((count - power) * 16));
        for (int i = 0; i < count; i++) {
            Table t = tables.get(i);
            int record = 12 + 16 * i;
            for (int k = 0; k < 4; k++) {
                font[record + k] = (byte) t.tag.charAt(k);
            }
            b.putInt(record + 4, checksum(b, t.offset, pad4(t.length))).putInt(record + 8, t.offset).putInt(record + 12, t.length);
        }
        b.putInt(head.offset + 8, (int) (0xB1B0AFBAL - (checksum(b, 0, size) & 0xFFFFFFFFL)));
        return font;
    }

    /** One table of the font written: its bytes where they are copied, and where it goes. */
    private static final class Table {
        final String tag;
        final byte[] data;
        final int length;
        int offset;

        Table(String tag, byte[] data, int length) {
            this.tag = tag;
            this.data = data;
            this.length = length;
        }

        String tag() {
            return tag;
        }
    }

    /** Whether a glyph of the source is a composite (a negative number of contours). */
    private static boolean composite(Source src, int g) {
        return src.lengths[g] >= 10 && src.glyf[src.offsets[g]] < 0;
    }

    /** Replaces the glyph ids of a composite glyph's components (at {@code from} in {@code font}) by those of the subset. */
    private static void renumber(byte[] font, int from, int end, int[] newGid) {
        for (int p = from + 10; p + 4 <= end; p = next(font, p)) {
            int c = u16(font, p + 2);
            int g = c < newGid.length ? newGid[c] - 1 : 0;
            font[p + 2] = (byte) (g >> 8);
            font[p + 3] = (byte) g;
            if ((u16(font, p) & MORE_COMPONENTS) == 0) {
                return;
            }
        }
    }

    /** Where the component record after the one at {@code p} starts. */
    private static int next(byte[] data, int p) {
        int flags = u16(data, p);
        p += (flags & ARG_1_AND_2_ARE_WORDS) != 0 ? 8 : 6;
        if ((flags & WE_HAVE_A_SCALE) != 0) {
            p += 2;
        } else if ((flags & WE_HAVE_AN_X_AND_Y_SCALE) != 0) {
            p += 4;
        } else if ((flags & WE_HAVE_A_TWO_BY_TWO) != 0) {
            p += 8;
        }
        return p;
    }

    private static int u16(byte[] data, int p) {
        return (data[p] & 0xFF) << 8 | data[p + 1] & 0xFF;
    }

    private static int pad4(int n) {
        return (n + 3) & ~3;
    }

    /** The TrueType checksum of {@code length} bytes (a multiple of 4) at {@code offset}. */
    private static int checksum(ByteBuffer b, int offset, int length) {
        int sum = 0;
        for (int i = offset; i < offset + length; i += 4) {
            sum += b.getInt(i);
        }
        return sum;
    }
}
