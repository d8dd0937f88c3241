package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each party's signature block says when the party has not signed. */
class SignaturePageWordingTest {

    private static final Typesetter TYPESETTER = new Typesetter();

    private static MemoDocument sealOnly(MemoDocument d) {
        return new MemoDocument(d.reference(), d.version(), d.title(), d.language(), d.date(), d.body(), d.parties(),
                null, false, List.of(), null, true);
    }

    private static String text(MemoDocument d) {
        return PdfTools.pdfbox(TYPESETTER.render(d).pdf()).replaceAll("\\s+", " ");
    }

    @Test
    void anArabicMemorandumSealedOnlySaysSoInEachPartysBlockInsteadOfAwaitingApproval() {
        String text = text(sealOnly(TestDocs.arabic("نص.")));
        assertThat(text.split("مختوم بختم المؤسسة، دون طلب توقيع الأطراف", -1)).hasSize(3);
        assertThat(text).doesNotContain("في انتظار الموافقة");
    }

    @Test
    void anEnglishMemorandumSealedOnlySaysSoInEachPartysBlockInsteadOfAwaitingApproval() {
        String text = text(sealOnly(TestDocs.english("Text.")));
        assertThat(text.split("Sealed by the organisation; no party signature requested", -1)).hasSize(3);
        assertThat(text).doesNotContain("Awaiting approval");
    }

    @Test
    void aPartyWhoseSignatureIsAskedForAndNotGivenIsAwaitingApproval() {
        String text = text(TestDocs.arabic("نص."));
        assertThat(text).contains("في انتظار الموافقة").doesNotContain("مختوم بختم المؤسسة");
    }
}
