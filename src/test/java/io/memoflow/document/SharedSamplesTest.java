package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.draft.Draft;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * An optional extra check on real-world input kept outside the project: when the environment
 * variable {@code MEMOFLOW_SAMPLES} names a folder, every {@code *.txt} and {@code *.md} file in it
 * is read in place as a draft (plain text or Markdown), set by the typesetter, and its words must
 * come back from pdftotext (at least 99%, in order) and PDFBox (at least 97%, in order), the
 * thresholds of {@link ArabicTextExtractionTest}. Without the variable the test is skipped: the
 * suite never looks for files outside the project.
 */
class SharedSamplesTest {

    @Test
    @EnabledIfEnvironmentVariable(named = "MEMOFLOW_SAMPLES", matches = ".+")
    void everySharedSampleRendersWithItsWordsIntactWhenMemoflowSamplesIsSet() throws IOException {
        Path dir = Path.of(System.getenv("MEMOFLOW_SAMPLES"));
        assertThat(dir).as("MEMOFLOW_SAMPLES names a folder").isDirectory();
        List<Path> samples;
        try (Stream<Path> s = Files.list(dir)) {
            samples = s.filter(p -> Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().equalsIgnoreCase("README.md"))
                    .filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(txt|md)")).sorted().toList();
        }
        assertThat(samples).as("*.txt and *.md files in %s", dir).isNotEmpty();
        DraftParser parser = new DraftParser(DraftLimits.DEFAULT);
        Typesetter typesetter = new Typesetter();
        SoftAssertions soft = new SoftAssertions();
        for (Path sample : samples) {
            String name = sample.getFileName().toString();
            Draft draft = parser.parse(Files.readAllBytes(sample), name);
            boolean plain = name.toLowerCase().endsWith(".txt");
            String body = plain ? PlainText.toMarkdown(draft.body()) : draft.body();
            MemoDocument doc = TestDocs.doc(draft.language(), draft.title(), body, false);
            byte[] pdf = typesetter.render(doc).pdf();
            List<String> expected = PdfTools.words(draft.body());
            double poppler = PdfTools.recall(expected, PdfTools.words(PdfTools.pdftotext(PdfTools.write("shared-" + name + ".pdf", pdf))));
            double pdfbox = PdfTools.recall(expected, PdfTools.words(PdfTools.pdfbox(pdf)));
            double tokens = PdfTools.recall(PdfTools.tokens(draft.body()), PdfTools.tokens(PdfTools.pdftotext(PdfTools.outputDir()
                    .resolve("shared-" + name + ".pdf"))));
            System.out.printf("shared sample %s (%s, %s, %d words): pdftotext recall %.4f, PDFBox recall %.4f; "
                    + "whitespace-token recall, punctuation attached: %.4f%n", name, draft.charset(), draft.language(),
                    expected.size(), poppler, pdfbox, tokens);
            soft.assertThat(expected).as("%s has words", name).isNotEmpty();
            soft.assertThat(poppler).as("pdftotext word recall of %s", name).isGreaterThanOrEqualTo(0.99);
            soft.assertThat(pdfbox).as("PDFBox word recall of %s", name).isGreaterThanOrEqualTo(0.97);
        }
        soft.assertAll();
    }
}
