package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Slicing a shaped run by binary search gives exactly what looking at every glyph gives. */
class ShapedRunSliceTest {

    private static final FontFace FACE = Fonts.load(MemoStyle.defaults()).regular;

    private static void sameSlicesEverywhere(String text, boolean rtl) {
        char[] chars = text.toCharArray();
        ShapedRun run = ShapedRun.shape(FACE, chars, 0, chars.length, rtl);
        assertThat(run.slicedBySearch()).as("clusters in visual order").isTrue();
        Random random = new Random(text.hashCode());
        int checked = 0;
        for (int from = 0; from <= chars.length; from++) {
            for (int to = from + 1; to <= chars.length; to += 1 + random.nextInt(7)) {
                assertSame(run.slice(from, to), run.sliceByScan(from, to), text, from, to);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(chars.length);
    }

    private static void assertSame(ShapedRun fast, ShapedRun scan, String text, int from, int to) {
        String where = "[" + from + ", " + to + ") of " + text;
        if (scan == null) {
            assertThat(fast).as(where).isNull();
            return;
        }
        assertThat(fast).as(where).isNotNull();
        assertThat(fast.gids).as(where).containsExactly(scan.gids);
        assertThat(fast.x).as(where).containsExactly(scan.x);
        assertThat(fast.y).as(where).containsExactly(scan.y);
        assertThat(fast.text).as(where).containsExactly(scan.text);
        assertThat(fast.width).as(where).containsExactly(scan.width);
        assertThat(fast.cluster).as(where).containsExactly(scan.cluster);
        assertThat(fast.advance).as(where).isEqualTo(scan.advance);
        assertThat(fast.start).as(where).isEqualTo(scan.start);
        assertThat(fast.limit).as(where).isEqualTo(scan.limit);
    }

    @Test
    void arabicWithVowelsShaddaAndLigaturesIsSlicedTheSameWay() {
        sameSlicesEverywhere("بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، لا إله إلا الله؛ مذكرةُ تفاهمٍ", true);
    }

    @Test
    void latinWithLigaturesAndDigitsIsSlicedTheSameWay() {
        sameSlicesEverywhere("The office of fine affairs, ffi fl 1,000,000 EUR (INTERPOL) x@y.example", false);
    }

    @Test
    void arabicWithKashidaAndTanwinIsSlicedTheSameWay() {
        sameSlicesEverywhere("ابتداءً من تاريخه ـــ شكراً جزيلاً للمديرية العامة", true);
    }
}
