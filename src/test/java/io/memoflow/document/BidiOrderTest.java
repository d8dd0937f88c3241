package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.Bidi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Numbers, brackets and Latin words inside Arabic legal formulas are drawn in the order the
 * Unicode bidi algorithm gives the text as typed: each formula is set in an Arabic memorandum,
 * its line is read back from the glyphs in the PDF (left to right by position) and compared
 * with ICU's visual order of the same text. Where memoflow deliberately isolates a span (an
 * amount with spaced thousands, a phone number, an e-mail address), the formula below marks
 * it with LRI ... PDI, and ICU's order is that of the marked text.
 */
class BidiOrderTest {

    private static final char LRI = '\u2066';
    private static final char PDI = '\u2069';

    /** The 15 patterns of issue 16, in Arabic sentences; ⁦...⁩ marks what memoflow isolates. */
    static final List<String> FORMULAS = List.of(
            "الصادر في 15 من صفر 1421 (19 ماي 2000)",
            "وفقا لأحكام المواد 5، 6، 7 من هذه المذكرة",
            "تطبق الفصول 12 - 15 على الطرفين",
            "برسم السنة المالية 2026 / 2027 والسنوات الموالية",
            "بشراكة مع Deutsche Gesellschaft (GIZ) في إطار المشروع رقم 12",
            "بتنسيق مع Deutsche Gesellschaft (GIZ) عبر العنوان ⁦contact@giz.example.de⁩",
            "الظهير الشريف رقم 1.00.175 الصادر في 15 من صفر 1421",
            "المادتان 3 و4 من الاتفاقية (الملحق 2)",
            "خلال الفترة من 2020 إلى 2025 (خمس سنوات)",
            "بمبلغ ⁦1 250 000⁩ درهم سنويا",
            "بتاريخ 27/01/2026 و28/01/2026",
            "ابتداء من الساعة 10:30 - 12:00",
            "الهاتف ⁦+212 537 27 83 00⁩ (مكتب الاتصال)",
            "الفقرات (أ) و(ب) من المادة 4",
            "المرجع MOU-2026-0001 (النسخة 2)");

    static String typed(String formula) {
        return formula.replace(String.valueOf(LRI), "").replace(String.valueOf(PDI), "");
    }

    /** ICU's visual order of a formula (its marked spans as isolates), controls and spaces removed. */
    static String icuVisual(String formula) {
        Bidi bidi = new Bidi(formula, Bidi.LEVEL_DEFAULT_RTL);
        return bidi.writeReordered(Bidi.REMOVE_BIDI_CONTROLS).replaceAll("\\s", "");
    }

    /** Each line of the PDF: its glyphs' texts left to right, spaces removed. */
    static List<String> visualLines(byte[] pdf) {
        Map<String, List<GlyphCapture.Glyph>> lines = new LinkedHashMap<>();
        for (GlyphCapture.Glyph g : GlyphCapture.read(pdf)) {
            lines.computeIfAbsent(g.page() + "@" + Math.round(g.baseline() * 2), k -> new ArrayList<>()).add(g);
        }
        List<String> out = new ArrayList<>();
        for (List<GlyphCapture.Glyph> line : lines.values()) {
            StringBuilder sb = new StringBuilder();
            line.stream().sorted(Comparator.comparingDouble(GlyphCapture.Glyph::x)).forEach(g -> {
                if (g.text() != null) {
                    sb.append(g.text());
                }
            });
            out.add(sb.toString().replaceAll("\\s", ""));
        }
        return out;
    }

    @Test
    void numbersBracketsAndLatinWordsInArabicFormulasAreDrawnInIcusVisualOrder() {
        StringBuilder body = new StringBuilder();
        for (String f : FORMULAS) {
            body.append(typed(f)).append("\n\n");
        }
        byte[] pdf = new Typesetter().render(TestDocs.arabic(body.toString())).pdf();
        Path file = PdfTools.write("bidi-formulas.pdf", pdf);
        List<String> lines = visualLines(pdf);
        List<String> wrong = new ArrayList<>();
        for (String f : FORMULAS) {
            String expected = icuVisual(f);
            if (!lines.contains(expected)) {
                wrong.add(typed(f) + "\n   ICU:  " + expected);
            }
        }
        assertThat(wrong).as("formulas not drawn in ICU's visual order (%s); lines drawn:%n%s", file, String.join("\n", lines))
                .isEmpty();
    }

    @Test
    void theCitationFormulaReadsRightToLeftWithTheGregorianDateInItsBrackets() {
        String formula = FORMULAS.get(0);
        // as an Arabic reader sees it, right to left: الصادر في 15 من صفر 1421 (19 ماي 2000)
        assertThat(icuVisual(formula)).isEqualTo(")2000يام19(1421رفصنم15يفرداصلا");
        byte[] pdf = new Typesetter().render(TestDocs.arabic(formula)).pdf();
        assertThat(visualLines(pdf)).contains(")2000يام19(1421رفصنم15يفرداصلا");
    }
}
