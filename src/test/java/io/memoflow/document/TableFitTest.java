package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ibm.icu.util.ULocale;
import io.memoflow.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tables that fit: no column is narrower than its longest word or number, so no word and no
 * number is ever cut; when the columns' minimum widths exceed the page, the table's font gets
 * smaller, then the table goes on landscape pages, then the draft is refused.
 */
class TableFitTest {

    static final String TWELVE_COLUMNS = "ar-table-12-columns.md";

    /** The words of a Markdown table's cells (header and body), as whitespace-separated tokens. */
    static Set<String> cellTokens(String markdown) {
        Set<String> out = new HashSet<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("|") && !line.startsWith("|---")) {
                for (String cell : line.split("\\|")) {
                    for (String t : cell.trim().split("\\s+")) {
                        if (!t.isEmpty()) {
                            out.add(t);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static MemoDocument twelveColumns() {
        return TestDocs.doc("ar-MA", "جدول المخاطبين", Fixtures.body(TWELVE_COLUMNS), false);
    }

    @Test
    void aTwelveColumnArabicTableSplitsNoWordAndNoNumber() {
        String body = Fixtures.body(TWELVE_COLUMNS);
        Path pdf = PdfTools.write("table-12-columns.pdf", new Typesetter().render(twelveColumns()).pdf());
        Set<String> tokens = cellTokens(body);
        List<String> fragments = new ArrayList<>();
        List<BboxWords> words = BboxWords.read(pdf);
        // the table's words (from its first header cell to its last row): each a whole cell token, never a piece of one
        BboxWords first = words.stream().filter(w -> w.logical().equals("الرقم")).findFirst().orElseThrow();
        BboxWords last = words.stream().filter(w -> w.logical().equals("MA64-0120")).findFirst().orElseThrow();
        List<BboxWords> table = words.stream().filter(w -> w.page() == first.page() && w.y() >= first.y() - 1
                && w.yMax() <= last.yMax() + 1).toList();
        assertThat(table).hasSizeGreaterThan(70);
        for (BboxWords w : table) {
            String word = w.logical();
            if (!tokens.contains(word)) {
                fragments.add(word);
            }
        }
        assertThat(fragments).as("pieces of cut words or numbers in the table").isEmpty();
        for (String t : List.of("الرباط", "النسبة", "1,000,000", "3,750,000", "s.cherkaoui@diplomatie.example.ma",
                "k.benkirane@interieur.example.ma", "الإلكتروني", "البيضاء")) {
            assertThat(words.stream().map(BboxWords::logical)).as("the whole word %s", t).contains(t);
        }
    }

    private static final Theme THEME = new Theme(MemoStyle.defaults());
    /** The frame of an A4 page with the default margins, portrait and landscape. */
    private static final float PORTRAIT = 595.276f - 2 * 22 * 72 / 25.4f;
    private static final float LANDSCAPE = 841.89f - 2 * 22 * 72 / 25.4f;

    private static TableSetter.Laid lay(String markdown) {
        Block.Table table = (Block.Table) MarkdownReader.read(markdown, THEME, true).stream()
                .filter(b -> b instanceof Block.Table).findFirst().orElseThrow();
        return new TableSetter(THEME, ULocale.forLanguageTag("ar-MA")).lay(table, PORTRAIT, LANDSCAPE);
    }

    private static String table(int columns, String cell) {
        StringBuilder sb = new StringBuilder("|");
        for (int c = 0; c < columns; c++) {
            sb.append(" العمود ").append(c + 1).append(" |");
        }
        sb.append("\n|").append("---|".repeat(columns)).append("\n|");
        for (int c = 0; c < columns; c++) {
            sb.append(' ').append(cell.replace("N", Integer.toString(c + 1))).append(" |");
        }
        return sb.append('\n').toString();
    }

    @Test
    void aTableWhoseWordsDoNotFitAtTheBodySizeIsSetInSmallerTypeOnThePortraitPage() {
        TableSetter.Laid laid = lay(table(4, "officerN@interieur.example.ma"));
        float size = laid.block().rows().get(1).get(0).size;
        assertThat(laid.landscape()).isFalse();
        assertThat(size).isLessThan(THEME.bodySize * 0.92f).isGreaterThanOrEqualTo(THEME.tableMinimumSize);
        float sum = 0;
        for (float w : laid.widths()) {
            sum += w;
        }
        assertThat(sum).isLessThanOrEqualTo(PORTRAIT + 0.1f);
        assertThat(laid.cells().get(1)).allSatisfy(lines -> assertThat(lines).hasSize(1));
    }

    @Test
    void aTableTooWideForAPortraitPageEvenInTheSmallestTypeGoesOnLandscapePages() throws Exception {
        TableSetter.Laid laid = lay(Fixtures.body(TWELVE_COLUMNS));
        assertThat(laid.landscape()).isTrue();
        Path pdf = PdfTools.write("table-12-columns-pages.pdf", new Typesetter().render(twelveColumns()).pdf());
        String info = PdfTools.run("pdfinfo", "-f", "1", "-l", "3", pdf.toString());
        assertThat(info).contains("Page    1 size:  595.276 x 841.89").contains("Page    2 size:  841.89 x 595.276")
                .contains("Page    3 size:  595.276 x 841.89");
        // the signature page follows the table's page: no empty page between
        assertThat(PdfTools.pdftotext(pdf)).contains("التوقيعات");
        String third = PdfTools.run("pdftotext", "-f", "3", "-l", "3", "-enc", "UTF-8", pdf.toString(), "-");
        assertThat(third).contains("التوقيعات");
    }

    @Test
    void aTableTooWideEvenForLandscapePagesIsRefusedInPlainWords() {
        assertThatThrownBy(() -> lay(table(14, "liaison.officerN@ministere-de-l-interieur.example.ma")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A table with 14 columns is too wide for the page")
                .hasMessageContaining("landscape pages")
                .hasMessageContaining("Words are never cut");
    }
}
