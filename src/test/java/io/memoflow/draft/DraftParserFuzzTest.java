package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Damaged and random input never escapes as anything but a Draft or a RejectedInputException with
 * a reason and advice (no parser exception, no stack overflow, no hang). Fixed seeds: repeatable.
 */
class DraftParserFuzzTest {

    final DraftParser parser = new DraftParser(DraftLimits.DEFAULT);

    @Test
    void mutatedDraftsEitherParseOrAreRejectedWithAReason() {
        byte[] original = DraftParserTest.PRODUCT_EXAMPLE.getBytes(StandardCharsets.UTF_8);
        byte[] specials = "-:#&*!|>'\"[]{},?@`%\n\t \r\u0000\\".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(20260127L);
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < 1000; round++) {
            byte[] bytes = original.clone();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = random.nextBoolean() ? specials[random.nextInt(specials.length)] : (byte) random.nextInt(256);
            }
            if (outcome(bytes)) {
                parsed++;
            } else {
                rejected++;
            }
        }
        assertThat(parsed).as("some mutations stay valid").isPositive();
        assertThat(rejected).as("some mutations are refused").isPositive();
    }

    @Test
    void randomBytesEitherParseOrAreRejectedWithAReason() {
        Random random = new Random(42L);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = new byte[1 + random.nextInt(400)];
            random.nextBytes(bytes);
            outcome(bytes);
        }
    }

    @Test
    void randomArabicLegacyBytesEitherParseOrAreRejectedWithAReason() {
        Random random = new Random(7L);
        for (int round = 0; round < 500; round++) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(4) == 0 ? ' ' : 0xC1 + random.nextInt(0x3E));
            }
            outcome(bytes);
        }
    }

    /** True when parsed, false when rejected properly; fails on anything else. */
    private boolean outcome(byte[] bytes) {
        try {
            Draft draft = parser.parse(bytes, "fuzz.md");
            assertThat(draft.title()).isNotBlank();
            assertThat(draft.body()).doesNotContain("\r");
            return true;
        } catch (RejectedInputException e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.advice()).isNotBlank();
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            fail("unexpected " + e + " for input " + new String(bytes, StandardCharsets.ISO_8859_1), e);
            return false;
        }
    }
}
