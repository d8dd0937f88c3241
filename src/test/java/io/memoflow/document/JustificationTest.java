package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Justification: Arabic lines are filled with kashidas (tatweel glyphs at the joins) before
 * their spaces widen, and the text layer keeps the text as typed; no line's word gap is wider
 * than 2.5 normal spaces (a line that would need more is set ragged).
 */
class JustificationTest {

    static final String ARABIC = "تهدف هذه المذكرة إلى تعزيز التعاون بين الطرفين في مجال مكافحة الجريمة المنظمة العابرة للحدود "
            + "والإرهاب والاتجار غير المشروع بالمخدرات، وفقا للقوانين الوطنية لكل طرف وللاتفاقيات الدولية المعمول بها، "
            + "وذلك من خلال تبادل المعلومات والخبرات وتنظيم دورات تكوينية مشتركة لفائدة الأطر المكلفة بإنفاذ القانون، "
            + "وتنسيق الجهود في مجال البحث والتحري وتسليم المطلوبين وفق الإجراءات المعمول بها لدى الطرفين، "
            + "مع احترام السيادة الوطنية ومبدأ المعاملة بالمثل والحفاظ على سرية المعطيات المتبادلة بين المصالح المختصة.";

    static final String NEXT_TO_AN_ADDRESS = "The full text of the joint statement, with its annexes, is published on the website "
            + "https://www.police-atlas.example/news/2026/01/27/joint-statement-on-cross-border-cooperation-annexes-and-contacts "
            + "and can be requested from the press office of the directorate at any time during office hours.";

    private static float space;

    @BeforeAll
    static void load() {
        Fonts fonts = Fonts.load(MemoStyle.defaults());
        space = ShapedRun.shape(fonts.face(0), new char[] {' '}, 0, 1, false).advance / 1000f;
    }

    /** The lines of the PDF (page and baseline), glyphs left to right. */
    static List<List<GlyphCapture.Glyph>> lines(byte[] pdf) {
        Map<String, List<GlyphCapture.Glyph>> lines = new LinkedHashMap<>();
        for (GlyphCapture.Glyph g : GlyphCapture.read(pdf)) {
            lines.computeIfAbsent(g.page() + "@" + Math.round(g.baseline() * 2), k -> new ArrayList<>()).add(g);
        }
        List<List<GlyphCapture.Glyph>> out = new ArrayList<>();
        for (List<GlyphCapture.Glyph> line : lines.values()) {
            List<GlyphCapture.Glyph> sorted = new ArrayList<>(line);
            sorted.sort(Comparator.comparingDouble(GlyphCapture.Glyph::x));
            out.add(sorted);
        }
        return out;
    }

    /** The widest word gap of a line, in normal spaces: from a space glyph to the next glyph with text. */
    static double widestGap(List<GlyphCapture.Glyph> line) {
        double widest = 0;
        for (int i = 0; i < line.size(); i++) {
            GlyphCapture.Glyph g = line.get(i);
            if (" ".equals(g.text())) {
                for (int k = i + 1; k < line.size(); k++) {
                    GlyphCapture.Glyph next = line.get(k);
                    if (next.text() != null) {
                        if (!next.text().isBlank()) { // from the last of several spaces
                            widest = Math.max(widest, (next.x() - g.x()) / (space * g.fontSize()));
                        }
                        break;
                    }
                }
            }
        }
        return widest;
    }

    /**
     * The kashidas drawn on a line: glyphs that stand for no text are drawn as filled outlines (PDF/A),
     * so a kashida is a flat filled shape lying on the line's baseline (the text has no vowel marks,
     * so Amiri inserts no kashida of its own; it draws the tatweels memoflow inserts with the tatweel
     * glyph or its longer alternates).
     */
    private static int tatweels(List<OutlineCapture.Fill> fills, List<GlyphCapture.Glyph> line) {
        GlyphCapture.Glyph first = line.get(0);
        float size = first.fontSize();
        int n = 0;
        for (OutlineCapture.Fill f : fills) {
            double above = f.bounds().getMinY() - first.baseline();
            if (f.page() == first.page() && above > -0.05 * size && above < 0.3 * size && f.bounds().getHeight() < 0.12 * size
                    && f.bounds().getWidth() > 0.05 * size && f.bounds().getMinX() >= line.get(0).x() - size
                    && f.bounds().getMaxX() <= line.get(line.size() - 1).x() + size) {
                n++;
            }
        }
        return n;
    }

    @Test
    void justifiedArabicLinesUseKashidasBeforeWideningSpacesAndKeepTheirText() {
        byte[] pdf = new Typesetter().render(TestDocs.arabic(ARABIC)).pdf();
        Path file = PdfTools.write("kashida.pdf", pdf);
        int tatweels = 0;
        int bodyLines = 0;
        List<OutlineCapture.Fill> fills = OutlineCapture.read(pdf);
        for (List<GlyphCapture.Glyph> line : lines(pdf)) {
            int here = tatweels(fills, line);
            if (here > 0) {
                bodyLines++;
                tatweels += here;
                assertThat(widestGap(line)).as("word gaps of a line with kashidas, in spaces").isLessThanOrEqualTo(1.05);
            }
        }
        System.out.printf("kashida: %d tatweel glyphs on %d justified lines%n", tatweels, bodyLines);
        assertThat(bodyLines).as("justified lines with kashidas (%s)", file).isGreaterThanOrEqualTo(4);
        assertThat(tatweels).as("tatweel glyphs").isGreaterThanOrEqualTo(10);

        List<String> expected = PdfTools.words(ARABIC);
        String poppler = PdfTools.pdftotext(file);
        String pdfbox = PdfTools.pdfbox(pdf);
        // the only tatweel in the text is the one typed in the Hijri date's "هـ" of the title block
        assertThat(PdfTools.words(poppler)).filteredOn(w -> w.indexOf(ShapedRun.TATWEEL) >= 0).containsOnly("هـ");
        assertThat(PdfTools.words(pdfbox)).filteredOn(w -> w.indexOf(ShapedRun.TATWEEL) >= 0).containsOnly("هـ");
        assertThat(PdfTools.containsSequence(PdfTools.words(poppler), expected)).as("pdftotext: %s", poppler).isTrue();
        assertThat(PdfTools.missing(expected, PdfTools.words(pdfbox))).as("PDFBox: %s", pdfbox).isEmpty();
    }

    @Test
    void aLineBeforeALongAddressIsSetRaggedRatherThanStretchedOverTwoAndAHalfSpaces() {
        byte[] pdf = new Typesetter().render(TestDocs.english(NEXT_TO_AN_ADDRESS + "\n\n" + NEXT_TO_AN_ADDRESS.replace("website", "site"))).pdf();
        PdfTools.write("justified-next-to-address.pdf", pdf);
        double widest = 0;
        for (List<GlyphCapture.Glyph> line : lines(pdf)) {
            widest = Math.max(widest, widestGap(line));
        }
        assertThat(widest).as("widest word gap in normal spaces").isLessThanOrEqualTo(ParagraphSetter.MAX_GAP + 0.01);
    }
}
