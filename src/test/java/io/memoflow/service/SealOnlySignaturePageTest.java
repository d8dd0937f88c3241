package io.memoflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signature page of a signed memorandum says what happened to each party: under a workflow
 * that only seals (auto), that the organisation sealed it and no party signature was asked for;
 * under one that asks the parties, that a party who has not approved is still awaited.
 */
class SealOnlySignaturePageTest {

    private static final String PARTIES = """
            parties:
              - name: المديرية العامة للأمن الوطني
                signatory: عبد اللطيف حموشي
                email: dg@dgsn.example.ma
              - name: Danish National Police
                signatory: Mikael Wern
                email: mw@politi.example.dk
            """;

    @TempDir
    Path home;

    private Memoflow memoflow(Map<String, String> settings) {
        return Memoflow.assemble(MemoflowSettings.of(home, settings), AdjustableClock.system());
    }

    private static String submit(Memoflow m, String frontMatter, String body) {
        byte[] draft = ("---\n" + frontMatter + PARTIES + "---\n\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
        return m.service().submit(draft, "memo.md", new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
    }

    /** The text of the signed PDF, runs of white space (line breaks in the narrow signature blocks) as one space. */
    private static String signedText(Memoflow m, String reference) throws IOException {
        Memo memo = m.service().memo(reference);
        assertThat(memo.state).isEqualTo(MemoState.APPROVED);
        try (PDDocument doc = Loader.loadPDF(m.documents().sign(memo))) {
            return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
    }

    @Test
    void anArabicMemorandumUnderAutoSaysTheOrganisationSealedItAndNoPartySignatureWasRequested() throws IOException {
        Memoflow m = memoflow(Map.of("memoflow.workflows.auto.selectable", "true"));
        String text = signedText(m, submit(m, "title: مذكرة تفاهم\nlanguage: ar\nworkflow: auto\n", "نص المذكرة."));
        assertThat(text).contains("مختوم بختم المؤسسة، دون طلب توقيع الأطراف");
        assertThat(text).doesNotContain("انتظار");
    }

    @Test
    void anEnglishMemorandumUnderAutoSaysTheOrganisationSealedItAndNoPartySignatureWasRequested() throws IOException {
        Memoflow m = memoflow(Map.of("memoflow.workflows.auto.selectable", "true"));
        String text = signedText(m, submit(m, "title: Memorandum\nlanguage: en\nworkflow: auto\n", "The text."));
        assertThat(text).contains("Sealed by the organisation; no party signature requested");
        assertThat(text).doesNotContain("Awaiting approval");
    }

    @Test
    void aPartyAskedToSignWhoHasNotApprovedIsStillAwaited() throws IOException {
        Memoflow m = memoflow(Map.of("memoflow.workflows.standard.signature.policy", "any"));
        String reference = submit(m, "title: Memorandum\nlanguage: en\nworkflow: standard\nreviewers: [legal@example.ma]\n",
                "The text.");
        m.service().decide(new Decision(reference, "legal@example.ma", DecisionKind.APPROVE, "", "cli", "d1", 0, null));
        m.service().decide(new Decision(reference, "dg@dgsn.example.ma", DecisionKind.APPROVE, "", "cli", "d2", 0, null));
        String text = signedText(m, reference);
        assertThat(text).contains("Approved on", "Awaiting approval");
        assertThat(text).doesNotContain("Sealed by the organisation");
    }
}
