package io.memoflow.document;

import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets paragraphs: bidi analysis (ICU), shaping (the JDK's layout engine), line breaking at
 * ICU line-break opportunities with widths from shaping, then, line by line, each visual run
 * shaped in its own direction within the whole paragraph (so letters keep their joining
 * context), and justification by widening the spaces.
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

    private static Bidi bidi(Para para) {
        Bidi bidi = new Bidi();
        byte level = (byte) (para.rtl ? 1 : 0);
        byte[] levels = null;
        if (para.isolates.length > 0) {
            levels = new byte[para.length()];
            Arrays.fill(levels, level);
            for (int i = 0; i < para.isolates.length; i += 2) {
                Arrays.fill(levels, para.isolates[i], para.isolates[i + 1], (byte) 2);
            }
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
        int[] out = new int[16];
        int n = 0;
        for (int b = bi.next(); b != BreakIterator.DONE; b = bi.next()) {
            if (b < len && para.insideIsolate(b) && para.chars[b - 1] != Para.LINE_BREAK) {
                continue;
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
        if (para.align == Para.Align.JUSTIFY && !last && extra > 0.01f && extra < maxWidth * 0.4f) {
            int spaces = 0;
            for (LineRun lr : runs) {
                for (String t : lr.run().text) {
                    if (" ".equals(t)) {
                        spaces++;
                    }
                }
            }
            if (spaces > 0) {
                float per = extra / spaces;
                List<LineRun> justified = new ArrayList<>(runs.size());
                float added = 0;
                for (LineRun lr : runs) {
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
                return new Line(justified, maxWidth, start, end);
            }
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
