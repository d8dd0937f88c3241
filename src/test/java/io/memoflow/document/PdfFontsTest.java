package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Acceptance 3: pdffonts (poppler) lists every font as embedded, subset, with a ToUnicode map. */
class PdfFontsTest {

    private record FontRow(String name, String type, String encoding, String emb, String sub, String uni) {
    }

    /** Parses pdffonts' table, using the dashes line under the header for the column bounds. */
    static List<FontRow> pdffonts(Path pdf) {
        String out = PdfTools.run("pdffonts", pdf.toString());
        String[] lines = out.split("\n");
        assertThat(lines.length).as("pdffonts output:\n%s", out).isGreaterThanOrEqualTo(2);
        String dashes = lines[1];
        List<int[]> columns = new ArrayList<>();
        int i = 0;
        while (i < dashes.length()) {
            if (dashes.charAt(i) == '-') {
                int start = i;
                while (i < dashes.length() && dashes.charAt(i) == '-') {
                    i++;
                }
                columns.add(new int[] {start, i});
            } else {
                i++;
            }
        }
        List<FontRow> rows = new ArrayList<>();
        for (int l = 2; l < lines.length; l++) {
            String line = lines[l];
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            for (int[] c : columns) {
                cells.add(line.substring(Math.min(c[0], line.length()), Math.min(c[1], line.length())).trim());
            }
            rows.add(new FontRow(cells.get(0), cells.get(1), cells.get(2), cells.get(3), cells.get(4), cells.get(5)));
        }
        return rows;
    }

    private static void assertAllEmbeddedSubsetsWithToUnicode(Path pdf) {
        List<FontRow> rows = pdffonts(pdf);
        System.out.println("pdffonts " + pdf.getFileName() + ": " + rows);
        assertThat(rows).isNotEmpty();
        for (FontRow row : rows) {
            assertThat(row.emb()).as("embedded: %s", row).isEqualTo("yes");
            assertThat(row.sub()).as("subset: %s", row).isEqualTo("yes");
            assertThat(row.uni()).as("ToUnicode: %s", row).isEqualTo("yes");
            assertThat(row.type()).as("type: %s", row).isEqualTo("CID TrueType");
            assertThat(row.encoding()).isEqualTo("Identity-H");
            assertThat(row.name()).matches("[A-Z]{6}\\+.+");
        }
    }

    @Test
    void everyFontOfAnArabicMemorandumIsAnEmbeddedSubsetWithToUnicode() {
        Typesetter t = new Typesetter();
        MemoDocument doc = TestDocs.withAudit(TestDocs.arabic(TestDocs.BILINGUAL),
                List.of(new MemoDocument.AuditLine(TestDocs.DATE, "secretariat@dgsn.example.ma", "قدّم المسودة")), "0".repeat(64));
        Path pdf = PdfTools.write("fonts-arabic.pdf", t.render(TestDocs.asDraft(doc)).pdf());
        assertAllEmbeddedSubsetsWithToUnicode(pdf);
        assertThat(pdffonts(pdf)).extracting(FontRow::name).anyMatch(n -> n.endsWith("+Amiri-Bold"))
                .anyMatch(n -> n.endsWith("+Amiri-Regular"));
    }

    @Test
    void everyFontOfAStampIsAnEmbeddedSubsetWithToUnicode() {
        byte[] stamp = new Typesetter().renderStamp(List.of("Signed by Mikael Wern", "وقّعه عبد اللطيف حموشي"), "ar", 200, 60);
        assertAllEmbeddedSubsetsWithToUnicode(PdfTools.write("fonts-stamp.pdf", stamp));
    }
}
