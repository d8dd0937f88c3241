package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers, references, e-mail addresses and phone numbers keep their left-to-right order inside
 * Arabic sentences; Arabic paragraphs run right to left and English ones left to right in the
 * same document.
 */
class MixedDirectionTest {

    private static final String ARABIC_LINE =
            "للتواصل: البريد liaison@dgsn.example.ma والهاتف +212 537 72 19 00 والمرجع MOU-2026-0007 بتاريخ 27/01/2026.";

    private static BboxWords word(List<BboxWords> words, String text) {
        return words.stream().filter(w -> w.bare().equals(text) || w.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no word '" + text + "' in " + words.stream().map(BboxWords::text).toList()));
    }

    @Test
    void phoneNumberEmailAndReferenceKeepTheirOrderInsideArabicText() {
        Path pdf = PdfTools.write("mixed-arabic-line.pdf", new Typesetter().render(TestDocs.arabic(ARABIC_LINE)).pdf());
        List<BboxWords> all = BboxWords.read(pdf);
        BboxWords plus = word(all, "+212");
        List<BboxWords> words = all.stream().filter(w -> w.page() == plus.page() && Math.abs(w.y() - plus.y()) < 2).toList();
        // the phone number reads left to right: +212 537 72 19 00
        double x = -1;
        for (String part : List.of("+212", "537", "72", "19", "00")) {
            BboxWords w = word(words, part);
            assertThat(w.x()).as("'%s' right of the previous group", part).isGreaterThan(x);
            x = w.x();
        }
        assertThat(word(words, "liaison@dgsn.example.ma")).isNotNull();
        assertThat(word(words, "MOU-2026-0007")).isNotNull();
        // and the sentence runs right to left: the e-mail address comes before the phone, so it is to its right
        assertThat(word(words, "liaison@dgsn.example.ma").x()).isGreaterThan(word(words, "00").x());
        assertThat(word(words, "للتواصل").x()).isGreaterThan(word(words, "liaison@dgsn.example.ma").x());
        assertThat(word(words, "MOU-2026-0007").x()).isLessThan(word(words, "+212").x());

        List<String> tokens = PdfTools.tokens(PdfTools.pdftotext(pdf));
        assertThat(PdfTools.containsSequence(tokens, List.of("+212", "537", "72", "19", "00"))).as("pdftotext: %s", tokens).isTrue();
        assertThat(tokens).contains("liaison@dgsn.example.ma", "MOU-2026-0007");
    }

    @Test
    void eachParagraphOfABilingualDocumentRunsInItsOwnDirection() {
        Path pdf = PdfTools.write("bilingual.pdf", new Typesetter().render(TestDocs.arabic(TestDocs.BILINGUAL)).pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        // Arabic paragraph: first word at the right margin side, later words to its left
        BboxWords arabicFirst = word(words, "تهدف");
        BboxWords arabicNext = word(words, "المذكرة");
        assertThat(arabicFirst.x()).isGreaterThan(arabicNext.x());
        // English paragraph: first word at the left
        BboxWords englishFirst = word(words, "This");
        BboxWords englishNext = word(words, "memorandum");
        assertThat(englishFirst.x()).isLessThan(englishNext.x());
        double left = words.stream().mapToDouble(BboxWords::x).min().orElseThrow();
        double right = words.stream().mapToDouble(BboxWords::xMax).max().orElseThrow();
        assertThat(englishFirst.x() - left).as("English starts at the left margin").isLessThan(2);
        assertThat(right - arabicFirst.xMax()).as("Arabic starts at the right margin").isLessThan(2);
    }

    @Test
    void listMarkersStandAtTheStartOfTheirItemsInTheItemsDirection() {
        Path pdf = PdfTools.write("bilingual-list.pdf", new Typesetter().render(TestDocs.arabic(TestDocs.BILINGUAL)).pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        BboxWords arabicItem = word(words, "تبادل");
        BboxWords englishItem = word(words, "Joint");
        List<BboxWords> arabicLine = words.stream().filter(w -> w.page() == arabicItem.page() && Math.abs(w.y() - arabicItem.y()) < 2).toList();
        List<BboxWords> englishLine = words.stream().filter(w -> w.page() == englishItem.page() && Math.abs(w.y() - englishItem.y()) < 2).toList();
        BboxWords one = arabicLine.stream().filter(w -> w.bare().equals("1")).findFirst().orElseThrow();
        BboxWords three = englishLine.stream().filter(w -> w.bare().equals("3")).findFirst().orElseThrow();
        assertThat(one.x()).as("marker of an Arabic item on its right").isGreaterThan(arabicItem.xMax());
        assertThat(three.xMax()).as("marker of an English item on its left").isLessThan(englishItem.x());
    }
}
