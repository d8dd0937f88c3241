package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The spans a paragraph keeps together or isolates (addresses, numbers, amounts, dates) are
 * looked for only in text that can hold one: the quick test that skips prose must never skip a
 * span the patterns would find.
 */
class ParaSpansTest {

    private static final List<String> PIECES = List.of("www.", "http://", "https://", "a@b.cc", "officer@dgsn.example.ma",
            "MA64 0112 ", "12", "2026", "٣", "𝟙", " ", " ", "word", "January ", "كلمة", "ماي ", "-", "/", ":", ".", ",", "(", ")",
            "+", "w", "ww", "%", "MAD", "درهم", "\u00A0", "\u2028");

    @Test
    void textWithoutDigitsAtSignsOrWebAddressesHasNoSpansAndTheQuickTestSkipsNoneThatHas() {
        Random random = new Random(20261130);
        int skipped = 0;
        int found = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            for (int n = 1 + random.nextInt(12); n > 0; n--) {
                t.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String text = t.toString();
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
