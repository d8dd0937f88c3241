package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Fixtures;
import io.memoflow.testing.VeraPdf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The PDFs the typesetter writes are archival (PDF/A-3b) and accessible (tagged, PDF/UA-1), as
 * veraPDF checks them: a draft with its watermark, an Arabic memorandum, an English one and a
 * bilingual one, each with headings, a list and a table.
 */
class ArchivalAccessiblePdfTest {

    private static final Typesetter TYPESETTER = new Typesetter();

    static final String TABLE_AND_LIST = """

            ## الجدول / Schedule

            | الطرف | Contact | الهاتف |
            |---|---|---|
            | المديرية العامة | liaison@dgsn.example.ma | +212 537 72 19 00 |
            | Danish National Police | pol@politi.example.dk | +45 33 14 14 48 |

            1. أولاً: تبادل المعلومات.
            2. Second: joint training.
               - a nested point
            """;

    @Test
    void arabicMemorandumIsPdfA3bAndPdfUa1() {
        assertCompliant(TYPESETTER.render(TestDocs.arabic(TestDocs.BILINGUAL + TABLE_AND_LIST)).pdf());
    }

    @Test
    void englishMemorandumIsPdfA3bAndPdfUa1() {
        assertCompliant(TYPESETTER.render(TestDocs.english("# Purpose\n\nThe parties agree.\n" + TABLE_AND_LIST)).pdf());
    }

    @Test
    void draftWithItsWatermarkIsPdfA3bAndPdfUa1() {
        assertCompliant(TYPESETTER.render(TestDocs.asDraft(TestDocs.arabic(TestDocs.BILINGUAL + TABLE_AND_LIST))).pdf());
    }

    /** The project's fixtures: the long Arabic memorandum, the pasted article, the vowelled preamble, the bilingual one, the table. */
    @ParameterizedTest
    @FieldSource("io.memoflow.testing.Fixtures#ALL")
    void projectFixturesArePdfA3bAndPdfUa1(String fixture) {
        assertCompliant(TYPESETTER.render(TestDocs.arabic(Fixtures.body(fixture))).pdf());
    }

    @Test
    void redlineOfChangesIsPdfA3bAndPdfUa1() {
        String body = "## المادة الثانية\n\nيتعاون الطرفان " + MemoDocument.DELETED_START + "ويتبادلان المعلومات"
                + MemoDocument.DELETED_END + " " + MemoDocument.INSERTED_START + "وتُشكَّل لجنة" + MemoDocument.INSERTED_END + ".\n";
        MemoDocument d = TestDocs.doc("ar", "مذكرة", body, true);
        assertCompliant(TYPESETTER.render(new MemoDocument(d.reference(), 2, d.title(), d.language(), d.date(), d.body(),
                d.parties(), d.approvals(), true, d.audit(), d.auditHash(), false, true)).pdf());
    }

    /** The structure a screen reader walks: headings, paragraphs, the list, the table with its header cells, languages. */
    @Test
    void structureTreeHoldsHeadingsParagraphsListsAndTablesInReadingOrder() throws IOException {
        byte[] pdf = TYPESETTER.render(TestDocs.arabic(TestDocs.BILINGUAL + TABLE_AND_LIST)).pdf();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDStructureTreeRoot root = doc.getDocumentCatalog().getStructureTreeRoot();
            assertThat(doc.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            List<String> types = new ArrayList<>();
            List<String> langs = new ArrayList<>();
            List<String> scopes = new ArrayList<>();
            walk(root.getKids(), types, langs, scopes);
            assertThat(types.get(0)).isEqualTo("Document");
            assertThat(types).contains("H1", "H2", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD");
            assertThat(types.indexOf("H2")).as("the first article heading before the table").isLessThan(types.indexOf("Table"));
            assertThat(types.indexOf("Table")).as("the table before the list, as written").isLessThan(types.lastIndexOf("L"));
            assertThat(scopes).as("every header cell has a column scope").containsOnly("Column").hasSize(3);
            assertThat(langs).as("the English paragraphs of the Arabic memorandum").contains("en");
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("ar");
        }
    }

    private static void walk(List<Object> kids, List<String> types, List<String> langs, List<String> scopes) {
        for (Object k : kids) {
            if (k instanceof PDStructureElement e) {
                types.add(e.getStructureType());
                if (e.getLanguage() != null) {
                    langs.add(e.getLanguage());
                }
                if (e.getStructureType().equals("TH")) {
                    COSDictionary a = e.getCOSObject().getCOSDictionary(COSName.A);
                    scopes.add(a == null ? null : a.getNameAsString(COSName.getPDFName("Scope")));
                }
                walk(e.getKids(), types, langs, scopes);
            }
        }
    }

    static void assertCompliant(byte[] pdf) {
        List<String> failures = new ArrayList<>(VeraPdf.failures(pdf, PDFAFlavour.PDFA_3_B));
        failures.addAll(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1));
        assertThat(failures).as("veraPDF's PDF/A-3b and PDF/UA-1 failures").isEmpty();
    }
}
