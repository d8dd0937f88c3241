package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.draft.Party;
import io.memoflow.testing.Fixtures;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Title block, header and footer, signature page and audit page. */
class MemorandumPagesTest {

    private static final Typesetter TYPESETTER = new Typesetter();

    private static List<String> pageWords(List<BboxWords> words, int page) {
        return words.stream().filter(w -> w.page() == page).map(BboxWords::bare).toList();
    }

    @Test
    void arabicTitleBlockGivesReferenceVersionGregorianAndHijriDates() {
        Path pdf = PdfTools.write("title-arabic.pdf", TYPESETTER.render(TestDocs.arabic("نص قصير.")).pdf());
        List<String> words = PdfTools.words(PdfTools.pdftotext(pdf));
        assertThat(PdfTools.containsSequence(words, List.of("27", "يناير", "2026"))).as("%s", words).isTrue();
        // 27 January 2026 is 8 Sha'ban 1447 in the Umm al-Qura calendar
        assertThat(PdfTools.containsSequence(words, List.of("8", "شعبان", "1447", "هـ"))).as("%s", words).isTrue();
        assertThat(words).contains("MOU", "2026", "0007", "المرجع", "الإصدار");
    }

    @Test
    void englishTitleBlockHasNoHijriDate() {
        Path pdf = PdfTools.write("title-english.pdf", TYPESETTER.render(TestDocs.english("Short text.")).pdf());
        List<String> words = PdfTools.words(PdfTools.pdftotext(pdf));
        assertThat(PdfTools.containsSequence(words, List.of("Date", "27", "January", "2026"))).isTrue();
        assertThat(words).doesNotContain("شعبان", "1447");
    }

    @Test
    void everyPageCarriesTheReferenceAndPageXOfY() {
        RenderedMemo memo = TYPESETTER.render(TestDocs.arabic(Fixtures.body(Fixtures.LONG_MOU)));
        Path pdf = PdfTools.write("footer-arabic.pdf", memo.pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        assertThat(memo.pageCount()).isGreaterThanOrEqualTo(3);
        for (int page = 1; page <= memo.pageCount(); page++) {
            List<String> onPage = pageWords(words, page);
            assertThat(onPage).as("page %d", page).contains("MOU-2026-0007", "صفحة", Integer.toString(page),
                    Integer.toString(memo.pageCount()), "من");
        }
        String english = PdfTools.pdftotext(PdfTools.write("footer-english.pdf",
                TYPESETTER.render(TestDocs.english(TestDocs.BILINGUAL)).pdf()));
        assertThat(english).contains("Page 1 of 2", "Page 2 of 2");
    }

    @Test
    void signaturePageHasOneBlockPerPartyWithItsBoxInsideThePage() {
        List<Party> parties = new ArrayList<>(TestDocs.PARTIES);
        parties.add(new Party("Ministère de l'Intérieur", "Jeanne Martin", "Directrice", "jm@interieur.example.fr"));
        Instant approved = Instant.parse("2026-02-03T09:30:00Z");
        MemoDocument d = new MemoDocument("MOU-2026-0007", 2, "Memorandum", "en", TestDocs.DATE, "Body text.", parties,
                Arrays.asList(approved, null, approved), false, List.of(), null);
        RenderedMemo memo = TYPESETTER.render(d);
        Path pdf = PdfTools.write("signatures.pdf", memo.pdf());
        assertThat(memo.signatureBoxes()).hasSize(3);
        assertThat(memo.signatureBoxes()).extracting(SignatureBox::partyIndex).containsExactly(0, 1, 2);
        List<BboxWords> words = BboxWords.read(pdf);
        for (SignatureBox box : memo.signatureBoxes()) {
            assertThat(box.pageIndex()).isBetween(1, memo.pageCount() - 1);
            assertThat(box.x()).isGreaterThan(0);
            assertThat(box.y()).isGreaterThan(0);
            assertThat(box.x() + box.width()).isLessThan(595.3f);
            assertThat(box.y() + box.height()).isLessThan(841.9f);
            assertThat(box.width()).isGreaterThan(100);
            assertThat(box.height()).isGreaterThan(40);
            // no text inside the box: it is left for the visible signature
            int page = box.pageIndex() + 1;
            assertThat(words.stream().filter(w -> w.page() == page).filter(w -> w.x() > box.x() && w.xMax() < box.x() + box.width()
                    && 841.89 - w.yMax() > box.y() && 841.89 - w.y() < box.y() + box.height())).isEmpty();
        }
        // boxes do not overlap
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                SignatureBox a = memo.signatureBoxes().get(i);
                SignatureBox b = memo.signatureBoxes().get(j);
                boolean apart = a.pageIndex() != b.pageIndex() || a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as("boxes %d and %d apart", i, j).isTrue();
            }
        }
        int signaturePage = memo.signatureBoxes().get(0).pageIndex() + 1;
        List<String> onPage = pageWords(words, signaturePage);
        assertThat(onPage).contains("Signatures", "Mikael", "Wern", "Director", "Jeanne", "Martin", "Awaiting");
        assertThat(PdfTools.containsSequence(PdfTools.words(PdfTools.pdftotext(pdf)), List.of("Approved", "on", "3", "February", "2026")))
                .isTrue();
    }

    @Test
    void arabicSignatureBlocksRunRightToLeft() {
        RenderedMemo memo = TYPESETTER.render(TestDocs.arabic("نص."));
        assertThat(memo.signatureBoxes()).hasSize(2);
        assertThat(memo.signatureBoxes().get(0).x()).as("first party on the right").isGreaterThan(memo.signatureBoxes().get(1).x());
    }

    @Test
    void auditPageListsEveryEventAndTheFinalHash() {
        List<MemoDocument.AuditLine> audit = List.of(
                new MemoDocument.AuditLine(Instant.parse("2026-01-27T09:00:00Z"), "secretariat@dgsn.example.ma", "submitted version 1"),
                new MemoDocument.AuditLine(Instant.parse("2026-01-28T11:30:00Z"), "legal@dgsn.example.ma", "approved the review stage"),
                new MemoDocument.AuditLine(Instant.parse("2026-01-29T10:00:00Z"), "dg@dgsn.example.ma", "approved and signed"));
        String hash = "3f".repeat(32);
        RenderedMemo memo = TYPESETTER.render(TestDocs.withAudit(TestDocs.english("Body."), audit, hash));
        Path pdf = PdfTools.write("audit.pdf", memo.pdf());
        List<BboxWords> words = BboxWords.read(pdf);
        List<String> last = pageWords(words, memo.pageCount());
        assertThat(last).contains("Audit", "trail", hash, "secretariat@dgsn.example.ma", "legal@dgsn.example.ma",
                "dg@dgsn.example.ma", "2026-01-27", "09:00", "2026-01-29", "submitted", "signed");
        // one line per event: the time, actor and text of an event share a baseline
        for (String actor : List.of("secretariat@dgsn.example.ma", "legal@dgsn.example.ma", "dg@dgsn.example.ma")) {
            BboxWords a = words.stream().filter(w -> w.text().equals(actor)).findFirst().orElseThrow();
            assertThat(words.stream().filter(w -> w.page() == a.page() && Math.abs(w.y() - a.y()) < 1).map(BboxWords::text))
                    .anyMatch(t -> t.startsWith("2026-01-2"));
        }
        RenderedMemo without = TYPESETTER.render(TestDocs.english("Body."));
        assertThat(without.pageCount()).as("no audit page without events").isEqualTo(memo.pageCount() - 1);
    }
}
