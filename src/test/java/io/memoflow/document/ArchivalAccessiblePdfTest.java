package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.VeraPdf;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    static void assertCompliant(byte[] pdf) {
        List<String> failures = new ArrayList<>(VeraPdf.failures(pdf, PDFAFlavour.PDFA_3_B));
        failures.addAll(VeraPdf.failures(pdf, PDFAFlavour.PDFUA_1));
        assertThat(failures).as("veraPDF's PDF/A-3b and PDF/UA-1 failures").isEmpty();
    }
}
