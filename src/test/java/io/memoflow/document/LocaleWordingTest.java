package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The document's language and region choose its wording: Moroccan month names for ar-MA, French labels and header for fr. */
class LocaleWordingTest {

    private static MemoDocument dated(String language, String title, Instant date) {
        return new MemoDocument("MOU-2026-0007", 1, title, language, date, "نص المذكرة. Texte du mémorandum.", TestDocs.PARTIES,
                Arrays.asList(date, null), false, List.of(), null);
    }

    @Test
    void arMaWritesTheMonthNamesOfMoroccanUsage() {
        String[] moroccan = {"يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"};
        for (int month = 1; month <= 12; month++) {
            Instant date = Instant.parse(String.format("2026-%02d-15T10:00:00Z", month));
            assertThat(Dates.gregorian(date, "ar-MA", ZoneOffset.UTC)).isEqualTo("15 " + moroccan[month - 1] + " 2026");
        }
        Instant november = Instant.parse("2026-11-27T10:00:00Z");
        Path pdf = PdfTools.write("locale-ar-ma.pdf", new Typesetter().render(dated("ar-MA", "مذكرة تفاهم", november)).pdf());
        List<String> words = PdfTools.words(PdfTools.pdftotext(pdf));
        assertThat(words).contains("نونبر").doesNotContain("نوفمبر");
        assertThat(Dates.gregorian(november, "ar", ZoneOffset.UTC)).isEqualTo("27 نوفمبر 2026");
    }

    @Test
    void aFrenchDocumentHasAFrenchHeaderAndLabels() {
        Path pdf = PdfTools.write("locale-fr.pdf", new Typesetter().render(dated("fr", "Accord de coopération policière",
                Instant.parse("2026-11-27T10:00:00Z"))).pdf());
        String text = PdfTools.pdftotext(pdf);
        assertThat(text).contains("Mémorandum d'entente").contains("Référence", "Page 1 sur", "27 novembre 2026",
                "Signataire").doesNotContain("Memorandum of Understanding", "Page 1 of");
    }
}
