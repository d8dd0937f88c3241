package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Page breaks: a heading is never the last thing on a page, a paragraph never leaves a single
 * line alone at the foot (orphan) or head (widow) of a page. Each section and paragraph of the
 * test document uses its own words, so poppler's word boxes tell where each one landed.
 */
class PageBreakRulesTest {

    /** Sections "Hnn" with paragraphs of 2 to 9 lines made of the word "pnn". */
    private static String document() {
        StringBuilder sb = new StringBuilder();
        for (int s = 1; s <= 36; s++) {
            String h = String.format("H%02d", s);
            String p = String.format("p%02d", s);
            sb.append("## Section ").append(h).append("\n\n");
            int words = 20 * (2 + (s * 5) % 8); // about 2 to 9 lines
            for (int w = 0; w < words; w++) {
                sb.append(p).append(w % 9 == 8 ? "s " : " ");
            }
            sb.append("\n\n");
        }
        return sb.toString();
    }

    @Test
    void headingsStayWithTheirTextAndNoParagraphLeavesASingleLineOnAPage() {
        Path pdf = PdfTools.write("page-breaks.pdf", new Typesetter().render(TestDocs.english(document())).pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        int splitParagraphs = 0;
        for (int s = 1; s <= 36; s++) {
            String h = String.format("H%02d", s);
            String p = String.format("p%02d", s);
            BboxWords heading = words.stream().filter(w -> w.text().equals(h)).findFirst().orElseThrow();
            // lines of the paragraph per page: distinct baselines of its words
            Map<Integer, Long> linesPerPage = words.stream().filter(w -> w.text().startsWith(p))
                    .collect(Collectors.groupingBy(BboxWords::page, TreeMap::new,
                            Collectors.collectingAndThen(Collectors.mapping(w -> Math.round(w.y()), Collectors.toSet()), x -> (long) x.size())));
            assertThat(linesPerPage).as("paragraph %s", p).isNotEmpty();
            int firstPage = linesPerPage.keySet().iterator().next();
            assertThat(firstPage).as("heading %s is on the page where its text starts", h).isEqualTo(heading.page());
            if (linesPerPage.size() > 1) {
                splitParagraphs++;
                assertThat(linesPerPage.values()).as("lines of %s on each page: %s", p, linesPerPage).allMatch(n -> n >= 2);
            }
        }
        System.out.println("paragraphs split across pages (each leaving 2 lines or more on both): " + splitParagraphs);
        assertThat(splitParagraphs).as("the document exercises paragraph splitting").isGreaterThan(0);
    }
}
