package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 4: a table of four columns runs right to left in an Arabic memorandum (left to right
 * in an English one) and, when it does not fit, continues on the next page with its header row
 * repeated and no row lost or repeated. Word positions come from poppler (pdftotext -bbox).
 */
class TableLayoutTest {

    private record Word(int page, double x, double y, String text) {
    }

    private static List<Word> words(Path pdf) {
        String html = PdfTools.run("pdftotext", "-bbox", "-enc", "UTF-8", pdf.toString(), "-");
        List<Word> words = new ArrayList<>();
        int page = 0;
        Matcher m = Pattern.compile("<page |<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"[\\d.]+\">([^<]*)</word>")
                .matcher(html);
        while (m.find()) {
            if (m.group().startsWith("<page")) {
                page++;
            } else {
                words.add(new Word(page, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), m.group(3)));
            }
        }
        return words;
    }

    private static String table(int rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("قبل الجدول فقرة قصيرة.\n\n");
        sb.append("| البند | الجهة المسؤولة | الأجل | الحالة |\n|---|---|---|---|\n");
        for (int i = 1; i <= rows; i++) {
            sb.append("| R").append(String.format("%03d", i)).append(" تبادل المعلومات والخبرات التقنية | ")
                    .append(i % 2 == 0 ? "المديرية العامة للأمن الوطني" : "Danish National Police")
                    .append(" | ").append(i % 12 + 1).append("/2026 | ").append(i % 3 == 0 ? "منجز" : "قيد التنفيذ").append(" |\n");
        }
        sb.append("\nبعد الجدول فقرة قصيرة.\n");
        return sb.toString();
    }

    /** pdftotext -bbox gives each word's characters in visual order: right-to-left words come reversed. */
    private static Word first(List<Word> words, String text, int page) {
        String visual = new StringBuilder(text).reverse().toString();
        return words.stream().filter(w -> w.page() == page && (w.text().equals(text) || w.text().equals(visual))).findFirst()
                .orElseThrow(() -> new AssertionError("'" + text + "' not found on page " + page));
    }

    @Test
    void arabicTableRunsRightToLeftAndRepeatsItsHeaderOnEveryPage() {
        Path pdf = PdfTools.write("table-arabic.pdf", new Typesetter().render(TestDocs.arabic(table(70))).pdf());
        List<Word> words = words(pdf);
        List<Integer> pagesWithRows = words.stream().filter(w -> w.text().matches("R\\d{3}")).map(Word::page).distinct().toList();
        assertThat(pagesWithRows).as("the table runs over several pages").hasSizeGreaterThanOrEqualTo(2);
        for (int page : pagesWithRows) {
            Word c1 = first(words, "البند", page);
            Word c2 = first(words, "المسؤولة", page);
            Word c3 = first(words, "الأجل", page);
            Word c4 = first(words, "الحالة", page);
            assertThat(c1.x()).as("column 1 right of column 2 on page %d", page).isGreaterThan(c2.x());
            assertThat(c2.x()).isGreaterThan(c3.x());
            assertThat(c3.x()).isGreaterThan(c4.x());
            double headerY = c1.y();
            assertThat(words.stream().filter(w -> w.page() == page && w.text().matches("R\\d{3}")))
                    .as("rows on page %d are below its header row", page).allMatch(w -> w.y() > headerY);
        }
        // reading order of the rows: page by page, top to bottom
        List<String> rows = words.stream().filter(w -> w.text().matches("R\\d{3}"))
                .sorted(java.util.Comparator.comparingInt(Word::page).thenComparingDouble(Word::y)).map(Word::text).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 70; i++) {
            expected.add(String.format("R%03d", i));
        }
        assertThat(rows).as("every row once, in order, across the page break").isEqualTo(expected);
    }

    @Test
    void englishTableRunsLeftToRight() {
        Path pdf = PdfTools.write("table-english.pdf", new Typesetter().render(TestDocs.english(table(5))).pdf());
        List<Word> words = words(pdf);
        Word c1 = first(words, "البند", 1);
        Word c2 = first(words, "المسؤولة", 1);
        Word c4 = first(words, "الحالة", 1);
        assertThat(c1.x()).isLessThan(c2.x());
        assertThat(c2.x()).isLessThan(c4.x());
    }
}
