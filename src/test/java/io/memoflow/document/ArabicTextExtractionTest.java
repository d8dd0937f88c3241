package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

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
 * common subsequence of the sample's words and the extracted words, divided by the sample's
 * word count. The extracted text also holds the title block, header and footer: extra words do
 * not count against it, missing or reordered sample words do.
 */
class ArabicTextExtractionTest {

    private static final Typesetter TYPESETTER = new Typesetter();
    private static List<String> sampleWords;
    private static Path samplePdf;
    private static byte[] sampleBytes;

    @BeforeAll
    static void renderSample() {
        String sample = Samples.arabicSample();
        sampleWords = PdfTools.words(sample);
        sampleBytes = TYPESETTER.render(TestDocs.arabic(sample)).pdf();
        samplePdf = PdfTools.write("arabic-sample.pdf", sampleBytes);
    }

    @Test
    void arabicSampleComesBackFromPdftotextInOrder() {
        String text = PdfTools.pdftotext(samplePdf);
        double recall = PdfTools.recall(sampleWords, PdfTools.words(text));
        double tokenRecall = PdfTools.recall(PdfTools.tokens(Samples.arabicSample()), PdfTools.tokens(text));
        System.out.printf("pdftotext word recall on the Arabic sample: %.4f (%d words); "
                + "whitespace-token recall, punctuation attached: %.4f%n", recall, sampleWords.size(), tokenRecall);
        assertThat(recall).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void arabicSampleComesBackFromPdfboxInOrder() {
        double recall = PdfTools.recall(sampleWords, PdfTools.words(PdfTools.pdfbox(sampleBytes)));
        System.out.printf("PDFBox PDFTextStripper word recall on the Arabic sample: %.4f%n", recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.97);
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

    @Test
    void draftWatermarkAddsNoTextToTheExtractedWords() {
        Path pdf = PdfTools.write("arabic-sample-draft.pdf",
                TYPESETTER.render(TestDocs.asDraft(TestDocs.arabic(Samples.arabicSample()))).pdf());
        String text = PdfTools.pdftotext(pdf);
        assertThat(PdfTools.recall(sampleWords, PdfTools.words(text))).isGreaterThanOrEqualTo(0.99);
        assertThat(PdfTools.words(text)).doesNotContain("مسودة", "DRAFT");
    }
}
