package io.memoflow.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Test helpers: poppler's command line tools, PDFBox's text extraction, word comparison. */
public final class PdfTools {

    private PdfTools() {
    }

    /** Where tests leave files worth looking at (PDFs, PNGs). */
    static Path outputDir() {
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = base.resolve("target/typesetter-output");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static Path write(String name, byte[] pdf) {
        Path file = outputDir().resolve(name);
        try {
            Files.write(file, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs a poppler tool and returns its standard output (UTF-8); fails on a non-zero exit. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + command[0] + " (poppler-utils must be installed)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** pdftotext with its default options (no -raw, no -layout), UTF-8 to standard output. */
    public static String pdftotext(Path pdf) {
        return run("pdftotext", "-enc", "UTF-8", pdf.toString(), "-");
    }

    public static String pdfbox(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The words of a text: maximal runs of letters, combining marks and digits (Unicode
     * categories L, M, N), compared code point for code point (no normalisation of any kind).
     * Punctuation, spaces and the bidi embedding controls pdftotext wraps right-to-left lines in
     * separate words and are not words.
     */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean part = Character.isLetter(cp) || Character.isDigit(cp) || type == Character.NON_SPACING_MARK
                    || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
            if (part) {
                word.appendCodePoint(cp);
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }

    /** Whitespace-separated tokens, bidi controls counted as white space (punctuation stays attached). */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split("[\\s\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]+")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Length of the longest common subsequence of two word sequences. */
    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 0; j < b.size(); j++) {
                cur[j + 1] = x.equals(b.get(j)) ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** The share of {@code expected}'s words that {@code actual} has in the same order. */
    public static double recall(List<String> expected, List<String> actual) {
        return expected.isEmpty() ? 1.0 : (double) lcs(expected, actual) / expected.size();
    }

    /** The words of {@code expected} that {@code actual} lacks, counted with repetition (order ignored). */
    public static List<String> missing(List<String> expected, List<String> actual) {
        java.util.Map<String, Integer> have = new java.util.HashMap<>();
        actual.forEach(w -> have.merge(w, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String w : expected) {
            if (have.merge(w, -1, Integer::sum) < 0) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Which way the Arabic words of {@code expected} run on the pages of {@code pdf} (pdftotext -bbox):
     * of each two consecutive Arabic words of it that occur once each in the PDF and stand on one
     * line, whether the first stands to the right of the second. Returns {right to left, left to right}.
     */
    public static int[] arabicWordOrder(Path pdf, List<String> expected) {
        Map<String, List<BboxWords>> at = new HashMap<>();
        for (BboxWords box : BboxWords.read(pdf)) {
            for (String word : words(box.logical())) {
                at.computeIfAbsent(word, k -> new ArrayList<>()).add(box);
            }
        }
        int[] order = new int[2];
        for (int i = 0; i + 1 < expected.size(); i++) {
            List<BboxWords> first = at.getOrDefault(expected.get(i), List.of());
            List<BboxWords> second = at.getOrDefault(expected.get(i + 1), List.of());
            if (arabic(expected.get(i)) && arabic(expected.get(i + 1)) && first.size() == 1 && second.size() == 1
                    && first.get(0) != second.get(0) && first.get(0).page() == second.get(0).page()
                    && Math.abs(first.get(0).y() - second.get(0).y()) < 1) {
                order[first.get(0).x() > second.get(0).x() ? 0 : 1]++;
            }
        }
        return order;
    }

    /**
     * How far (in points) the right edge of {@code word} (which must occur once in the PDF) stands
     * from the right edge of the rightmost word on its page: 0 for the first word of a line of a
     * right-to-left paragraph, however short the line.
     */
    public static double distanceFromTheRightMargin(Path pdf, String word) {
        List<BboxWords> boxes = BboxWords.read(pdf);
        List<BboxWords> found = boxes.stream().filter(b -> words(b.logical()).contains(word)).toList();
        if (found.size() != 1) {
            throw new AssertionError("'" + word + "' occurs " + found.size() + " times in " + pdf + ", not once");
        }
        BboxWords box = found.get(0);
        double margin = boxes.stream().filter(b -> b.page() == box.page()).mapToDouble(BboxWords::xMax).max().orElseThrow();
        return margin - box.xMax();
    }

    private static boolean arabic(String word) {
        return word.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC)
                && word.codePoints().noneMatch(Character::isDigit);
    }

    /** True when {@code needle} occurs in {@code words} as consecutive words. */
    public static boolean containsSequence(List<String> words, List<String> needle) {
        outer:
        for (int i = 0; i + needle.size() <= words.size(); i++) {
            for (int j = 0; j < needle.size(); j++) {
                if (!words.get(i + j).equals(needle.get(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
