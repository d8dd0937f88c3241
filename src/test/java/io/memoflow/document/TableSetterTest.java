package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TableSetterTest {

    @Test
    void columnsWhoseNaturalWidthsFitShareTheSpareRoomInProportionToThem() {
        float[] w = TableSetter.columnWidths(new float[] {10, 10}, new float[] {100, 300}, 800);
        assertThat(w[0]).isCloseTo(200f, within(0.01f));
        assertThat(w[1]).isCloseTo(600f, within(0.01f));
    }

    @Test
    void columnsWiderThanTheFrameEvenAtTheirMinimumShrinkInProportionToTheirMinimum() {
        float[] w = TableSetter.columnWidths(new float[] {300, 100}, new float[] {500, 500}, 200);
        assertThat(w[0]).isCloseTo(150f, within(0.01f));
        assertThat(w[1]).isCloseTo(50f, within(0.01f));
    }

    @Test
    void betweenMinimumAndNaturalTheRoomGoesToTheColumnsThatWantMore() {
        float[] w = TableSetter.columnWidths(new float[] {50, 50}, new float[] {50, 250}, 200);
        assertThat(w[0]).isCloseTo(50f, within(0.01f));
        assertThat(w[1]).isCloseTo(150f, within(0.01f));
        assertThat(w[0] + w[1]).isCloseTo(200f, within(0.01f));
    }

    @Test
    void aNaturalWidthBelowTheMinimumCountsAsTheMinimum() {
        float[] w = TableSetter.columnWidths(new float[] {100, 100}, new float[] {20, 100}, 400);
        assertThat(w[0]).isCloseTo(200f, within(0.01f));
        assertThat(w[1]).isCloseTo(200f, within(0.01f));
    }

    @Test
    void aTableWithoutColumnsHasNoWidths() {
        assertThat(TableSetter.columnWidths(new float[0], new float[0], 400)).isEmpty();
    }
}
