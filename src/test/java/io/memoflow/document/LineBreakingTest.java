package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No line breaks inside an amount, a phone number, an IBAN, a date, an e-mail address or a
 * reference, in Arabic, French or English paragraphs. Each paragraph repeats a sentence with
 * one more word before the spans each time, so that the spans meet the end of a line in many
 * places; every occurrence must be found whole on one line of the PDF (lines read from the
 * glyphs left to right, spaces removed).
 */
class LineBreakingTest {

    /** Per language: the sentence's spans, each with how it reads left to right on the page (spaces removed). */
    private static final Map<String, List<String[]>> SPANS = Map.of(
            "fr", List.of(
                    new String[] {"1 250 000 MAD", "1250000MAD"},
                    new String[] {"+212 537 27 83 00", "+212537278300"},
                    new String[] {"MA64 0112 3456 7890 1234 5678 9012", "MA64011234567890123456789012"},
                    new String[] {"27 janvier 2026", "27janvier2026"},
                    new String[] {"bureau.liaison@dgsn.example.ma", "bureau.liaison@dgsn.example.ma"},
                    new String[] {"MOU-2026-0001", "MOU-2026-0001"}),
            "en", List.of(
                    new String[] {"1,000,000 EUR", "1,000,000EUR"},
                    new String[] {"+45 33 14 88 88", "+4533148888"},
                    new String[] {"MA64 0112 3456 7890 1234 5678 9012", "MA64011234567890123456789012"},
                    new String[] {"27 January 2026", "27January2026"},
                    new String[] {"press.office@politi.example.dk", "press.office@politi.example.dk"},
                    new String[] {"MOU-2026-0001", "MOU-2026-0001"}),
            "ar", List.of(
                    new String[] {"1 250 000 درهم", "مهرد1250000"},
                    new String[] {"+212 537 27 83 00", "+212537278300"},
                    new String[] {"MA64 0112 3456 7890 1234 5678 9012", "MA64011234567890123456789012"},
                    new String[] {"19 ماي 2000", "2000يام19"},
                    new String[] {"bureau.liaison@dgsn.example.ma", "bureau.liaison@dgsn.example.ma"},
                    new String[] {"MOU-2026-0001", "MOU-2026-0001"}));

    private static final Map<String, String> FILLER = Map.of(
            "fr", "les parties conviennent de ce qui suit dans le cadre de la coopération",
            "en", "the parties agree on the following within the framework of their cooperation",
            "ar", "يتفق الطرفان على ما يلي في إطار التعاون القائم بينهما");

    private static String paragraph(String language) {
        String[] filler = FILLER.get(language).split(" ");
        StringBuilder sb = new StringBuilder();
        for (int n = 1; n <= 14; n++) {
            for (int w = 0; w < n; w++) {
                sb.append(filler[w % filler.length]).append(' ');
            }
            for (String[] span : SPANS.get(language)) {
                sb.append(span[0]).append(' ').append(filler[n % filler.length]).append(' ');
            }
        }
        return sb.toString().trim() + ".";
    }

    private static void assertNoSpanBroken(String language) {
        String text = paragraph(language);
        MemoDocument doc = language.equals("ar") ? TestDocs.arabic(text)
                : TestDocs.doc(language, "Memorandum", text, false);
        byte[] pdf = new Typesetter().render(doc).pdf();
        PdfTools.write("line-breaking-" + language + ".pdf", pdf);
        List<String> lines = BidiOrderTest.visualLines(pdf);
        assertThat(lines.size()).as("the paragraph runs over many lines").isGreaterThan(20);
        List<String> broken = new ArrayList<>();
        for (String[] span : SPANS.get(language)) {
            int found = 0;
            for (String line : lines) {
                for (int i = line.indexOf(span[1]); i >= 0; i = line.indexOf(span[1], i + 1)) {
                    found++;
                }
            }
            if (found < 14) {
                broken.add(span[0] + ": whole on a line " + found + " times of 14");
            }
        }
        assertThat(broken).as("spans broken across lines in %s; lines:%n%s", language, String.join("\n", lines)).isEmpty();
    }

    @Test
    void frenchAmountsPhoneNumbersIbansDatesAddressesAndReferencesStayOnOneLine() {
        assertNoSpanBroken("fr");
    }

    @Test
    void englishAmountsPhoneNumbersIbansDatesAddressesAndReferencesStayOnOneLine() {
        assertNoSpanBroken("en");
    }

    @Test
    void arabicAmountsPhoneNumbersIbansDatesAddressesAndReferencesStayOnOneLine() {
        assertNoSpanBroken("ar");
    }
}
