package io.memoflow.document;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One paragraph to set: its text (logical order), inline styles, size, alignment, resolved
 * direction, and the spans to keep in left-to-right order inside right-to-left text (numbers,
 * references, e-mail addresses, phone numbers, web addresses).
 */
final class Para {

    enum Align { START, END, CENTER, JUSTIFY }

    /** A hard line break inside a paragraph (not a bidi paragraph separator, unlike \n). */
    static final char LINE_BREAK = '\u2028';

    final String text;
    final char[] chars;
    /** Style runs: styleStart[i] is where style styles[i] begins; the first starts at 0. */
    final int[] styleStart;
    final int[] styles;
    final float size;
    final float lineHeight;
    final Align align;
    final boolean rtl;
    final Rgb color;
    /** Pairs of [start, end) to isolate, sorted, not overlapping. */
    final int[] isolates;

    private Para(String text, int[] styleStart, int[] styles, float size, float lineHeight, Align align, boolean rtl,
                 Rgb color, int[] isolates) {
        this.text = text;
        this.chars = text.toCharArray();
        this.styleStart = styleStart;
        this.styles = styles;
        this.size = size;
        this.lineHeight = lineHeight;
        this.align = align;
        this.rtl = rtl;
        this.color = color;
        this.isolates = isolates;
    }

    int length() {
        return chars.length;
    }

