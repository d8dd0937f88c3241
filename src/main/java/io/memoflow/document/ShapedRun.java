package io.memoflow.document;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.util.Arrays;

/**
 * The glyphs of one directional run of text as the JDK's layout engine (HarfBuzz) shapes them:
 * in visual order (left to right), with positions in 1/1000 em relative to the run's left edge
 * (y upwards).
 *
 * <p>Every glyph that carries text ("carrier") has the text of its cluster: the characters the
 * shaper put in its cluster, so a ligature carries all its characters. Combining marks that the
 * shaper raises or lowers, or sets with a spacing glyph (a kashida the font inserts), are folded
 * into the cluster of their base: their glyphs are drawn (with a text rise) but carry no text, as
 * extractors split words where the baseline moves. Zero-width marks left on the baseline carry
 * their own text. The carrier of a cluster is the glyph of its first character. Carriers get a
 * width equal to the distance to the next carrier, so that the carriers of a word tile it without
 * gaps (extractors split words at gaps); glyphs without text have width 0 and are drawn where the
 * shaper put them.
 */
final class ShapedRun {

    /** Positions in 1/1000 em, no hinting: fractional metrics and no transform. */
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    final FontFace face;
    final boolean rtl;
    /** The characters of the paragraph this run holds: [start, limit). */
    final int start;
    final int limit;
    final int[] gids;
    final float[] x;
    final float[] y;
    /** Logical text of each carrier's cluster; null for glyphs that carry no text. */
    final String[] text;
    /** Width of each glyph as written to the PDF (/W); 0 for glyphs without text. */
    final float[] width;
    /** Index (into the paragraph) of the first character of each glyph's cluster. */
    final int[] cluster;
    /** Total advance of the run, 1/1000 em. */
    final float advance;
    /**
     * +1 when the glyphs' clusters never decrease (left to right), -1 when they never increase
     * (right to left in visual order), 0 otherwise: then the glyphs of a range of characters are
     * one stretch of glyphs, found by binary search, so a line is sliced in time proportional to
     * the line, not to the paragraph.
     */
    private final int order;
    /** The longest text of a cluster: how far a cluster can reach past its first character. */
    private final int longestText;

