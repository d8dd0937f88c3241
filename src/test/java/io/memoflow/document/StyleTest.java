package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.testing.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The look is configurable without code: a properties or YAML style file over the packaged defaults. */
class StyleTest {

    @TempDir
    Path dir;

    private Path letterhead() throws IOException {
        BufferedImage image = new BufferedImage(600, 80, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(31, 58, 95));
        g.fillRect(0, 0, 600, 12);
        g.fillOval(280, 20, 40, 40);
        g.dispose();
        Path file = dir.resolve("letterhead.png");
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void propertiesFileSetsPageSizeLetterheadHeaderFooterAndLabels() throws IOException {
        letterhead();
        Path style = dir.resolve("style.properties");
        Files.writeString(style, """
                page.size = Letter
                page.margin.top = 1in
                size.body = 12
                letterhead.image = letterhead.png
                letterhead.pages = all
                header.text = {title}
                footer.text = Ref. {reference}
                label.page.ar = الصفحة {page} من أصل {pages}
                """, StandardCharsets.UTF_8);
        Typesetter t = Typesetter.withStyleFile(style);
        byte[] pdf = t.render(TestDocs.arabic(Fixtures.body(Fixtures.LONG_MOU))).pdf();
        Path file = PdfTools.write("style-properties.pdf", pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            for (PDPage page : doc.getPages()) {
                assertThat(page.getMediaBox().getWidth()).isEqualTo(612f);
                assertThat(page.getMediaBox().getHeight()).isEqualTo(792f);
                assertThat(page.getResources().getXObjectNames()).as("letterhead on every page").hasSize(1);
                assertThat(page.getResources().getXObject(page.getResources().getXObjectNames().iterator().next())
                        .getCOSObject().getCOSName(COSName.SUBTYPE)).isEqualTo(COSName.IMAGE);
            }
        }
        String text = PdfTools.pdftotext(file);
        assertThat(PdfTools.words(text)).contains("Ref", "الصفحة", "أصل");
        assertThat(PdfTools.containsSequence(PdfTools.words(text), PdfTools.words("مذكرة تفاهم بشأن التعاون الأمني"))).isTrue();
        assertThat(PdfTools.words(text)).doesNotContain("Memorandum"); // the default header is replaced
    }

    @Test
    void yamlFileWithNestedKeysWorksLikeProperties() throws IOException {
        Path style = dir.resolve("style.yaml");
        Files.writeString(style, """
                page:
                  size: 148mmx210mm
                  margin:
                    inner: 15mm
                    outer: 15mm
                header:
                  text: ""
                footer:
                  page: "{page}/{pages}"
                """, StandardCharsets.UTF_8);
        byte[] pdf = new Typesetter(MemoStyle.load(style)).render(TestDocs.english(TestDocs.BILINGUAL)).pdf();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage page = doc.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isCloseTo(419.53f, org.assertj.core.data.Offset.offset(0.01f));
            assertThat(page.getMediaBox().getHeight()).isCloseTo(595.28f, org.assertj.core.data.Offset.offset(0.01f));
            String text = PdfTools.pdfbox(pdf);
            assertThat(text).contains("1/" + doc.getNumberOfPages()).doesNotContain("Memorandum of Understanding —");
        }
    }

    @Test
    void aFontFileFromTheStyleIsEmbedded() throws IOException {
        Path font = dir.resolve("body.ttf");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("fonts/Amiri-Bold.ttf")) {
            Files.copy(in, font);
        }
        Path style = dir.resolve("style.properties");
        Files.writeString(style, "font.regular = body.ttf\n");
        Path pdf = PdfTools.write("style-font.pdf", Typesetter.withStyleFile(style).render(TestDocs.english("Plain text.")).pdf());
        assertThat(PdfTools.run("pdffonts", pdf.toString())).contains("+Amiri-Bold").doesNotContain("Amiri-Regular");
    }

    @Test
    void mistakesInTheStyleAreReportedWithTheKeyAndWhatToWrite() throws IOException {
        Path unknown = dir.resolve("a.properties");
        Files.writeString(unknown, "page.colour = red\n");
        assertThatThrownBy(() -> MemoStyle.load(unknown)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("page.colour").hasMessageContaining("Known keys");
        Path badLength = dir.resolve("b.properties");
        Files.writeString(badLength, "page.margin.top = wide\n");
        assertThatThrownBy(() -> MemoStyle.load(badLength)).hasMessageContaining("page.margin.top").hasMessageContaining("20mm");
        Path missingFont = dir.resolve("c.properties");
        Files.writeString(missingFont, "font.bold = nowhere.ttf\n");
        assertThatThrownBy(() -> Typesetter.withStyleFile(missingFont)).hasMessageContaining("nowhere.ttf")
                .hasMessageContaining("font.bold");
        Path notAFont = dir.resolve("d.properties");
        Files.writeString(dir.resolve("fake.ttf"), "not a font");
        Files.writeString(notAFont, "font.regular = fake.ttf\n");
        assertThatThrownBy(() -> Typesetter.withStyleFile(notAFont)).hasMessageContaining("fake.ttf");
    }

    @Test
    void aHomeFolderWithTemplatesStyleYamlUsesIt() throws IOException {
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/style.yaml"), "page:\n  size: Legal\n");
        assertThat(Typesetter.forHome(dir).style().values()).containsEntry("page.size", "Legal");
        assertThat(Typesetter.forHome(dir.resolve("elsewhere")).style().values()).isEqualTo(MemoStyle.defaults().values());
    }

    @Test
    void withoutAStyleFileThePackagedStyleIsUsed() {
        Typesetter t = Typesetter.withStyleFile(dir.resolve("templates/style.properties"));
        assertThat(t.style().values()).isEqualTo(MemoStyle.defaults().values());
        assertThat(MemoStyle.keys()).contains("page.size", "font.regular", "letterhead.image", "header.text", "footer.page");
        assertThat(List.copyOf(MemoStyle.keys())).isSorted();
    }
}
