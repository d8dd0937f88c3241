package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDCIDFontType2;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.util.Matrix;
import org.apache.pdfbox.util.Vector;
import org.junit.jupiter.api.Test;

/** Characters Amiri lacks are drawn with the fallback chain's fonts, each embedded as its own subset with its text. */
class FontFallbackTest {

    static final String TIFINAGH = "ⵜⴰⵎⴰⵣⵉⵖⵜ";
    static final String HEBREW = "שלום";
    static final String DEVANAGARI = "नमस्ते";
    static final String ETHIOPIC = "ሰላም";

    /** One drawn glyph: the font's name, the glyph id in the embedded font, the Unicode text PDFBox reads for it. */
    record Drawn(String font, int gid, String unicode) {
    }

    static List<Drawn> drawn(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Drawn> out = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void showGlyph(Matrix m, PDFont font, int code, Vector displacement) throws IOException {
                    super.showGlyph(m, font, code, displacement);
                    if (font instanceof PDType0Font type0 && type0.getDescendantFont() instanceof PDCIDFontType2 cid) {
                        out.add(new Drawn(font.getName(), cid.codeToGID(code), font.toUnicode(code)));
                    }
                }
            };
            stripper.writeText(doc, Writer.nullWriter());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] render(MemoDocument doc) {
        return new Typesetter().render(doc).pdf();
    }

    @Test
    void tifinaghHebrewDevanagariAndEthiopicWordsAreDrawnWithRealGlyphsOfTheNotoFonts() {
        String body = "The Amazigh name is " + TIFINAGH + " (Tifinagh), greeting " + HEBREW + ", " + DEVANAGARI + " and " + ETHIOPIC + ".\n\n"
                + "| Script | Word |\n|---|---|\n| Tifinagh | " + TIFINAGH + " |\n| Hebrew | " + HEBREW + " |\n";
        byte[] pdf = render(TestDocs.english(body));
        Path file = PdfTools.write("font-fallback.pdf", pdf);

        assertThat(PdfTools.run("pdffonts", file.toString())).contains("NotoSansTifinagh-Regular", "NotoSansHebrew-Regular",
                "NotoSansDevanagari-Regular", "NotoSansEthiopic-Regular");

        List<Drawn> glyphs = drawn(pdf);
        assertThat(glyphs).isNotEmpty();
        assertThat(glyphs).as("no glyph is .notdef (an empty box)").allSatisfy(g -> assertThat(g.gid()).isNotZero());
        for (Map.Entry<String, String> e : Map.of("NotoSansTifinagh", TIFINAGH, "NotoSansHebrew", HEBREW,
                "NotoSansDevanagari", DEVANAGARI, "NotoSansEthiopic", ETHIOPIC).entrySet()) {
            StringBuilder text = new StringBuilder();
            glyphs.stream().filter(g -> g.font().contains(e.getKey()) && g.unicode() != null).forEach(g -> text.append(g.unicode()));
            assertThat(text.toString()).as("the text of the %s glyphs", e.getKey()).isNotEmpty();
            assertThat(e.getValue().codePoints().allMatch(cp -> text.toString().indexOf(cp) >= 0))
                    .as("%s carries every character of %s: %s", e.getKey(), e.getValue(), text).isTrue();
        }

        List<String> poppler = PdfTools.words(PdfTools.pdftotext(file));
        List<String> pdfbox = PdfTools.words(PdfTools.pdfbox(pdf));
        assertThat(poppler).contains(TIFINAGH, HEBREW, DEVANAGARI, ETHIOPIC);
        assertThat(pdfbox).contains(TIFINAGH, HEBREW, DEVANAGARI, ETHIOPIC);
    }

    @Test
    void tifinaghInAnArabicParagraphKeepsTheArabicWordsAroundIt() {
        byte[] pdf = render(TestDocs.arabic("تعتمد المملكة اللغة الأمازيغية " + TIFINAGH + " لغة رسمية أيضا."));
        Path file = PdfTools.write("font-fallback-arabic.pdf", pdf);
        assertThat(drawn(pdf)).allSatisfy(g -> assertThat(g.gid()).isNotZero());
        assertThat(PdfTools.run("pdffonts", file.toString())).contains("NotoSansTifinagh-Regular");
        assertThat(PdfTools.containsSequence(PdfTools.words(PdfTools.pdfbox(pdf)), List.of("الأمازيغية", TIFINAGH, "لغة")))
                .as("PDFBox reads the Tifinagh word in its place and order").isTrue();
        // poppler 22.12 does not know Tifinagh as a left-to-right script, so pdftotext reads its letters
        // right to left inside an Arabic line; the Arabic words around it stay whole
        assertThat(PdfTools.words(PdfTools.pdftotext(file))).contains("الأمازيغية", "رسمية");
    }

    @Test
    void theFallbackChainIsTheStyleKeyAndAnEmptyChainLeavesBoxes() {
        MemoStyle none = MemoStyle.defaults().with(Map.of("font.fallback", ""), null);
        byte[] pdf = new Typesetter(none).render(TestDocs.english("Tifinagh " + TIFINAGH)).pdf();
        assertThat(drawn(pdf)).anySatisfy(g -> assertThat(g.gid()).isZero());
        assertThat(new Typesetter(none).unprintable("a " + TIFINAGH)).hasSize((int) TIFINAGH.codePoints().distinct().count());
    }

    @Test
    void charactersNoFontHasAreNamed() {
        Typesetter typesetter = new Typesetter();
        assertThat(typesetter.unprintable("Amulet \uD83E\uDDFF and Linear B \uD800\uDC00, " + TIFINAGH + " " + HEBREW + " نص"))
                .containsExactly("U+1F9FF NAZAR AMULET", "U+10000 LINEAR B SYLLABLE B008 A");
        assertThat(typesetter.unprintable("نص عربي and English, 1,000 MAD ‏‎ ")).isEmpty();
    }

    @Test
    void aFallbackThatIsNeitherPackagedNorATtfFileIsRefusedWithTheNamesToUse() {
        MemoStyle style = MemoStyle.defaults().with(Map.of("font.fallback", "noto-sans-klingon"), null);
        assertThatThrownBy(() -> new Typesetter(style))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("noto-sans-klingon").hasMessageContaining("noto-sans-tifinagh");
    }
}