    private ShapedRun(FontFace face, boolean rtl, int start, int limit, int[] gids, float[] x, float[] y, String[] text,
                      float[] width, int[] cluster, float advance) {
        this.face = face;
        this.rtl = rtl;
        this.start = start;
        this.limit = limit;
        this.gids = gids;
        this.x = x;
        this.y = y;
        this.text = text;
        this.width = width;
        this.cluster = cluster;
        this.advance = advance;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < cluster.length; i++) {
            up &= cluster[i] >= cluster[i - 1];
            down &= cluster[i] <= cluster[i - 1];
        }
        this.order = up ? 1 : down ? -1 : 0;
        int longest = 1;
        for (String t : text) {
            if (t != null) {
                longest = Math.max(longest, t.length());
            }
        }
        this.longestText = longest;
    }

    int size() {
        return gids.length;
    }

    /**
     * The glyphs of the characters [from, to) of this run, as the run shaped them (in the whole
     * paragraph's context), rebased to start at 0; null when a cluster crosses either edge (the
     * range must then be shaped on its own).
     */
    ShapedRun slice(int from, int to) {
        return order == 0 ? sliceByScan(from, to) : sliceBySearch(from, to);
    }

    /** Whether {@link #slice} finds a range by binary search (the clusters are in order). */
    boolean slicedBySearch() {
        return order != 0;
    }

    /** {@link #slice} when the clusters are in order: binary search for the stretch, then only that stretch and its edges are looked at. */
    private ShapedRun sliceBySearch(int from, int to) {
        int n = gids.length;
        // the stretch [lo, hi) of glyphs whose cluster is in [from, to)
        int lo;
        int hi;
        if (order > 0) {
            lo = firstAtLeast(from);
            hi = firstAtLeast(to);
        } else {
            lo = firstBelow(to);
            hi = firstBelow(from);
        }
        int firstCarrier = -1;
        int lastCarrier = -1;
        for (int i = lo; i < hi; i++) {
            if (text[i] != null) {
                if (cluster[i] + text[i].length() > to) {
                    return null; // a cluster crosses the end of the range
                }
                if (firstCarrier < 0) {
                    firstCarrier = i;
                }
                lastCarrier = i;
            }
        }
        // glyphs of clusters that start before the range and may reach into it: next to the stretch, on the side of smaller clusters
        int step = order > 0 ? -1 : 1;
        for (int i = order > 0 ? lo - 1 : hi; i >= 0 && i < n && from - cluster[i] < longestText; i += step) {
            if (text[i] != null && cluster[i] < from && cluster[i] + text[i].length() > from) {
                return null; // a cluster crosses the start of the range
            }
        }
        int count = hi - lo;
        if (count == n && from <= start && to >= limit) {
            return this;
        }
        if (firstCarrier < 0) {
            return null;
        }
        float left = x[firstCarrier];
        int[] g = Arrays.copyOfRange(gids, lo, hi);
        float[] sx = new float[count];
        for (int k = 0; k < count; k++) {
            sx[k] = x[lo + k] - left;
        }
        float advance = x[lastCarrier] + width[lastCarrier] - left;
        return new ShapedRun(face, rtl, from, to, g, sx, Arrays.copyOfRange(y, lo, hi), Arrays.copyOfRange(text, lo, hi),
                Arrays.copyOfRange(width, lo, hi), Arrays.copyOfRange(cluster, lo, hi), advance);
    }

    /** The first glyph whose cluster is at least {@code c} (clusters never decreasing). */
    private int firstAtLeast(int c) {
        int lo = 0;
        int hi = cluster.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cluster[mid] >= c) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first glyph whose cluster is below {@code c} (clusters never increasing). */
    private int firstBelow(int c) {
        int lo = 0;
        int hi = cluster.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cluster[mid] < c) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** {@link #slice} by looking at every glyph of the run: for runs whose clusters are not in order. */
    ShapedRun sliceByScan(int from, int to) {
        int n = gids.length;
        int count = 0;
        int firstCarrier = -1;
        int lastCarrier = -1;
        for (int i = 0; i < n; i++) {
            int c = cluster[i];
            if (text[i] != null) {
                int end = c + text[i].length();
                boolean inside = c >= from && end <= to;
                boolean outside = end <= from || c >= to;
                if (!inside && !outside) {
                    return null;
                }
                if (inside) {
                    if (firstCarrier < 0) {
                        firstCarrier = i;
                    }
                    lastCarrier = i;
                }
            }
            if (c >= from && c < to) {
                count++;
            }
        }
        if (count == n && from <= start && to >= limit) {
            return this;
        }
        if (firstCarrier < 0) {
            return null;
        }
        float left = x[firstCarrier];
        int[] g = new int[count];
        float[] sx = new float[count];
        float[] sy = new float[count];
        String[] st = new String[count];
        float[] sw = new float[count];
        int[] sc = new int[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (cluster[i] >= from && cluster[i] < to) {
                g[k] = gids[i];
                sx[k] = x[i] - left;
                sy[k] = y[i];
                st[k] = text[i];
                sw[k] = width[i];
                sc[k] = cluster[i];
                k++;
            }
        }
        float advance = x[lastCarrier] + width[lastCarrier] - left;
        return new ShapedRun(face, rtl, from, to, g, sx, sy, st, sw, sc, advance);
    }

    /**
     * Shapes {@code chars[start, limit)} in one direction, with the whole of {@code chars} as
     * context (so letters at the edges of the run still join to their neighbours).
     */
    static ShapedRun shape(FontFace face, char[] chars, int start, int limit, boolean rtl) {
        GlyphVector gv = face.awt.layoutGlyphVector(FRC, chars, start, limit, rtl ? Font.LAYOUT_RIGHT_TO_LEFT : 0);
        int n = gv.getNumGlyphs();
        int len = limit - start;
        int[] gids = gv.getGlyphCodes(0, n, null);
        int[] charIndex = gv.getGlyphCharIndices(0, n, null);
        float[] pos = gv.getGlyphPositions(0, n + 1, null);

        // cluster starts: where the shaper starts a cluster, except invisible format characters
        // and combining marks that are drawn off the baseline or with a spacing glyph (Amiri
        // inserts a kashida under some mark pairs): those belong to the cluster before them, as
        // text extractors split words where the baseline moves. Zero-width marks the shaper leaves
        // on the baseline keep their own text, so extractors that order text glyph by glyph
        // (PDFBox) get them right too.
        boolean[] starts = new boolean[len + 1];
        for (int i = 0; i < n; i++) {
            int c = charIndex[i];
            if (c >= 0 && c < len) {
                starts[c] = true;
            }
        }
        boolean[] raised = new boolean[len + 1]; // a glyph of the cluster is off the baseline or spacing
        for (int i = 0; i < n; i++) {
            int c = charIndex[i];
            if (c >= 0 && c < len && (Math.abs(pos[2 * i + 1]) > 1f || face.advance(gids[i]) != 0f)) {
                raised[c] = true;
            }
        }
        for (int k = 1; k < len; k++) {
            if (starts[k] && attachesToPrevious(chars, start + k, raised[k])) {
                starts[k] = false;
            }
        }
        int[] clusterOf = new int[len];
        int first = -1;
        int current = -1;
        for (int k = 0; k < len; k++) {
            if (starts[k]) {
                current = k;
                if (first < 0) {
                    first = k;
                }
            }
            clusterOf[k] = current;
        }
        for (int k = 0; k < len && clusterOf[k] < 0; k++) {
            clusterOf[k] = first; // characters before the first glyph's cluster (e.g. an ignorable at the start)
        }
        int[] cluster = new int[n];
        for (int i = 0; i < n; i++) {
            int c = charIndex[i];
            cluster[i] = (c >= 0 && c < len && clusterOf[c] >= 0 ? clusterOf[c] : Math.max(first, 0));
        }

        // one carrier per cluster: the glyph with the largest advance, preferring the glyph
        // of the cluster's first character
        int[] carrier = new int[len];
        Arrays.fill(carrier, -1);
        for (int i = 0; i < n; i++) {
            int cl = cluster[i];
            int best = carrier[cl];
            if (best < 0 || better(face, gids, charIndex, cl, i, best)) {
                carrier[cl] = i;
            }
        }

        float[] x = new float[n];
        float[] y = new float[n];
        String[] text = new String[n];
        float[] width = new float[n];
        int[] clusterAbs = new int[n];
        int previousCarrier = -1;
        for (int i = 0; i < n; i++) {
            x[i] = pos[2 * i];
            y[i] = -pos[2 * i + 1];
            clusterAbs[i] = start + cluster[i];
            int cl = cluster[i];
            if (carrier[cl] == i) {
                int from = cl == first ? 0 : cl;
                int to = cl + 1;
                while (to < len && clusterOf[to] == cl) {
                    to++;
                }
                text[i] = new String(chars, start + from, to - from);
                if (previousCarrier >= 0) {
                    width[previousCarrier] = x[i] - x[previousCarrier];
                }
                previousCarrier = i;
            }
        }
        float advance = pos[2 * n];
        if (previousCarrier >= 0) {
            width[previousCarrier] = advance - x[previousCarrier];
        }
        return new ShapedRun(face, rtl, start, limit, gids, x, y, text, width, clusterAbs, advance);
    }

    /**
     * The carrier of a cluster: the glyph of its first character (not a kashida or other glyph
     * the font inserted), and among several such glyphs the widest.
     */
    private static boolean better(FontFace face, int[] gids, int[] charIndex, int cl, int candidate, int best) {
        boolean candidateOwn = charIndex[candidate] == cl;
        boolean bestOwn = charIndex[best] == cl;
        if (candidateOwn != bestOwn) {
            return candidateOwn;
        }
        return face.advance(gids[candidate]) > face.advance(gids[best]);
    }

    /**
     * Whether the cluster starting at {@code index} joins the one before: invisible format
     * characters (joiners, bidi marks), low surrogates, and combining marks that are drawn off
     * the baseline.
     */
    static boolean attachesToPrevious(char[] chars, int index, boolean raised) {
        char c = chars[index];
        if (Character.isLowSurrogate(c)) {
            return true;
        }
        int type = Character.getType(Character.codePointAt(chars, index));
        if (type == Character.FORMAT) {
            return true;
        }
        return raised && (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK);
    }

    /** Tatweel (U+0640): the Arabic joining stroke, drawn to lengthen a join (kashida). */
    static final char TATWEEL = '\u0640';

    /**
     * This right-to-left run with kashidas: the join before each character {@code joins[j]}
     * (ascending; a letter joined to the letter before it, both in this run) is lengthened by
     * {@code widths[j]} (1/1000 em). The run is shaped anew with as many tatweels inserted there
     * as that length needs (so the letters take the forms that join a tatweel), then each join's
     * tatweels overlap so that the run grows by the lengths asked, less what the letters' new
     * forms added. The tatweels carry no text (like the kashidas a font inserts, they belong to
     * the cluster before them and are drawn inside its width), so text extractors get the text
     * as typed. Callers make sure the run holds no tatweel of its own.
     *
     * @param tatweel the advance of the font's tatweel glyph, 1/1000 em
     */
    ShapedRun withKashidas(char[] chars, int[] joins, float[] widths, float tatweel) {
        int n = joins.length;
        int[] count = new int[n];
        int inserted = 0;
        for (int j = 0; j < n; j++) {
            count[j] = Math.max(1, (int) Math.ceil(widths[j] / tatweel - 0.001f));
            inserted += count[j];
        }
        char[] marked = new char[chars.length + inserted];
        System.arraycopy(chars, 0, marked, 0, start);
        int len = limit - start + inserted;
        int[] original = new int[len];     // offset in the marked run -> index in the paragraph
        int[] joinOf = new int[len];       // the join a tatweel lengthens, -1 for the run's own characters
        int[] nth = new int[len];          // which of its join's tatweels, from the right
        int[] firstTatweel = new int[n];
        int k = 0;
        int j = 0;
        for (int i = start; i < limit; i++) {
            for (; j < n && joins[j] == i; j++) {
                firstTatweel[j] = k;
                for (int m = 0; m < count[j]; m++, k++) {
                    marked[start + k] = TATWEEL;
                    original[k] = i - 1;
                    joinOf[k] = j;
                    nth[k] = m;
                }
            }
            marked[start + k] = chars[i];
            original[k] = i;
            joinOf[k] = -1;
            k++;
        }
        System.arraycopy(chars, limit, marked, start + len, chars.length - limit);
        ShapedRun s = shape(face, marked, start, start + len, true);

        // how much each join's tatweels overlap: what they add beyond the length asked, and a share
        // of what the letters' new forms added
        float drawn = 0;
        for (int c : count) {
            drawn += c * tatweel;
        }
        float forms = (s.advance - advance - drawn) / n;
        float[] overlap = new float[n];
        float[] right = new float[n + 1]; // right[j]: how far glyphs right of join j and of all later joins move left
        for (j = 0; j < n; j++) {
            overlap[j] = Math.max(0, Math.min(count[j] * tatweel, count[j] * tatweel - widths[j] + forms));
        }
        for (j = n - 1; j >= 0; j--) {
            right[j] = right[j + 1] + overlap[j];
        }
        int g = s.size();
        float[] nx = new float[g];
        String[] ntext = new String[g];
        int[] ncluster = new int[g];
        for (int i = 0; i < g; i++) {
            int c = s.cluster[i] - start;
            float shift;
            if (joinOf[c] >= 0 && s.text[i] != null && s.text[i].indexOf(TATWEEL) >= 0) {
                int jj = joinOf[c];
                float share = count[jj] > 1 ? (count[jj] - 1 - nth[c]) / (float) (count[jj] - 1) : 0.5f;
                shift = right[jj + 1] + overlap[jj] * share;
            } else {
                int jj = 0;
                while (jj < n && firstTatweel[jj] <= c) {
                    jj++;
                }
                shift = right[jj];
            }
            nx[i] = s.x[i] - shift;
            String t = s.text[i] == null ? null : s.text[i].replace(String.valueOf(TATWEEL), "");
            ntext[i] = t == null || t.isEmpty() ? null : t;
            ncluster[i] = original[c];
        }
        float nadvance = s.advance - right[0];
        float[] nwidth = new float[g];
        int previous = -1;
        for (int i = 0; i < g; i++) {
            if (ntext[i] != null) {
                if (previous >= 0) {
                    nwidth[previous] = nx[i] - nx[previous];
                }
                previous = i;
            }
        }
        if (previous >= 0) {
            nwidth[previous] = nadvance - nx[previous];
        }
        // the tatweels are drawn after the run's letters: extractors that build words glyph by glyph
        // (poppler) would split a word where the pen went back to draw one inside a letter's width
        int[] order = new int[g];
        int o = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < g; i++) {
                boolean kashida = ntext[i] == null && s.text[i] != null;
                if (kashida == (pass == 1)) {
                    order[o++] = i;
                }
            }
        }
        int[] rg = new int[g];
        float[] rx = new float[g];
        float[] ry = new float[g];
        String[] rt = new String[g];
        float[] rw = new float[g];
        int[] rc = new int[g];
        for (int i = 0; i < g; i++) {
            int from = order[i];
            rg[i] = s.gids[from];
            rx[i] = nx[from];
            ry[i] = s.y[from];
            rt[i] = ntext[from];
            rw[i] = nwidth[from];
            rc[i] = ncluster[from];
        }
        return new ShapedRun(face, true, start, limit, rg, rx, ry, rt, rw, rc, nadvance);
    }
}