    /** Index into {@link #styles} of the style run containing char {@code index}. */
    int styleRun(int index) {
        int lo = 0;
        int hi = styleStart.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (styleStart[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int styleRunEnd(int run) {
        return run + 1 < styleStart.length ? styleStart[run + 1] : chars.length;
    }

    /** True when a line may not break at {@code pos} because it is inside an isolated span. */
    boolean insideIsolate(int pos) {
        for (int i = 0; i < isolates.length; i += 2) {
            if (pos > isolates[i] && pos < isolates[i + 1]) {
                return true;
            }
            if (isolates[i] >= pos) {
                break;
            }
        }
        return false;
    }

    Para withAlign(Align a) {
        return new Para(text, styleStart, styles, size, lineHeight, a, rtl, color, isolates);
    }

    Para withSize(float newSize, float newLineHeight) {
        return new Para(text, styleStart, styles, newSize, newLineHeight, align, rtl, color, isolates);
    }

    /**
     * Direction of a text as the Unicode bidi algorithm decides a paragraph's (rules P2, P3):
     * by its first strong character; {@code fallback} (the document's direction) when it has none.
     */
    static boolean rightToLeft(CharSequence text, boolean fallback) {
        for (int i = 0; i < text.length(); i++) {
            byte d = Character.getDirectionality(text.charAt(i));
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
            if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                return false;
            }
        }
        return fallback;
    }

    // e-mail, web address, phone number (international or long), reference-like tokens
    // (letters and digits joined by - / _ .), numbers with separators
    private static final Pattern ISOLATE = Pattern.compile(
            "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}"
                    + "|(?:https?://|www\\.)[^\\s\\u2028]+"
                    + "|\\+\\d[\\d ()\\-.]{5,}\\d"
                    + "|\\(?\\d{2,4}\\)?(?:[ \\-.]\\d{2,4}){2,}"
                    + "|[A-Za-z](?=[A-Za-z0-9\\-/_.]*\\d)[A-Za-z0-9]*(?:[\\-/_.][A-Za-z0-9]+)*"
                    + "|\\d+(?:[.,:/\\-]\\d+)*%?");

    /** Builds a paragraph from styled pieces. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private final List<int[]> runs = new ArrayList<>();
        /** Whether the redline markers ({@link MemoDocument#DELETED_START}...) are read as decorations. */
        private final boolean marked;
        /** The decoration the markers read so far put on the text. */
        private int decoration;

        Builder() {
            this(false);
        }

        Builder(boolean marked) {
            this.marked = marked;
        }

        Builder append(String s, int style) {
            if (s == null || s.isEmpty()) {
                return this;
            }
            if (marked) {
                return appendMarked(s, style);
            }
            return appendStyled(s, style);
        }

        /** Splits the text at the markers; each piece gets the style with the decoration its markers set. */
        private Builder appendMarked(String s, int style) {
            int from = 0;
            for (int i = 0; i < s.length(); i++) {
                int d = MemoDocument.markerDecoration(s.charAt(i));
                if (d != 0) {
                    appendStyled(s.substring(from, i), style | decoration);
                    decoration = d > 0 ? decoration | d : decoration & ~(-d);
                    from = i + 1;
                }
            }
            return appendStyled(s.substring(from), style | decoration);
        }

        private Builder appendStyled(String s, int style) {
            if (s.isEmpty()) {
                return this;
            }
            int start = text.length();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\t' || c == '\n' || c == '\u000B' || c == '\f') {
                    text.append(' ');
                } else if (c == '\r') {
                    continue;
                } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                    continue; // control characters are not text
                } else if (Character.isHighSurrogate(c)) {
                    if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        text.append(c).append(s.charAt(++i));
                    } else {
                        text.append('\uFFFD');
                    }
                } else if (Character.isLowSurrogate(c)) {
                    text.append('\uFFFD');
                } else {
                    text.append(c);
                }
            }
            if (text.length() > start) {
                if (runs.isEmpty() || runs.get(runs.size() - 1)[1] != style) {
                    runs.add(new int[] {start, style});
                }
            }
            return this;
        }

        Builder lineBreak() {
            text.append(LINE_BREAK);
            if (runs.isEmpty()) {
                runs.add(new int[] {0, 0});
            }
            return this;
        }

        boolean isEmpty() {
            return text.length() == 0;
        }

        String text() {
            return text.toString();
        }

        /**
         * @param rtl direction, or null to decide from the text with {@code documentRtl} as the fallback
         */
        Para build(float size, float lineHeight, Align align, Boolean rtl, boolean documentRtl, Rgb color) {
            String t = trimLineBreaks(text.toString());
            boolean dir = rtl != null ? rtl : rightToLeft(t, documentRtl);
            List<int[]> r = new ArrayList<>();
            for (int[] run : runs) {
                if (run[0] < t.length() && (r.isEmpty() || r.get(r.size() - 1)[1] != run[1])) {
                    r.add(run);
                }
            }
            if (r.isEmpty()) {
                r.add(new int[] {0, 0});
            }
            r.get(0)[0] = 0;
            int[] starts = new int[r.size()];
            int[] styles = new int[r.size()];
            for (int i = 0; i < r.size(); i++) {
                starts[i] = r.get(i)[0];
                styles[i] = r.get(i)[1];
            }
            int[] isolates = new int[0];
            if (dir && mayHoldIsolates(t)) {
                List<Integer> iso = new ArrayList<>();
                Matcher m = ISOLATE.matcher(t);
                while (m.find()) {
                    int end = m.end();
                    while (end > m.start() + 1 && ".,;:)".indexOf(t.charAt(end - 1)) >= 0) {
                        end--; // sentence punctuation after an address is not part of it
                    }
                    iso.add(m.start());
                    iso.add(end);
                }
                isolates = iso.stream().mapToInt(Integer::intValue).toArray();
            }
            return new Para(t, starts, styles, size, lineHeight, align, dir, color, isolates);
        }

        /** Whether the text has a digit, '@' or a Latin letter, without which nothing needs isolating. */
        private static boolean mayHoldIsolates(String t) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9' || c == '@' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                    return true;
                }
            }
            return false;
        }

        /** Trailing line breaks and spaces are not text; leading ones are skipped by the line setter. */
        private static String trimLineBreaks(String s) {
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == LINE_BREAK || s.charAt(end - 1) == ' ')) {
                end--;
            }
            return end == s.length() ? s : s.substring(0, end);
        }
    }

    /** A single-style paragraph. */
    static Para of(String text, int style, float size, float lineHeight, Align align, Boolean rtl, boolean documentRtl, Rgb color) {
        return new Builder().append(text, style).build(size, lineHeight, align, rtl, documentRtl, color);
    }
}
