package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Bidi;
import com.ibm.icu.text.BidiRun;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.font.TextAttribute;
import java.awt.geom.GeneralPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 2 (the measurable half): glyphs in the PDF are exactly the JDK shaper's. For a set
 * of one-line paragraphs, the expected glyphs come straight from java.awt.Font.layoutGlyphVector
 * (ligatures and kerning on), run by run in ICU's visual order; the PDF is read back with PDFBox
 * and each drawn glyph's outline (as embedded) and position (x from the line's first glyph, y
 * from the baseline) must match the shaper's glyph and position.
 */
class GlyphPositionTest {

    private static final List<String> LINES = List.of(
            TestDocs.BASMALA,
            "المدير العام للأمن الوطني، ولا إله إلا الله",
            "المرجع MOU-2026-0007 بتاريخ 27 يناير 2026",
            "Office efficiency: AVAWAY To, fi ffl.",
            "Danish National Police والمديرية العامة للأمن الوطني");

    private static Font shaper;
    private static Font boldShaper;
    private static TrueTypeFont original;
    private static TrueTypeFont originalBold;

    @BeforeAll
    static void loadFont() throws Exception {
        byte[] regular = resource("fonts/Amiri-Regular.ttf");
        byte[] bold = resource("fonts/Amiri-Bold.ttf");
        shaper = shaper(regular);
        boldShaper = shaper(bold);
        original = new TTFParser().parse(new RandomAccessReadBuffer(regular));
        originalBold = new TTFParser().parse(new RandomAccessReadBuffer(bold));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GlyphPositionTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static Font shaper(byte[] bytes) throws Exception {
        Map<TextAttribute, Object> attributes = new HashMap<>();
        attributes.put(TextAttribute.SIZE, 1000f);
        attributes.put(TextAttribute.LIGATURES, TextAttribute.LIGATURES_ON);
        attributes.put(TextAttribute.KERNING, TextAttribute.KERNING_ON);
        return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(bytes)).deriveFont(attributes);
    }

    private record Expected(int gid, float x, float y) {
    }

    /** The shaper's glyphs for a one-line paragraph, in visual order, positions in 1/1000 em. */
    private static List<Expected> shape(String text, boolean documentRtl) {
        return shapeLine(shaper, text, 0, text.length(), documentRtl);
    }

    /**
     * The shaper's glyphs for the line [start, end) of a paragraph: each visual run of the line
     * (ICU) shaped in its direction with the whole paragraph as context.
     */
    private static List<Expected> shapeLine(Font font, String text, int start, int end, boolean documentRtl) {
        boolean rtl = Para.rightToLeft(text, documentRtl);
        Bidi paragraph = new Bidi(text, rtl ? Bidi.RTL : Bidi.LTR);
        Bidi bidi = paragraph.setLine(start, end);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        char[] chars = text.toCharArray();
        List<Expected> out = new ArrayList<>();
        float x = 0;
        for (int r = 0; r < bidi.countRuns(); r++) {
            BidiRun run = bidi.getVisualRun(r);
            GlyphVector gv = font.layoutGlyphVector(frc, chars, start + run.getStart(), start + run.getLimit(),
                    run.isOddRun() ? Font.LAYOUT_RIGHT_TO_LEFT : Font.LAYOUT_LEFT_TO_RIGHT);
            float[] pos = gv.getGlyphPositions(0, gv.getNumGlyphs() + 1, null);
            for (int i = 0; i < gv.getNumGlyphs(); i++) {
                out.add(new Expected(gv.getGlyphCode(i), x + pos[2 * i], -pos[2 * i + 1]));
            }
            x += pos[2 * gv.getNumGlyphs()];
        }
        return out;
    }

    @Test
    void stampGlyphsAreTheShapersGlyphsAtTheShapersPositions() {
        byte[] pdf = new Typesetter().renderStamp(LINES, "ar", 520, 200);
        PdfTools.write("glyph-positions-stamp.pdf", pdf);
        assertLinesMatch(GlyphCapture.read(pdf));
    }

    @Test
    void memorandumBodyGlyphsAreTheShapersGlyphsAtTheShapersPositions() {
        byte[] pdf = new Typesetter().render(TestDocs.arabic(String.join("\n\n", LINES))).pdf();
        PdfTools.write("glyph-positions-memo.pdf", pdf);
        assertLinesMatch(GlyphCapture.read(pdf));
    }

