package io.memoflow.document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One paragraph to set: its text (logical order), inline styles, size, alignment, resolved
 * direction, the spans the bidi algorithm sees as left-to-right isolates (e-mail and web
 * addresses, IBANs, phone numbers, amounts with spaced thousands, dashed dates: what UAX #9 alone
 * would reverse group by group in right-to-left text), and the spans no line may break
 * inside (numbers, amounts, phone numbers, IBANs, dates, e-mail and web addresses, references).
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
    /** Pairs of [start, end) to set as left-to-right isolates (LRI ... PDI), sorted, not overlapping. */
    final int[] isolates;
    /** Pairs of [start, end) no line breaks inside, sorted, not overlapping. */
    final int[] keeps;

    private Para(String text, int[] styleStart, int[] styles, float size, float lineHeight, Align align, boolean rtl,
                 Rgb color, int[] isolates, int[] keeps) {
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
        this.keeps = keeps;
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

    Para withAlign(Align a) {
        return new Para(text, styleStart, styles, size, lineHeight, a, rtl, color, isolates, keeps);
    }

    Para withSize(float newSize, float newLineHeight) {
        return new Para(text, styleStart, styles, newSize, newLineHeight, align, rtl, color, isolates, keeps);
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

    private static final String EMAIL = "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}";
    private static final String URL = "(?:https?://|www\\.)[^\\s\\u2028]+";
    /** International (+212 537 27 83 00, 00212 …) and grouped national numbers (0537 27 83 00, 05-37-27-83-00). */
    private static final String PHONE = "(?:\\+|(?=0)\\b00)\\d[\\d ()\\-.]{5,}\\d|(?=[(\\d])\\(?\\b\\d{2,4}\\)?(?:[ \\-.]\\d{2,4}){3,}\\b";
    /** IBAN in groups of four (MA64 0112 …): one span, or its digit groups would be read as a phone number. */
    private static final String IBAN = "(?=[A-Z])\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b";
    /** Thousands grouped by spaces (1 250 000), with decimals. */
    private static final String SPACED_AMOUNT = "(?=\\d)\\b\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+(?:[.,]\\d+)?\\b";
    /** Dates written with dashes (2026-01-27, 27-01-2026): UAX #9 would reverse their groups in Arabic. */
    private static final String DASHED_DATE = "(?=\\d)\\b\\d{1,4}-\\d{1,2}-\\d{1,4}\\b";
    private static final String CURRENCY = "(?:[ \\u00A0\\u202F]?(?:MAD|DH|DHS|Dhs|EUR|USD|DKK|GBP|CHF|€|\\$|£|درهم|دراهم|dirhams?|euros?))?";

    // An alternative that begins with a word boundary is guarded by a lookahead for the character it must begin
    // with, e.g. (?=\d)\b\d: it matches the same, and fails at most positions before the costly boundary test.

    /** What the bidi algorithm sees as left-to-right isolates in text that holds right-to-left letters. */
    static final Pattern ISOLATE = Pattern.compile(EMAIL + "|" + URL + "|" + IBAN + "|" + PHONE + "|" + SPACED_AMOUNT + "|" + DASHED_DATE);

    /**
     * What no line breaks inside, in any language: e-mail and web addresses, phone numbers, IBANs
     * (MA64 0112 …), amounts with their currency (1 250 000 MAD, 1,000,000), dates (27/01/2026,
     * 27 janvier 2026, 19 ماي 2000, January 27, 2026), references (MOU-2026-0001), numbers.
     */
    static final Pattern KEEP = Pattern.compile(EMAIL + "|" + URL + "|" + IBAN + "|" + PHONE
            + "|(?=\\d)\\b\\d{1,2} \\p{L}+ \\d{4}\\b|(?=\\p{L})\\b\\p{L}+ \\d{1,2}, \\d{4}\\b"
            + "|(?=\\d)\\b\\d{1,3}(?:[ \\u00A0\\u202F]\\d{3})+(?:[.,]\\d+)?" + CURRENCY
            + "|[A-Za-z](?=[A-Za-z0-9\\-/_.]*\\d)[A-Za-z0-9]*(?:[\\-/_.][A-Za-z0-9]+)*"
            + "|\\d+(?:[.,:/\\-]\\d+)*%?" + CURRENCY, Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * The [start, end) pairs of the matches of {@link #KEEP} or {@link #ISOLATE}, sentence
     * punctuation after an address left out.
     *
     * <p>The matches are those of {@code Matcher.find()} in a loop, but the pattern is tried only
     * where a match can start: find() tries every index, and the address and date alternatives run
     * over the whole word at each before they fail, so a paragraph cost the sum of its words' squared
     * lengths. Every match holds a {@linkplain #trigger trigger} (a digit, a surrogate, '@', "://",
     * "www.") or, for a reference (MOU-2026-0001), looks ahead over characters that are not white
     * space to a digit. Up to its first trigger a match holds no white space, except a date such as
     * "January 27, 2026", whose word is followed by one space. So a match starts in the word of a
     * trigger, or in the word before it when the trigger begins its word after one space
     * ({@link #windowStart}). Trying those indices in increasing order with lookingAt, the bounds
     * transparent so that {@code \b} and the lookaheads see the text around, finds the leftmost
     * match, and at that index the alternatives' order decides as in find(); the next search starts
     * at the match's end, as find()'s does. ParaSpansTest compares this with find() on the fixtures,
     * the bench drafts and random text.
     */
    static int[] spans(Pattern pattern, String t) {
        int[] out = new int[0];
        int n = 0;
        Matcher m = null;
        int tried = 0; // every index before it was tried or lies in a match: where find() would go on
        for (int p = 0; p < t.length(); p++) {
            if (p < tried || !trigger(t, p)) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
            }
            int i = windowStart(t, p, tried);
            while (i <= p) {
                m.region(i, t.length());
                if (!m.lookingAt()) {
                    i++;
                    continue;
                }
                i = m.end(); // a match may end before the trigger (a reference's lookahead): go on from its end
                int end = m.end();
                while (end > m.start() + 1 && ".,;:)".indexOf(t.charAt(end - 1)) >= 0) {
                    end--; // sentence punctuation after an address is not part of it
                }
                if (end - m.start() < 2) {
                    continue;
                }
                if (n + 2 > out.length) {
                    out = Arrays.copyOf(out, Math.max(8, out.length * 2));
                }
                out[n++] = m.start();
                out[n++] = end;
            }
            tried = i;
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The first index where a match whose first trigger is at {@code p} can start, and not before
     * {@code floor}: back over the characters that are not white space to the start of the word;
     * when the trigger begins its word after one space, over the word before that too (a date such
     * as "January 27": a trigger inside a word is not the first of such a match).
     */
    private static int windowStart(String t, int p, int floor) {
        int j = p;
        while (j > floor && !Character.isWhitespace(t.charAt(j - 1))) {
            j--;
        }
        if (j == p && j > floor && t.charAt(j - 1) == ' ') {
            j--;
            while (j > floor && !Character.isWhitespace(t.charAt(j - 1))) {
                j--;
            }
        }
        return j;
    }

    /**
     * False when neither pattern can match: every alternative of {@link #ISOLATE} and {@link #KEEP}
     * needs a digit, an {@code @} (addresses) or a web address's {@code ://} or {@code www.}. Most
     * paragraphs of prose have none, and the patterns cost more than setting the line.
     */
    static boolean mayMatch(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (trigger(t, i)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the char at {@code i} is a trigger: a digit, a surrogate, '@', the ':' of "://" or the
     * '.' of "www."; every match holds one, or looks ahead to one.
     */
    private static boolean trigger(String t, int i) {
        char c = t.charAt(i);
        return c == '@' || Character.isDigit(c) || Character.isSurrogate(c) // a digit outside the BMP is two chars
                || c == ':' && t.startsWith("://", i) || c == '.' && i >= 3 && t.startsWith("www.", i - 3);
    }

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
            int[] isolates = NONE;
            int[] keeps = NONE;
            if (mayHoldSpans(t)) {
                keeps = spans(KEEP, t);
                if (dir || holdsRightToLeft(t)) {
                    isolates = spans(ISOLATE, t);
                }
            }
            return new Para(t, starts, styles, size, lineHeight, align, dir, color, isolates, keeps);
        }

        private static final int[] NONE = new int[0];

        /** Whether the text has a digit, '@' or a web address, without which there is nothing to isolate or keep together. */
        private static boolean mayHoldSpans(String t) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9' || c == '@') {
                    return true;
                }
            }
            return t.contains("www.") || t.contains("://");
        }

        /** Whether the text has a right-to-left letter: without one (and in a left-to-right paragraph), isolates change no level. */
        private static boolean holdsRightToLeft(String t) {
            for (int i = 0; i < t.length(); i++) {
                byte d = Character.getDirectionality(t.charAt(i));
                if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
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
