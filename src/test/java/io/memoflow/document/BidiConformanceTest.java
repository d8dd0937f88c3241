package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Bidi;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * UAX #9 conformance of the typesetter's path: every case of {@code bidi/uax9-cases.txt} (the
 * project's own set: no Maven artifact carries Unicode's BidiCharacterTest.txt) and the legal
 * formulas of {@link BidiOrderTest} are set by {@link ParagraphSetter} at several widths; the
 * characters of every line, in the order its glyphs are placed, must be ICU's visual order of
 * that line (with the spans memoflow isolates set as LRI ... PDI). Format characters, which
 * draw nothing, are left out on both sides.
 */
class BidiConformanceTest {

    private static final float[] WIDTHS = {2000f, 160f, 90f};
    private static Fonts fonts;

    @BeforeAll
    static void loadFonts() {
        fonts = Fonts.load(MemoStyle.defaults());
    }

    record Case(String direction, String text) {
    }

    static List<Case> cases() throws IOException {
        String file;
        try (InputStream in = BidiConformanceTest.class.getClassLoader().getResourceAsStream("bidi/uax9-cases.txt")) {
            file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        Pattern escape = Pattern.compile("\\\\u([0-9A-Fa-f]{4})");
        for (String line : file.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 2);
            Matcher m = escape.matcher(parts[1]);
            StringBuilder text = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(text, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
            }
            m.appendTail(text);
            out.add(new Case(parts[0], text.toString()));
        }
        return out;
    }

    @Test
    void everyLineOfEveryCaseIsInIcusVisualOrder() throws IOException {
        List<Case> all = new ArrayList<>(cases());
        for (String f : BidiOrderTest.FORMULAS) {
            all.add(new Case("rtl", BidiOrderTest.typed(f)));
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        List<String> failures = new ArrayList<>();
        int lines = 0;
        for (Case c : all) {
            Boolean rtl = switch (c.direction()) {
                case "rtl" -> Boolean.TRUE;
                case "ltr" -> Boolean.FALSE;
                default -> null;
            };
            Para para = Para.of(c.text(), 0, 12f, 16f, Para.Align.START, rtl, true, Rgb.BLACK);
            ParagraphSetter.Prepared prepared = ParagraphSetter.prepare(para, fonts, ULocale.ROOT);
            for (float width : WIDTHS) {
                for (ParagraphSetter.Line line : ParagraphSetter.lines(prepared, width)) {
                    if (line.end() <= line.start()) {
                        continue;
                    }
                    lines++;
                    List<Integer> drawn = drawnOrder(para, line);
                    List<Integer> icu = icuOrder(para, line.start(), line.end());
                    if (!drawn.equals(icu)) {
                        failures.add(c.direction() + " '" + c.text() + "' at " + width + " pt, line '"
                                + c.text().substring(line.start(), line.end()) + "':\n  drawn " + drawn + "\n  ICU   " + icu);
                    }
                }
            }
        }
        System.out.println("bidi conformance: " + all.size() + " cases, " + lines + " lines compared with ICU");
        assertThat(failures).as("lines not in ICU's visual order").isEmpty();
    }

    /** The paragraph indices of a set line's characters in the order its glyphs are placed, left to right. */
    static List<Integer> drawnOrder(Para para, ParagraphSetter.Line line) {
        List<Integer> out = new ArrayList<>();
        List<LineRun> runs = new ArrayList<>(line.runs());
        runs.sort(Comparator.comparingDouble(LineRun::x));
        for (LineRun lr : runs) {
            ShapedRun sr = lr.run();
            for (int i = 0; i < sr.size(); i++) {
                String t = sr.text[i];
                if (t == null) {
                    continue;
                }
                int from = sr.cluster[i];
                while (from > 0 && !para.text.startsWith(t, from)) {
                    from--; // the first cluster of a run holds the characters before it
                }
                List<Integer> cluster = new ArrayList<>();
                for (int k = from; k < from + t.length(); k++) {
                    if (visible(para.text, k)) {
                        cluster.add(k);
                    }
                }
                if (sr.rtl) {
                    java.util.Collections.reverse(cluster);
                }
                out.addAll(cluster);
            }
        }
        return out;
    }

    /** ICU's visual order of the line [start, end) of the paragraph, its isolated spans marked with LRI ... PDI. */
    static List<Integer> icuOrder(Para para, int start, int end) {
        StringBuilder marked = new StringBuilder();
        List<Integer> original = new ArrayList<>(); // marked index -> paragraph index, -1 for an inserted mark
        int next = 0;
        int[] iso = para.isolates;
        int markedStart = -1;
        int markedEnd = -1;
        for (int i = 0; i <= para.length(); i++) {
            while (next < iso.length && iso[next] == i) {
                marked.append(next % 2 == 0 ? '\u2066' : '\u2069');
                original.add(-1);
                next++;
            }
            if (i == start) {
                markedStart = marked.length();
            }
            if (i == end) {
                markedEnd = marked.length();
            }
            if (i < para.length()) {
                marked.append(para.text.charAt(i));
                original.add(i);
            }
        }
        // the marks just before the line's end belong to the line when they close a span inside it
        while (markedEnd < marked.length() && original.get(markedEnd) == -1 && marked.charAt(markedEnd) == '\u2069') {
            markedEnd++;
        }
        Bidi bidi = new Bidi();
        bidi.setPara(marked.toString(), (byte) (para.rtl ? 1 : 0), null);
        Bidi line = bidi.setLine(markedStart, markedEnd);
        List<Integer> out = new ArrayList<>();
        for (int v : line.getVisualMap()) {
            int p = original.get(markedStart + v);
            if (p >= 0 && visible(para.text, p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean visible(String text, int index) {
        return Character.getType(text.charAt(index)) != Character.FORMAT;
    }
}
