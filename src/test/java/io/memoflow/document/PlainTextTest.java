package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Fixtures;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void plainTextKeepsItsLineBreaksAndIsNeverReadAsMarkdown() throws Exception {
        String text = "# not a heading\n* not a bullet\n1. not a list\nsome_words_with *stars* and [brackets](x)\n\nSecond paragraph\n";
        String md = PlainText.toMarkdown(text);
        MemoDocument doc = new MemoDocument("MOU-2026-0001", 1, "T", "en", Instant.parse("2026-11-29T10:00:00Z"), md, List.of(), null,
                false, List.of(), null);
        byte[] pdf = new Typesetter().render(doc).pdf();
        String extracted;
        try (var d = Loader.loadPDF(pdf)) {
            extracted = new PDFTextStripper().getText(d);
        }
        assertThat(extracted).contains("# not a heading\n").contains("* not a bullet\n").contains("1. not a list\n")
                .contains("some_words_with *stars* and [brackets](x)").contains("Second paragraph");
    }

    @Test
    void thePastedArabicArticleKeepsEachOfItsLines() {
        String text = Fixtures.text(Fixtures.PASTED_ARTICLE);
        String md = PlainText.toMarkdown(text);
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        long breaks = md.lines().filter(l -> l.endsWith("\\")).count();
        long paragraphs = md.split("\n\n").length;
        assertThat(breaks + paragraphs).isGreaterThanOrEqualTo(lines);
    }
}
