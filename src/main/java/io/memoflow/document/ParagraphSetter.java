package io.memoflow.document;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets paragraphs: bidi analysis (ICU), shaping (the JDK's layout engine), line breaking at
 * ICU line-break opportunities with widths from shaping, then, line by line, each visual run
 * shaped in its own direction within the whole paragraph (so letters keep their joining
 * context), and justification: kashidas in Arabic words first, then wider spaces, never more
 * than {@link #MAX_GAP} normal spaces (the line is then set ragged).
 */
final class ParagraphSetter {

    /**
     * A set line: its runs placed relative to the left edge of the line box, its width, and the
     * characters of the paragraph it holds ([start, end), trailing spaces excluded).
     */
    record Line(List<LineRun> runs, float width, int start, int end) {
    }

    /** A paragraph shaped and analysed once; it can then be set at any width. */
    static final class Prepared {
        final Para para;
        final Fonts fonts;
        final ULocale locale;
        private final Bidi bidi;
        /** prefix[i]: width in points of characters [0, i). */
        private final float[] prefix;
        /** Break opportunities, ascending, ending with the text length. */
        private final int[] breaks;
        /** The paragraph shaped as one line (when it is one), to reuse. */
        private final List<LineRun> wholeLine;
        final float naturalWidth;
        final float minWidth;

        private Prepared(Para para, Fonts fonts, ULocale locale, Bidi bidi, float[] prefix, int[] breaks,
                         List<LineRun> wholeLine, float naturalWidth, float minWidth) {
            this.para = para;
            this.fonts = fonts;
            this.locale = locale;
            this.bidi = bidi;
            this.prefix = prefix;
            this.breaks = breaks;
            this.wholeLine = wholeLine;
            this.naturalWidth = naturalWidth;
            this.minWidth = minWidth;
        }

        float width(int from, int to) {
            return prefix[to] - prefix[from];
        }
    }

    private ParagraphSetter() {
    }

    static Prepared prepare(Para para, Fonts fonts, ULocale locale) {
        int len = para.length();
        Bidi bidi = bidi(para);
        float[] advance = new float[len + 1];
        List<LineRun> whole = new ArrayList<>();
        if (len > 0) {
            float x = 0;
            for (int r = 0; r < bidi.countRuns(); r++) {
                BidiRun run = bidi.getVisualRun(r);
                for (LineRun lr : shapeRun(para, fonts, run.getStart(), run.getLimit(), run.isOddRun(), x)) {
                    whole.add(lr);
                    ShapedRun sr = lr.run();
                    float scale = lr.size() / 1000f;
                    boolean first = true;
                    for (int i = 0; i < sr.size(); i++) {
                        if (sr.text[i] != null) {
                            advance[sr.cluster[i]] += (sr.width[i] + (first ? sr.x[i] : 0)) * scale;
                            first = false;
                        }
                    }
                    x += sr.advance * scale;
                }
            }
        }
        float[] prefix = new float[len + 1];
        for (int i = 0; i < len; i++) {
            prefix[i + 1] = prefix[i] + advance[i];
        }
        int[] breaks = breaks(para, locale);
        float natural = 0;
        float min = 0;
        int lineStart = 0;
        int previous = 0;
        for (int b : breaks) {
            int end = trimEnd(para.chars, previous, b);
            min = Math.max(min, prefix[end] - prefix[previous]);
            if (b == len || para.chars[b - 1] == Para.LINE_BREAK) {
                natural = Math.max(natural, prefix[trimEnd(para.chars, lineStart, b)] - prefix[lineStart]);
                lineStart = b;
            }
            previous = b;
        }
        return new Prepared(para, fonts, locale, bidi, prefix, breaks, whole, natural, min);
    }

    /** Left-to-right isolate and pop directional isolate: how memoflow's spans reach the bidi algorithm. */
    private static final char LRI = '\u2066';
    private static final char PDI = '\u2069';

    /**
     * The paragraph's bidi analysis: ICU's UAX #9 (brackets pairs included) at the paragraph's
     * level. Where the paragraph has spans to isolate, ICU resolves the text with LRI ... PDI
     * around each span; the levels it gives the paragraph's own characters are then set as
     * final (ICU's override bit makes every character strong at its level, so nothing is
     * resolved twice), and line setting and reordering work on the text as typed.
     */
    static Bidi bidi(Para para) {
        Bidi bidi = new Bidi();
        byte level = (byte) (para.rtl ? 1 : 0);
        if (para.isolates.length == 0) {
            bidi.setPara(para.text, level, null);
            return bidi;
        }
        int len = para.length();
        int[] iso = para.isolates;
        char[] marked = new char[len + iso.length];
        int[] at = new int[len]; // where each character of the paragraph is in the marked text
        int k = 0;
        int next = 0;
        for (int i = 0; i < len; i++) {
            while (next < iso.length && iso[next] == i) {
                marked[k++] = next % 2 == 0 ? LRI : PDI;
                next++;
            }
            at[i] = k;
            marked[k++] = para.chars[i];
        }
        while (next < iso.length) {
            marked[k++] = next % 2 == 0 ? LRI : PDI;
            next++;
        }
        Bidi resolved = new Bidi();
        resolved.setPara(marked, level, null);
        byte[] levels = new byte[len];
        for (int i = 0; i < len; i++) {
            levels[i] = (byte) (resolved.getLevelAt(at[i]) | Bidi.LEVEL_OVERRIDE);
        }
        bidi.setPara(para.text, level, levels);
        return bidi;
    }

    /** Shapes the visual run [start, limit), split where the style changes, placed from {@code x}. */
    private static List<LineRun> shapeRun(Para para, Fonts fonts, int start, int limit, boolean rtl, float x) {
        List<int[]> pieces = new ArrayList<>(2);
        int s = start;
        while (s < limit) {
            int r = para.styleRun(s);
            int e = Math.min(limit, para.styleRunEnd(r));
            pieces.add(new int[] {s, e, para.styles[r]});
            s = e;
        }
        if (rtl && pieces.size() > 1) {
            Collections.reverse(pieces);
        }
        List<LineRun> out = new ArrayList<>(pieces.size());
        float scale = para.size / 1000f;
        for (int[] p : pieces) {
            for (ShapedRun sr : fonts.shape(p[2], para.chars, p[0], p[1], rtl)) {
                out.add(new LineRun(sr, para.size, fonts.slanted(p[2], sr.face), x, null, p[2] & Fonts.DECORATIONS));
                x += sr.advance * scale;
            }
        }
        return out;
    }

    private static int[] breaks(Para para, ULocale locale) {
        int len = para.length();
        if (len == 0) {
            return new int[0];
        }
        BreakIterator bi = lineBreaks(locale);
        bi.setText(para.text);
        int[] keeps = para.keeps;
        int keep = 0;
        int[] out = new int[16];
        int n = 0;
        for (int b = bi.next(); b != BreakIterator.DONE; b = bi.next()) {
            while (keep < keeps.length && keeps[keep + 1] <= b) {
                keep += 2;
            }
            if (b < len && keep < keeps.length && b > keeps[keep] && para.chars[b - 1] != Para.LINE_BREAK) {
                continue; // inside a number, an address, a date... that stays on one line
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = b;
        }
        if (n == 0 || out[n - 1] != len) {
            out = Arrays.copyOf(out, n + 1);
            out[n++] = len;
        }
        return Arrays.copyOf(out, n);
    }

    private static int trimEnd(char[] chars, int from, int to) {
        while (to > from && Character.isWhitespace(chars[to - 1])) {
            to--;
        }
        return to;
    }

    private static int skipSpaces(char[] chars, int from) {
        while (from < chars.length && chars[from] == ' ') {
            from++;
        }
        return from;
    }

    /**
     * The glyphs of a visual run of a line [start, limit): taken from the paragraph's shaping
     * (which shaped each of its visual runs in its direction, in the whole paragraph's context),
     * so each character is shaped once per render; shaped anew where that is not possible (a
     * cluster crossing the line's edge, a direction that changed at the line's end).
     */
    private static List<LineRun> lineRun(Prepared p, int start, int limit, boolean rtl, float x) {
        List<LineRun> pieces = new ArrayList<>(2);
        for (LineRun whole : p.wholeLine) {
            ShapedRun sr = whole.run();
            if (sr.start < limit && sr.limit > start) {
                if (sr.rtl != rtl) {
                    return shapeRun(p.para, p.fonts, start, limit, rtl, x);
                }
                pieces.add(whole);
            }
        }
        pieces.sort((a, b) -> rtl ? Integer.compare(b.run().start, a.run().start) : Integer.compare(a.run().start, b.run().start));
        List<LineRun> out = new ArrayList<>(pieces.size());
        for (LineRun piece : pieces) {
            ShapedRun sr = piece.run();
            int s = Math.max(start, sr.start);
            int e = Math.min(limit, sr.limit);
            ShapedRun slice = sr.slice(s, e);
            if (slice == null) {
                slice = ShapedRun.shape(sr.face, p.para.chars, s, e, rtl);
            }
            out.add(new LineRun(slice, piece.size(), piece.oblique(), x, null, piece.decoration()));
            x += slice.advance * piece.size() / 1000f;
        }
        return out;
    }

    /** Breaks the paragraph into lines no wider than {@code maxWidth} (when words allow) and sets them. */
    static List<Line> lines(Prepared p, float maxWidth) {
        Para para = p.para;
        int len = para.length();
        List<int[]> ranges = new ArrayList<>();
        int start = skipSpaces(para.chars, 0);
        int bi = 0;
        while (start < len) {
            while (bi < p.breaks.length && p.breaks[bi] <= start) {
                bi++;
            }
            int best = -1;
            int k = bi;
            for (; k < p.breaks.length; k++) {
                int b = p.breaks[k];
                if (p.width(start, trimEnd(para.chars, start, b)) > maxWidth + 0.01f) {
                    break;
                }
                best = b;
                if (para.chars[b - 1] == Para.LINE_BREAK) {
                    break;
                }
            }
            if (best < 0) {
                best = forcedBreak(p, start, k < p.breaks.length ? p.breaks[k] : len, maxWidth);
            }
            boolean hard = para.chars[best - 1] == Para.LINE_BREAK;
            ranges.add(new int[] {start, best, hard ? 1 : 0});
            start = hard ? best : skipSpaces(para.chars, best);
        }
        List<Line> lines = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            int[] r = ranges.get(i);
            boolean last = i == ranges.size() - 1 || r[2] == 1;
            lines.add(setLine(p, r[0], r[1], maxWidth, last));
        }
        return lines;
    }

    /**
     * The paragraph on one line however long, its runs starting at 0 whatever the alignment
     * (for list markers, header and footer texts); null when it has no text.
     */
    static Line oneLine(Prepared p) {
        List<Line> lines = lines(p, p.naturalWidth + 0.05f);
        if (lines.isEmpty() || lines.get(0).runs().isEmpty()) {
            return null;
        }
        Line line = lines.get(0);
        float left = line.runs().get(0).x();
        List<LineRun> moved = new ArrayList<>(line.runs().size());
        for (LineRun r : line.runs()) {
            moved.add(r.movedBy(-left));
        }
        return new Line(moved, line.width(), line.start(), line.end());
    }

    /** Where to break a word that is wider than the line: at the last grapheme that fits (at least one). */
    private static int forcedBreak(Prepared p, int start, int limit, float maxWidth) {
        BreakIterator chars = characterBreaks(p.locale);
        chars.setText(p.para.text);
        int first = chars.following(start);
        int best = first == BreakIterator.DONE ? limit : Math.min(first, limit);
        for (int b = best; b != BreakIterator.DONE && b <= limit; b = chars.next()) {
            if (p.width(start, b) <= maxWidth + 0.01f) {
                best = b;
            } else {
                break;
            }
        }
        return best;
    }

    private static Line setLine(Prepared p, int start, int limit, float maxWidth, boolean last) {
        Para para = p.para;
        int end = trimEnd(para.chars, start, limit);
        if (end <= start) {
            return new Line(List.of(), 0, start, start);
        }
        List<LineRun> runs;
        if (start == 0 && end == para.length() && !p.wholeLine.isEmpty()) {
            runs = p.wholeLine;
        } else {
            runs = new ArrayList<>();
            Bidi line = p.bidi.setLine(start, end);
            float x = 0;
            for (int r = 0; r < line.countRuns(); r++) {
                BidiRun run = line.getVisualRun(r);
                for (LineRun lr : lineRun(p, start + run.getStart(), start + run.getLimit(), run.isOddRun(), x)) {
                    runs.add(lr);
                    x += lr.run().advance * lr.size() / 1000f;
                }
            }
        }
        float natural = 0;
        for (LineRun lr : runs) {
            natural += lr.run().advance * lr.size() / 1000f;
        }
        float extra = maxWidth - natural;
        if (para.align == Para.Align.JUSTIFY && !last && extra > 0.01f) {
            List<LineRun> justified = justify(p, runs, maxWidth, extra);
            if (justified != null) {
                return new Line(justified, maxWidth, start, end);
            }
            // too loose to justify: set ragged, like the last line
        }
        float offset = switch (para.align) {
            case START, JUSTIFY -> para.rtl ? extra : 0;
            case END -> para.rtl ? 0 : extra;
            case CENTER -> extra / 2;
        };
        if (offset == 0) {
            return new Line(runs, natural, start, end);
        }
        List<LineRun> moved = new ArrayList<>(runs.size());
        for (LineRun lr : runs) {
            moved.add(lr.movedBy(offset));
        }
        return new Line(moved, natural, start, end);
    }

    /** No justified line has word gaps wider than this many normal spaces; it is set ragged instead. */
    static final float MAX_GAP = 2.5f;
    /** The most a kashida lengthens one join, in ems. */
    static final float MAX_KASHIDA = 1.0f;

    /**
     * A line's runs justified to {@code maxWidth}: first kashidas in its Arabic words (at most one
     * join a word, the best places by {@link #kashidaPriority}, as many as make each kashida about
     * one tatweel long, at most {@link #MAX_KASHIDA}), then wider spaces, no
     * gap over {@link #MAX_GAP} normal spaces; null when that cannot fill the line (it is then
     * set ragged).
     */
    private static List<LineRun> justify(Prepared p, List<LineRun> runs, float maxWidth, float extra) {
        int spaces = 0;
        float spaceWidth = 0;
        for (LineRun lr : runs) {
            ShapedRun sr = lr.run();
            for (int i = 0; i < sr.size(); i++) {
                if (" ".equals(sr.text[i])) {
                    spaces++;
                    spaceWidth += sr.width[i] * lr.size() / 1000f;
                }
            }
        }
        float spaceRoom = spaces == 0 ? 0 : (MAX_GAP - 1) * spaceWidth; // spaceWidth: all the line's spaces together
        // the candidate joins (one a word) of every run: {run, index of the letter after the join, priority}
        List<int[]> candidates = new ArrayList<>();
        float tatweel = 0;
        for (int r = 0; r < runs.size(); r++) {
            ShapedRun sr = runs.get(r).run();
            for (int b : kashidaJoins(p.para, sr)) {
                candidates.add(new int[] {r, b, kashidaPriority(p.para.chars, b, sr.limit)});
                tatweel = Math.max(tatweel, tatweelAdvance(sr.face) * runs.get(r).size() / 1000f);
            }
        }
        float kashidaRoom = candidates.size() * MAX_KASHIDA * p.para.size;
        if (extra > kashidaRoom + spaceRoom + 0.01f) {
            return null;
        }
        List<LineRun> out = runs;
        float natural = maxWidth - extra;
        if (!candidates.isEmpty()) {
            // about one tatweel a kashida: as many joins as that takes, the best places first
            float kashida = Math.min(extra, kashidaRoom);
            int count = Math.max(1, Math.min(candidates.size(), Math.round(kashida / tatweel)));
            while (count < candidates.size() && kashida / count > MAX_KASHIDA * p.para.size) {
                count++;
            }
            candidates.sort((a, b) -> a[2] != b[2] ? Integer.compare(a[2], b[2]) : Integer.compare(b[1], a[1]));
            List<int[]> chosen = new ArrayList<>(candidates.subList(0, count));
            chosen.sort((a, b) -> Integer.compare(a[1], b[1]));
            float each = kashida / count;
            List<LineRun> stretched = new ArrayList<>(runs.size());
            float x = runs.get(0).x();
            for (int r = 0; r < runs.size(); r++) {
                LineRun lr = runs.get(r);
                ShapedRun sr = lr.run();
                int run = r;
                int[] joins = chosen.stream().filter(c -> c[0] == run).mapToInt(c -> c[1]).toArray();
                if (joins.length > 0) {
                    float[] widths = new float[joins.length];
                    Arrays.fill(widths, each * 1000f / lr.size());
                    sr = sr.withKashidas(p.para.chars, joins, widths, tatweelAdvance(sr.face));
                }
                stretched.add(new LineRun(sr, lr.size(), lr.oblique(), x, null, lr.decoration()));
                x += sr.advance * lr.size() / 1000f;
            }
            float width = x - runs.get(0).x();
            if (width <= maxWidth + 0.01f && maxWidth - width <= spaceRoom + 0.01f) {
                out = stretched;
                natural = width;
            }
        }
        float rest = maxWidth - natural;
        if (rest > spaceRoom + 0.01f || (rest > 0.01f && spaces == 0)) {
            return null;
        }
        if (spaces == 0 || rest <= 0.01f) {
            return out;
        }
        float per = rest / spaces;
        List<LineRun> justified = new ArrayList<>(out.size());
        float added = 0;
        for (LineRun lr : out) {
            ShapedRun sr = lr.run();
            float[] shifts = new float[sr.size() + 1];
            float within = 0;
            for (int i = 0; i < sr.size(); i++) {
                shifts[i] = within;
                if (" ".equals(sr.text[i])) {
                    within += per;
                }
            }
            shifts[sr.size()] = within;
            justified.add(new LineRun(sr, lr.size(), lr.oblique(), lr.x() + added, shifts, lr.decoration()));
            added += within;
        }
        return justified;
    }

    /**
     * Where a right-to-left run may take kashidas: in each Arabic word, the join (the index of
     * the letter after it) of best {@link #kashidaPriority}, the last of equals; none in a run
     * that holds a tatweel already or whose font has none.
     */
    private static int[] kashidaJoins(Para para, ShapedRun sr) {
        if (!sr.rtl || sr.size() == 0 || tatweelAdvance(sr.face) <= 0) {
            return new int[0];
        }
        char[] c = para.chars;
        for (int i = sr.start; i < sr.limit; i++) {
            if (c[i] == ShapedRun.TATWEEL) {
                return new int[0];
            }
        }
        BitSet clusterStarts = new BitSet();
        for (int i = 0; i < sr.size(); i++) {
            if (sr.text[i] != null) {
                clusterStarts.set(sr.cluster[i]);
            }
        }
        int[] out = new int[8];
        int n = 0;
        int best = -1;
        int bestPriority = Integer.MAX_VALUE;
        int previousLetter = -1;
        for (int i = sr.start; i <= sr.limit; i++) {
            int type = i < sr.limit ? Character.getType(c[i]) : -1;
            if (type == Character.NON_SPACING_MARK) {
                continue;
            }
            boolean arabicLetter = i < sr.limit && Character.isLetter(c[i])
                    && Character.UnicodeBlock.of(c[i]) == Character.UnicodeBlock.ARABIC;
            if (!arabicLetter) {
                if (best >= 0) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = best;
                }
                best = -1;
                bestPriority = Integer.MAX_VALUE;
                previousLetter = -1;
                continue;
            }
            if (previousLetter >= 0 && clusterStarts.get(i) && joinsNext(c[previousLetter]) && joinsPrevious(c[i])) {
                int priority = kashidaPriority(c, i, sr.limit);
                if (priority <= bestPriority) {
                    best = i;
                    bestPriority = priority;
                }
            }
            previousLetter = i;
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean joinsNext(char ch) {
        return UCharacter.getIntPropertyValue(ch, UProperty.JOINING_TYPE) == UCharacter.JoiningType.DUAL_JOINING;
    }

    private static boolean joinsPrevious(char ch) {
        int t = UCharacter.getIntPropertyValue(ch, UProperty.JOINING_TYPE);
        return t == UCharacter.JoiningType.DUAL_JOINING || t == UCharacter.JoiningType.RIGHT_JOINING;
    }

    /**
     * How good a place for a kashida the join before the letter at {@code b} is,
     * lower is better (a simplified form of the order Microsoft's Arabic justification uses):
     * 1 after Seen, Sheen, Sad, Dad; 2 before a final Teh Marbuta, Heh, Dal, Thal; 3 before Alef,
     * Tah, Zah, Lam, Kaf, Gaf; 4 before a medial letter of the Beh family (Beh, Teh, Theh, Noon,
     * Yeh); 5 any other join of two joining letters.
     */
    static int kashidaPriority(char[] c, int b, int limit) {
        int a = b - 1;
        while (a > 0 && Character.getType(c[a]) == Character.NON_SPACING_MARK) {
            a--;
        }
        if ("\u0633\u0634\u0635\u0636".indexOf(c[a]) >= 0) {
            return 1;
        }
        int after = b + 1;
        while (after < limit && Character.getType(c[after]) == Character.NON_SPACING_MARK) {
            after++;
        }
        boolean finalLetter = after >= limit || !Character.isLetter(c[after]) || !joinsNext(c[b]);
        if (finalLetter && "\u0629\u0647\u062F\u0630".indexOf(c[b]) >= 0) {
            return 2;
        }
        if ("\u0627\u0623\u0625\u0622\u0637\u0638\u0644\u0643\u06AF".indexOf(c[b]) >= 0) {
            return 3;
        }
        if (!finalLetter && "\u0628\u062A\u062B\u0646\u064A\u0626\u0649".indexOf(c[b]) >= 0) {
            return 4;
        }
        return 5;
    }

    private static final ConcurrentHashMap<FontFace, Float> TATWEEL = new ConcurrentHashMap<>();

    /** The advance of a font's tatweel glyph in 1/1000 em; 0 when it has none. */
    static float tatweelAdvance(FontFace face) {
        return TATWEEL.computeIfAbsent(face, f -> {
            if (!f.awt.canDisplay(ShapedRun.TATWEEL)) {
                return 0f;
            }
            ShapedRun t = ShapedRun.shape(f, new char[] {ShapedRun.TATWEEL}, 0, 1, true);
            return t.size() == 1 && t.gids[0] != 0 ? t.advance : 0f;
        });
    }

    /** Break iterators are costly to build (their rules are read from ICU's data) but cheap to clone. */
    private static final ConcurrentHashMap<String, BreakIterator> LINE = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, BreakIterator> CHARACTER = new ConcurrentHashMap<>();

    private static BreakIterator lineBreaks(ULocale locale) {
        return (BreakIterator) LINE.computeIfAbsent(locale.toLanguageTag(), k -> BreakIterator.getLineInstance(locale)).clone();
    }

    private static BreakIterator characterBreaks(ULocale locale) {
        return (BreakIterator) CHARACTER.computeIfAbsent(locale.toLanguageTag(), k -> BreakIterator.getCharacterInstance(locale)).clone();
    }
}