    /** A long heading (not justified) breaks into several lines; each line's glyphs are still the shaper's. */
    @Test
    void wrappedLinesHaveTheShapersGlyphsForEachLinesVisualRuns() {
        String heading = "المادة 7: يلتزم الطرفان بتبادل المعلومات المتعلقة بالشبكات الإجرامية العابرة للحدود الوطنية "
                + "وفق المرجع MOU-2026-0007 وفي أجل أقصاه 30 يوماً من تاريخ الطلب، مع احترام القوانين الوطنية للطرفين "
                + "والالتزامات الدولية المشتركة، ودون الإخلال بحقوق الأشخاص المعنيين";
        Typesetter typesetter = new Typesetter();
        byte[] pdf = typesetter.render(TestDocs.arabic("## " + heading)).pdf();
        PdfTools.write("glyph-positions-wrapped.pdf", pdf);
        float size = Float.parseFloat(MemoStyle.defaults().values().get("size.heading2"));
        float width = 595.276f - 2 * MemoStyle.parseLength(MemoStyle.defaults().values().get("page.margin.inner"), "");
        List<String> lines = typesetter.measurer().wrap(heading, size, true, width, "ar");
        assertThat(lines).as("the heading wraps").hasSizeGreaterThanOrEqualTo(3);
        List<List<Expected>> expected = new ArrayList<>();
        int from = 0;
        for (String line : lines) {
            int start = heading.indexOf(line, from);
            assertThat(start).isGreaterThanOrEqualTo(0);
            expected.add(shapeLine(boldShaper, heading, start, start + line.length(), true));
            from = start + line.length();
        }
        assertLinesMatch(GlyphCapture.read(pdf), expected, lines, originalBold);
    }

    private static void assertLinesMatch(List<GlyphCapture.Glyph> glyphs) {
        List<List<Expected>> expected = new ArrayList<>();
        for (String text : LINES) {
            expected.add(shape(text, true));
        }
        assertLinesMatch(glyphs, expected, LINES, original);
    }

    private static void assertLinesMatch(List<GlyphCapture.Glyph> glyphs, List<List<Expected>> expectedLines, List<String> texts,
                                         TrueTypeFont font) {
        // group the drawn glyphs into lines: same page, same baseline, in drawing order
        Map<String, List<GlyphCapture.Glyph>> lines = new java.util.LinkedHashMap<>();
        for (GlyphCapture.Glyph g : glyphs) {
            lines.computeIfAbsent(g.page() + "@" + Math.round(g.baseline() * 10), k -> new ArrayList<>()).add(g);
        }
        int compared = 0;
        for (int l = 0; l < expectedLines.size(); l++) {
            List<Expected> expected = expectedLines.get(l);
            String text = texts.get(l);
            List<GlyphCapture.Glyph> match = null;
            for (List<GlyphCapture.Glyph> line : lines.values()) {
                // glyphs that stand for no text of their own are drawn as outlines, not text (PDF/UA):
                // the text glyphs are the shaper's glyphs in order, some of them left out
                List<Expected> shown = shownSubsequence(line, expected, font);
                if (shown != null) {
                    match = line;
                    expected = shown;
                    break;
                }
            }
            assertThat(match).as("a line drawn with exactly the shaper's %d glyphs for '%s'", expected.size(), text).isNotNull();
            float size = match.get(0).fontSize();
            float x0 = match.get(0).x() - expected.get(0).x() * size / 1000f;
            for (int i = 0; i < expected.size(); i++) {
                GlyphCapture.Glyph g = match.get(i);
                Expected e = expected.get(i);
                assertThat(g.x() - x0).as("x of glyph %d of '%s'", i, text).isCloseTo(e.x() * size / 1000f, within(0.02f));
                assertThat(g.y() - g.baseline()).as("rise of glyph %d of '%s'", i, text).isCloseTo(e.y() * size / 1000f, within(0.02f));
                compared++;
            }
        }
        System.out.println("glyphs compared with the JDK shaper: " + compared + " in " + expectedLines.size() + " lines");
    }

    /** The expected glyphs the line shows as text, in order (each drawn glyph matched in turn), or null. */
    private static List<Expected> shownSubsequence(List<GlyphCapture.Glyph> line, List<Expected> expected, TrueTypeFont font) {
        if (line.size() > expected.size() || line.size() < expected.size() * 3 / 4) {
            return null;
        }
        try {
            List<Expected> shown = new ArrayList<>();
            int e = 0;
            for (GlyphCapture.Glyph g : line) {
                while (e < expected.size()
                        && !GlyphCapture.sameOutline(g.outline(), font.getGlyph().getGlyph(expected.get(e).gid()).getPath())) {
                    e++;
                }
                if (e == expected.size()) {
                    return null;
                }
                shown.add(expected.get(e++));
            }
            return shown;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static org.assertj.core.data.Offset<Float> within(float v) {
        return org.assertj.core.data.Offset.offset(v);
    }
}
