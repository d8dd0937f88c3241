package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/**
 * Acceptance 5 (the testable half): one typesetter serves parallel renders, and the same
 * memorandum always gives the same bytes: no clock, no random identifiers.
 */
class DeterministicOutputTest {

    private static List<MemoDocument> documents() {
        return List.of(
                TestDocs.arabic(Fixtures.body(Fixtures.LONG_MOU)),
                TestDocs.arabic(Fixtures.body(Fixtures.TABLE)),
                TestDocs.asDraft(TestDocs.arabic(TestDocs.BILINGUAL)),
                TestDocs.english(TestDocs.BILINGUAL),
                TestDocs.withAudit(TestDocs.arabic(TestDocs.BASMALA),
                        List.of(new MemoDocument.AuditLine(TestDocs.DATE, "memoflow", "submitted")), "ab".repeat(32)));
    }

    @Test
    void parallelRendersOnAllCoresGiveTheSameBytesAsSerialRenders() throws Exception {
        Typesetter typesetter = new Typesetter();
        List<MemoDocument> docs = documents();
        List<byte[]> serial = new ArrayList<>();
        for (MemoDocument d : docs) {
            serial.add(typesetter.render(d).pdf());
        }
        byte[] serialStamp = typesetter.renderStamp(List.of("Mikael Wern", "وقّعه عبد اللطيف حموشي"), "ar", 180, 50);

        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            List<byte[]> expected = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < docs.size(); i++) {
                    MemoDocument d = docs.get(i);
                    futures.add(pool.submit(() -> typesetter.render(d).pdf()));
                    expected.add(serial.get(i));
                }
                futures.add(pool.submit(() -> typesetter.renderStamp(List.of("Mikael Wern", "وقّعه عبد اللطيف حموشي"), "ar", 180, 50)));
                expected.add(serialStamp);
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).as("parallel render %d", i).isEqualTo(expected.get(i));
            }
            System.out.println("parallel renders identical to serial ones: " + futures.size() + " on " + threads + " threads");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewTypesetterGivesTheSameBytes() {
        MemoDocument d = TestDocs.arabic(TestDocs.BILINGUAL);
        assertThat(new Typesetter().render(d).pdf()).isEqualTo(new Typesetter().render(d).pdf());
    }

    @Test
    void pdfDatesAndIdentifierComeFromTheMemorandum() throws IOException {
        MemoDocument v1 = TestDocs.arabic(TestDocs.BILINGUAL);
        MemoDocument v2 = new MemoDocument(v1.reference(), 2, v1.title(), v1.language(), v1.date(), v1.body(), v1.parties(),
                v1.approvals(), false, List.of(), null);
        Typesetter t = new Typesetter();
        try (PDDocument a = Loader.loadPDF(t.render(v1).pdf()); PDDocument b = Loader.loadPDF(t.render(v2).pdf())) {
            Calendar created = a.getDocumentInformation().getCreationDate();
            assertThat(created.toInstant()).isEqualTo(TestDocs.DATE);
            assertThat(a.getDocumentInformation().getModificationDate().toInstant()).isEqualTo(TestDocs.DATE);
            COSArray idA = a.getDocument().getTrailer().getCOSArray(COSName.ID);
            COSArray idB = b.getDocument().getTrailer().getCOSArray(COSName.ID);
            assertThat(idA).isNotNull();
            assertThat(idA.size()).isEqualTo(2);
            assertThat(idA.toList().toString()).as("another version, another identifier").isNotEqualTo(idB.toList().toString());
        }
    }
}
