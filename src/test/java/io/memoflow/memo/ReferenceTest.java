package io.memoflow.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceTest {

    @Test
    void aReferenceIsWrittenWithAtLeastFourDigitsAndReadBackAsItself() {
        Reference r = new Reference("MOU", 2026, 7);
        assertThat(r).hasToString("MOU-2026-0007");
        assertThat(Reference.parse("MOU-2026-0007")).contains(r);
        assertThat(new Reference("DGSN2", 2027, 123456)).hasToString("DGSN2-2027-123456");
    }

    @Test
    void textThatIsNotAReferenceIsNotReadAsOne() {
        for (String bad : new String[] {null, "", "mou-2026-0007", "MOU-26-0007", "MOU-2026-007", "MOU-2026-0007/../x", "../MOU-2026-0007",
                "MOU-2026-0007\n", "MOU-2026-1234567", "1MOU-2026-0007", "MOU_2026_0007"}) {
            assertThat(Reference.isValid(bad)).as(String.valueOf(bad)).isFalse();
            assertThat(Reference.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void aPrefixThatCouldNotBeReadBackIsRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> new Reference("mou", 2026, 1)).hasMessageContaining("memoflow.reference.prefix");
        assertThatThrownBy(() -> new Reference("MOU-X", 2026, 1)).hasMessageContaining("memoflow.reference.prefix");
    }

    @Test
    void aReferenceKnowsItsSeries() {
        Reference r = Reference.parse("MOU-2026-0042").orElseThrow();
        assertThat(r.inSeries("MOU", 2026)).isTrue();
        assertThat(r.inSeries("MOU", 2025)).isFalse();
        assertThat(r.inSeries("AGR", 2026)).isFalse();
    }
}
