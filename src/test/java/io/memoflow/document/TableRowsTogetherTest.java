package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A table keeps at least two of its rows together at a page end: a three-row table never leaves
 * one row alone at the foot or the head of a page. Paragraphs of growing length push each table
 * a little further down its page, so some meet the page's end; each table's cells have their
 * own words, so poppler's word boxes tell on which page each row landed.
 */
class TableRowsTogetherTest {

    private static String document() {
        StringBuilder sb = new StringBuilder();
        for (int s = 1; s <= 30; s++) {
            String p = String.format("p%02d", s);
            int words = 12 * (1 + (s * 7) % 11);
            for (int w = 0; w < words; w++) {
                sb.append(p).append(' ');
            }
            sb.append("\n\n| Item | Value |\n|---|---|\n");
            for (char row : new char[] {'a', 'b', 'c'}) {
                String cell = String.format("t%02d%c", s, row);
                sb.append("| ").append(cell).append(" | ").append(cell).append(" |\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void aThreeRowTableNeverLeavesOneRowAloneOnAPage() {
        Path pdf = PdfTools.write("table-rows-together.pdf", new Typesetter().render(TestDocs.english(document())).pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        int pages = words.stream().mapToInt(BboxWords::page).max().orElse(0);
        assertThat(pages).as("the document runs over several pages").isGreaterThan(4);
        for (int s = 1; s <= 30; s++) {
            String prefix = String.format("t%02d", s);
            Set<Integer> onPages = new TreeSet<>();
            words.stream().filter(w -> w.text().startsWith(prefix)).forEach(w -> onPages.add(w.page()));
            assertThat(onPages).as("the pages of the rows of table %s", prefix).hasSize(1);
        }
    }
}
