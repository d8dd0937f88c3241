package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;

/** The visible-signature appearance: one page of exactly the asked size, lines shaped, fonts embedded. */
class StampTest {

    private static final List<String> LINES = List.of("Digitally signed by Mikael Wern", "وقّعه إلكترونياً عبد اللطيف حموشي",
            "2026-01-29 10:00 UTC");

    @Test
    void stampIsOnePageOfExactlyTheGivenSizeWithItsLinesAsText() throws IOException {
        byte[] pdf = new Typesetter().renderStamp(LINES, "ar", 210.5f, 64f);
        PdfTools.write("stamp.pdf", pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = doc.getPage(0).getMediaBox();
            assertThat(box.getLowerLeftX()).isZero();
            assertThat(box.getLowerLeftY()).isZero();
            assertThat(box.getWidth()).isEqualTo(210.5f);
            assertThat(box.getHeight()).isEqualTo(64f);
        }
        String text = PdfTools.pdftotext(PdfTools.write("stamp.pdf", pdf));
        for (String line : LINES) {
            assertThat(PdfTools.containsSequence(PdfTools.words(text), PdfTools.words(line))).as("'%s' in %s", line, text).isTrue();
        }
    }

    @Test
    void longLinesShrinkToFitTheStampAndStayInside() {
        List<String> lines = List.of("A very long line that would never fit into a small stamp at eleven points", "قصير");
        byte[] pdf = new Typesetter().renderStamp(lines, "en", 120, 30);
        List<GlyphCapture.Glyph> glyphs = GlyphCapture.read(pdf);
        assertThat(glyphs).isNotEmpty();
        assertThat(glyphs).allSatisfy(g -> {
            assertThat(g.x()).isBetween(0f, 120f);
            assertThat(g.baseline()).isBetween(0f, 30f);
        });
        assertThat(glyphs.get(0).fontSize()).isLessThan(11f);
    }

    @Test
    void stampSizeOutOfRangeIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new Typesetter().renderStamp(LINES, "en", 0, 50)).hasMessageContaining("between 10 and 14400");
    }

    @Test
    void measurerWidthsAgreeWithWhatTheStampDraws() {
        TextMeasurer measurer = TextMeasurer.defaults();
        float arabic = measurer.width("وقّعه عبد اللطيف حموشي", 10, false);
        float latin = measurer.width("Mikael Wern", 10, false);
        assertThat(arabic).isGreaterThan(latin).isLessThan(200);
        assertThat(measurer.width("Mikael Wern", 20, false)).isCloseTo(2 * latin, org.assertj.core.data.Offset.offset(0.01f));
        assertThat(measurer.width("Mikael Wern", 10, true)).isNotEqualTo(latin);
        List<String> wrapped = measurer.wrap("Digitally signed by Mikael Wern on behalf of the Danish National Police", 10, false, 100, "en");
        assertThat(wrapped.size()).isGreaterThan(1);
        assertThat(String.join(" ", wrapped)).isEqualTo("Digitally signed by Mikael Wern on behalf of the Danish National Police");
        for (String line : wrapped) {
            assertThat(measurer.width(line, 10, false)).isLessThanOrEqualTo(100.01f);
        }
    }
}
