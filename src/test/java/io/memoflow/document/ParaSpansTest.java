package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The spans a paragraph keeps together or isolates (addresses, numbers, amounts, dates) are
 * looked for only in text that can hold one: the quick test that skips prose must never skip a
 * span the patterns would find.
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
}
