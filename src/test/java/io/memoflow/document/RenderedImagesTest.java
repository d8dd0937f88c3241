package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Fixtures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2 (the visual half): renders the test memoranda to PNG with poppler's pdftoppm, into
 * target/typesetter-output/png, for people to look at (joined letters, harakat on their letters,
 * ligatures, digits and Latin in order inside Arabic lines, each paragraph in its direction).
 * The test checks that the pages are drawn (ink where the body is), not how they look.
 */
class RenderedImagesTest {

    private static BufferedImage png(Path pdf, String name, int page, int dpi) throws IOException {
        Path dir = PdfTools.outputDir().resolve("png");
        Files.createDirectories(dir);
        Path prefix = dir.resolve(name);
        PdfTools.run("pdftoppm", "-png", "-r", Integer.toString(dpi), "-f", Integer.toString(page), "-l", Integer.toString(page),
                "-singlefile", pdf.toString(), prefix.toString());
        Path file = dir.resolve(name + ".png");
        assertThat(file).exists();
        return ImageIO.read(file.toFile());
    }

    /** Share of dark pixels in a horizontal band of the image (0..1 from the top). */
    private static double ink(BufferedImage image, double from, double to) {
        int dark = 0;
        int total = 0;
        for (int y = (int) (image.getHeight() * from); y < (int) (image.getHeight() * to); y++) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                int lum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                dark += lum < 300 ? 1 : 0;
                total++;
            }
        }
        return (double) dark / total;
    }

    @Test
    void sampleMemorandaArePaintedToPngForReview() throws IOException {
        Typesetter t = new Typesetter();
        List<Object[]> pages = List.of(
                new Object[] {"arabic-long-mou", t.render(TestDocs.arabic(Fixtures.body(Fixtures.LONG_MOU))).pdf(), 1},
                new Object[] {"arabic-long-mou-page-3", t.render(TestDocs.arabic(Fixtures.body(Fixtures.LONG_MOU))).pdf(), 3},
                new Object[] {"arabic-table", t.render(TestDocs.arabic(Fixtures.body(Fixtures.TABLE))).pdf(), 1},
                new Object[] {"vowelled-preamble", t.render(TestDocs.arabic(Fixtures.body(Fixtures.VOWELLED))).pdf(), 1},
                new Object[] {"bilingual-draft", t.render(TestDocs.asDraft(TestDocs.arabic(TestDocs.BILINGUAL))).pdf(), 1},
                new Object[] {"vowelled", t.render(TestDocs.arabic(TestDocs.BASMALA + "\n\n" + ArabicTextExtractionTest.VOWELLED)).pdf(), 1},
                new Object[] {"english-signatures", t.render(TestDocs.english(TestDocs.BILINGUAL)).pdf(), 2});
        for (Object[] p : pages) {
            Path pdf = PdfTools.write(p[0] + ".pdf", (byte[]) p[1]);
            BufferedImage image = png(pdf, (String) p[0], (Integer) p[2], 100);
            assertThat(image.getWidth()).isBetween(820, 830); // A4 at 100 dpi
            assertThat(ink(image, 0.12, 0.5)).as("%s is drawn", p[0]).isGreaterThan(0.005);
        }
        // a close look at harakat
        BufferedImage close = png(PdfTools.outputDir().resolve("vowelled.pdf"), "vowelled-300dpi", 1, 300);
        assertThat(ink(close, 0.2, 0.4)).isGreaterThan(0.002);
    }
}
