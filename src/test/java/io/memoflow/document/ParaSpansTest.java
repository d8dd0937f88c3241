package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The spans a paragraph keeps together or isolates (addresses, numbers, amounts, dates) are
 * looked for only in text that can hold one: the quick test that skips prose must never skip a
 * span the patterns would find; and where the patterns are tried, only near a digit, '@' or a web
 * address, they find exactly what {@code Matcher.find()} finds trying every index.
 */
class ParaSpansTest {

    private static final List<String> PIECES = List.of("www.", "http://", "https://", "a@b.cc", "officer@dgsn.example.ma",
            "MA64 0112 ", "12", "2026", "00212 ", "+212 537", "(05) ", "1 250 000", "27 janvier 2026", "January 27, 2026", "19 ماي 2000",
            "2026-01-27", "MOU-2026-0001", "٣", "𝟙", " ", " ", "word", "January ", "كلمة", "ماي ", "-", "/", ":", ".", ",", "(", ")",
            "+", "w", "ww", "%", "MAD", "درهم", "\u00A0", "\u2028");

    /** One to twelve pieces of addresses, numbers, dates, words and punctuation, in random order. */
    private static String randomText(Random random) {
        StringBuilder t = new StringBuilder();
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            t.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return t.toString();
    }

    @Test
    void textWithoutDigitsAtSignsOrWebAddressesHasNoSpansAndTheQuickTestSkipsNoneThatHas() {
        Random random = new Random(20261130);
        int skipped = 0;
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomText(random);
            boolean any = Para.ISOLATE.matcher(text).find() || Para.KEEP.matcher(text).find();
            if (!Para.mayMatch(text)) {
                skipped++;
                assertThat(any).as("a span in %s, which the quick test skips", text).isFalse();
            }
            found += any ? 1 : 0;
        }
        assertThat(skipped).as("texts the quick test skips").isGreaterThan(1_000);
        assertThat(found).as("texts with a span").isGreaterThan(1_000);
    }

    /**
     * A pattern as it reads without the lookaheads that guard its word-boundary alternatives: every
     * lookahead of one character or one bracketed class, such as (?=\d), (?=\p{L}), (?=[(\d]) or (?=0).
     */
    private static Pattern unguarded(Pattern p) {
        String bare = p.pattern().replaceAll("\\(\\?=(?:\\\\d|\\\\p\\{L\\}|\\[[^\\]]*\\]|0)\\)", "");
        assertThat(bare).as("guards to take out").isNotEqualTo(p.pattern());
        return Pattern.compile(bare, p.flags());
    }

    @Test
    void theGuardedPatternsFindExactlyWhatTheyFindWithoutTheirGuards() {
        Random random = new Random(7);
        for (Pattern p : List.of(Para.ISOLATE, Para.KEEP)) {
            Pattern bare = unguarded(p);
            for (int i = 0; i < 20_000; i++) {
                String text = randomText(random);
                assertThat(Para.spans(p, text)).as("%s in %s", p, text).isEqualTo(Para.spans(bare, text));
            }
        }
    }

    @Test
    void proseIsSkippedAndAddressesNumbersAndWebAddressesAreNot() {
        assertThat(Para.mayMatch("تهدف هذه المذكرة إلى وضع إطار للتعاون بين الطرفين")).isFalse();
        assertThat(Para.mayMatch("The Parties agree as follows.")).isFalse();
        assertThat(Para.mayMatch("write to legal@dgsn.example.ma")).isTrue();
        assertThat(Para.mayMatch("see www.example.ma")).isTrue();
        assertThat(Para.mayMatch("see https://example.ma")).isTrue();
        assertThat(Para.mayMatch("المادة ٣")).isTrue();
        assertThat(Para.mayMatch("article 12")).isTrue();
    }

    /** The spans as Para.spans found them with {@code Matcher.find()} at every index: the reference. */
    private static int[] spansByFind(Pattern pattern, String t) {
        if (!Para.mayMatch(t)) {
            return new int[0];
        }
        int[] out = new int[8];
        int n = 0;
        Matcher m = pattern.matcher(t);
        while (m.find()) {
            int end = m.end();
            while (end > m.start() + 1 && ".,;:)".indexOf(t.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - m.start() < 2) {
                continue;
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = m.start();
            out[n++] = end;
        }
        return Arrays.copyOf(out, n);
    }

    /** A text's lines, its paragraphs and the whole. */
    private static List<String> linesAndParagraphs(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n")));
        out.addAll(ParaSpansBenchmark.paragraphs(text));
        out.add(text);
        return out;
    }

    @Test
    void theSpansOfEveryFixtureAndBenchDraftAreThoseFindFinds() throws IOException, URISyntaxException {
        URL fixtures = ParaSpansTest.class.getResource("/fixtures");
        assertThat(fixtures).as("src/test/resources/fixtures on the class path").isNotNull();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(fixtures.toURI()))) {
            for (Path file : files.sorted().toList()) {
                texts.addAll(linesAndParagraphs(Files.readString(file)));
            }
        }
        for (String draft : List.of("ar", "en", "bilingual")) {
            texts.addAll(linesAndParagraphs(ParaSpansBenchmark.draft(draft)));
        }
        int spans = 0;
        for (Pattern p : List.of(Para.KEEP, Para.ISOLATE)) {
            for (String text : texts) {
                int[] expected = spansByFind(p, text);
                assertThat(Para.spans(p, text)).as("%s in %s", p, text).isEqualTo(expected);
                spans += expected.length / 2;
            }
        }
        assertThat(spans).as("spans in the fixtures and drafts").isGreaterThan(500);
    }

    /** Letters, digits, spaces and the punctuation of addresses, amounts and dates, the way they come in drafts. */
    private static final List<String> ALPHABET = List.of("a", "e", "n", "r", "w", "x", "A", "M", "Z", "ب", "ر", "م", "ي",
            "0", "1", "2", "7", "9", "٠", "٢", "٧", " ", " ", " ", "\u00A0", "\u202F", "@", ".", ",", ":", "/", "-", "+", "(",
            ")", "%", "€", "://", "www.", "MAD", "درهم", "\n", "\uD835\uDFCE", "2026", "27", ", ", "January ", "MA64 0112", "00");

    /** A string of 0 to 80 chars (a piece may run over by a few) drawn from {@link #ALPHABET}. */
    private static String randomString(Random random) {
        int length = random.nextInt(81);
        StringBuilder t = new StringBuilder();
        while (t.length() < length) {
            t.append(ALPHABET.get(random.nextInt(ALPHABET.size())));
        }
        return t.toString();
    }

    @Test
    void theSpansOfRandomTextAreThoseFindFinds() {
        Random random = new Random(20261130);
        int spaced = 0;
        int beforeTheirDigit = 0;
        for (int i = 0; i < 250_000; i++) {
            String text = i % 5 == 0 ? randomText(random) : randomString(random); // 200,000 of the alphabet's
            for (Pattern p : List.of(Para.KEEP, Para.ISOLATE)) {
                int[] expected = spansByFind(p, text);
                assertThat(Para.spans(p, text)).as("%s in %s", p, text).isEqualTo(expected);
                for (int s = 0; s < expected.length; s += 2) {
                    String span = text.substring(expected[s], expected[s + 1]);
                    spaced += span.matches("\\p{L}+ \\d.*") ? 1 : 0;
                    beforeTheirDigit += Para.mayMatch(span) ? 0 : 1;
                }
            }
        }
        // the spans that start farthest before their trigger: a date's word and space, a reference that looks ahead
        assertThat(spaced).as("spans of a word, a space and a digit").isGreaterThan(100);
        assertThat(beforeTheirDigit).as("spans with no digit, '@' or web address of their own").isGreaterThan(100);
    }
}
