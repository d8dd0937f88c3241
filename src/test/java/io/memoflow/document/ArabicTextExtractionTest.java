package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 1: the text of an Arabic memorandum comes back from the PDF exactly, in order, from
 * poppler's pdftotext (default options) and from PDFBox's text stripper.
 *
 * <p>Words are compared code point for code point, without normalisation: a word is a run of
 * letters, combining marks and digits (see {@link PdfTools#words}); the figure is the longest
 * common subsequence of the memorandum's words and the extracted words, divided by the
 * memorandum's word count. The extracted text also holds the title block, header and footer:
 * extra words do not count against it, missing or reordered words of the memorandum do. The
 * texts are the project's own fixtures ({@link Fixtures}).
 */
class ArabicTextExtractionTest {

    private static final Typesetter TYPESETTER = new Typesetter();
    private static String memo;
    private static List<String> memoWords;
    private static Path memoPdf;
    private static byte[] memoBytes;

    /** The long memorandum of the project's fixtures: preamble, 19 articles, lists, dates, Latin in parentheses. */
    @BeforeAll
    static void renderLongMemorandum() {
        memo = Fixtures.body(Fixtures.LONG_MOU);
        memoWords = PdfTools.words(memo);
        RenderedMemo rendered = TYPESETTER.render(TestDocs.arabic(memo));
        assertThat(rendered.pageCount()).as("the long memorandum runs over several pages").isGreaterThanOrEqualTo(3);
        memoBytes = rendered.pdf();
        memoPdf = PdfTools.write("arabic-long-mou.pdf", memoBytes);
    }

    @Test
    void longArabicMemorandumComesBackFromPdftotextInOrder() {
        String text = PdfTools.pdftotext(memoPdf);
        double recall = PdfTools.recall(memoWords, PdfTools.words(text));
        double tokenRecall = PdfTools.recall(PdfTools.tokens(memo), PdfTools.tokens(text));
        System.out.printf("pdftotext word recall on the long Arabic memorandum: %.4f (%d words); "
                + "whitespace-token recall, punctuation attached: %.4f%n", recall, memoWords.size(), tokenRecall);
        assertThat(memoWords.size()).isGreaterThanOrEqualTo(1200);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void longArabicMemorandumComesBackFromPdfboxInOrder() {
        double recall = PdfTools.recall(memoWords, PdfTools.words(PdfTools.pdfbox(memoBytes)));
        System.out.printf("PDFBox PDFTextStripper word recall on the long Arabic memorandum: %.4f%n", recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.97);
    }

    /** A plain-text draft pasted from a web page is set as typed (as the daemon does with a .txt draft). */
    @Test
    void pastedPlainTextArticleComesBackFromPdftotextAndPdfboxInOrder() {
        String article = Fixtures.text(Fixtures.PASTED_ARTICLE);
        List<String> expected = PdfTools.words(article);
        byte[] pdf = TYPESETTER.render(TestDocs.arabic(PlainText.toMarkdown(article))).pdf();
        String text = PdfTools.pdftotext(PdfTools.write("arabic-pasted-article.pdf", pdf));
        double recall = PdfTools.recall(expected, PdfTools.words(text));
        double pdfbox = PdfTools.recall(expected, PdfTools.words(PdfTools.pdfbox(pdf)));
        System.out.printf("pasted article (%d words): pdftotext recall %.4f, PDFBox recall %.4f%n", expected.size(), recall, pdfbox);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
        assertThat(pdfbox).isGreaterThanOrEqualTo(0.97);
    }

    /**
     * English and Arabic articles in turn, Latin inside Arabic lines and Arabic inside English ones:
     * no word is lost by either extractor. The order is printed, not asserted: on a page where
     * English letters are the majority, pdftotext reads the page left to right and gives the
     * comma-separated parts of an Arabic line in visual order (and PDFBox does similarly), which
     * says nothing about the PDF. PDFBox may lose a word to its known reordering of marks (a
     * tanween after a hamza) or glue a list number to it: at most 1% of the words.
     */
    @Test
    void bilingualMemorandumLosesNoWordInPdftotextOrPdfbox() {
        String body = Fixtures.body(Fixtures.BILINGUAL);
        List<String> expected = PdfTools.words(body);
        byte[] pdf = TYPESETTER.render(TestDocs.arabic(body)).pdf();
        List<String> poppler = PdfTools.words(PdfTools.pdftotext(PdfTools.write("bilingual-mou.pdf", pdf)));
        List<String> pdfbox = PdfTools.words(PdfTools.pdfbox(pdf));
        System.out.printf("bilingual memorandum (%d words): in-order recall pdftotext %.4f, PDFBox %.4f%n", expected.size(),
                PdfTools.recall(expected, poppler), PdfTools.recall(expected, pdfbox));
        assertThat(PdfTools.missing(expected, poppler)).as("words missing from pdftotext's text").isEmpty();
        assertThat(PdfTools.missing(expected, pdfbox).size()).as("words missing from PDFBox's text: %s",
                PdfTools.missing(expected, pdfbox)).isLessThanOrEqualTo(expected.size() / 100);
    }

    /**
     * A justified Arabic line stretched by a web address too long to share the line: no word is
     * lost. (pdftotext reads the widely spaced words of such a line as separate blocks, out of
     * order, so the order is printed, not asserted.)
     */
    @Test
    void aLineStretchedByALongAddressLosesNoWord() {
        String text = "ويمكن للمواطنين الاطلاع على نص البلاغ كاملا في الموقع الرسمي للمديرية "
                + "https://www.police-atlas.example/news/2026-01-27 أو طلبه عبر البريد الإلكتروني press@police-atlas.example.";
        List<String> expected = PdfTools.words(text);
        byte[] pdf = TYPESETTER.render(TestDocs.arabic(PlainText.toMarkdown(text))).pdf();
        List<String> poppler = PdfTools.words(PdfTools.pdftotext(PdfTools.write("stretched-line.pdf", pdf)));
        System.out.printf("line stretched by an address: in-order pdftotext recall %.4f%n", PdfTools.recall(expected, poppler));
        assertThat(PdfTools.missing(expected, poppler)).isEmpty();
        assertThat(PdfTools.missing(expected, PdfTools.words(PdfTools.pdfbox(pdf)))).isEmpty();
    }

    @Test
    void fullyVowelledBasmalaComesBackFromPdftotextWordForWord() {
        Path pdf = PdfTools.write("basmala.pdf", TYPESETTER.render(TestDocs.arabic(TestDocs.BASMALA)).pdf());
        String text = PdfTools.pdftotext(pdf);
        List<String> expected = PdfTools.tokens(TestDocs.BASMALA);
        assertThat(expected).hasSize(4);
        assertThat(PdfTools.containsSequence(PdfTools.tokens(text), expected))
                .as("pdftotext output %s holds %s word for word", text, expected).isTrue();
    }

    /** The project's own fully vowelled sentences: shadda with kasra, tanween, sukun, dagger alef. */
    static final String VOWELLED = """
            إِنَّ التَّعَاوُنَ الأَمْنِيَّ ضَرُورِيٌّ لِمُوَاجَهَةِ الجَرِيمَةِ المُنَظَّمَةِ وَالإِرْهَابِ

            وَقَّعَ الطَّرَفَانِ مُذَكِّرَةَ تَفَاهُمٍ جَدِيدَةً فِي الرِّبَاطِ، الموقِّع المُدِيرُ العَامُّ، شُكْراً جَزِيلاً.

            الْحَمْدُ لِلَّهِ رَبِّ الْعَالَمِينَ الرَّحْمَٰنِ الرَّحِيمِ مَالِكِ يَوْمِ الدِّينِ

            يُؤَدِّي كُلُّ طَرَفٍ التِزَامَاتِهِ بِحُسْنِ نِيَّةٍ، وَيُحَافِظُ عَلَى سِرِّيَّةِ المَعْلُومَاتِ المُتَبَادَلَةِ.
            """;

    @Test
    void fullyVowelledTextComesBackFromPdftotextWordForWord() {
        Path pdf = PdfTools.write("vowelled.pdf", TYPESETTER.render(TestDocs.arabic(VOWELLED)).pdf());
        List<String> expected = PdfTools.words(VOWELLED);
        double recall = PdfTools.recall(expected, PdfTools.words(PdfTools.pdftotext(pdf)));
        double pdfbox = PdfTools.recall(expected, PdfTools.words(PdfTools.pdfbox(TYPESETTER.render(TestDocs.arabic(VOWELLED)).pdf())));
        System.out.printf("fully vowelled text (%d words): pdftotext recall %.4f, PDFBox recall %.4f (not asserted: "
                + "PDFBox reorders multi-character glyph texts in right-to-left lines)%n", expected.size(), recall, pdfbox);
        assertThat(recall).isEqualTo(1.0);
    }

    /** The fixture's fully vowelled preamble and closing formula: every word with all its marks. */
    @Test
    void fullyVowelledPreambleComesBackFromPdftotextWordForWord() {
        String body = Fixtures.body(Fixtures.VOWELLED);
        List<String> expected = PdfTools.words(body);
        Path pdf = PdfTools.write("vowelled-preamble.pdf", TYPESETTER.render(TestDocs.arabic(body)).pdf());
        double recall = PdfTools.recall(expected, PdfTools.words(PdfTools.pdftotext(pdf)));
        System.out.printf("fully vowelled preamble (%d words): pdftotext recall %.4f%n", expected.size(), recall);
        assertThat(recall).isEqualTo(1.0);
    }

    @Test
    void draftWatermarkAddsNoTextToTheExtractedWords() {
        Path pdf = PdfTools.write("arabic-long-mou-draft.pdf",
                TYPESETTER.render(TestDocs.asDraft(TestDocs.arabic(memo))).pdf());
        String text = PdfTools.pdftotext(pdf);
        assertThat(PdfTools.recall(memoWords, PdfTools.words(text))).isGreaterThanOrEqualTo(0.99);
        assertThat(PdfTools.words(text)).doesNotContain("مسودة", "DRAFT");
    }
}
