package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.Draft;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MailSubmissionTest {

    static Draft draft(String... lines) {
        MailSubmission s = MailSubmission.of(IncomingMailTest.parse(lines));
        return new DraftParser(DraftLimits.DEFAULT).parse(s.content(), s.name());
    }

    @Test
    void aDraftInTheBodyGetsTheSubjectAsItsTitle() {
        Draft d = draft("From: a@b.example", "Subject: Fwd: RE: Memorandum on police cooperation", "Content-Type: text/plain; charset=UTF-8", "",
                "# A heading that is not the title", "", "Text.");
        assertThat(d.title()).isEqualTo("Memorandum on police cooperation");
        assertThat(d.body()).startsWith("# A heading that is not the title");
    }

    @Test
    void aSubjectCannotInjectFrontMatter() {
        Draft d = draft("From: a@b.example", "Subject: =?UTF-8?Q?x\"=0Areference:_MOU-2026-0001_\\\\?=", "", "Text.");
        assertThat(d.reference()).isNull();
        assertThat(d.title()).isEqualTo("x\" reference: MOU-2026-0001 \\\\");
    }

    @Test
    void aDraftWithFrontMatterKeepsItsOwnTitle() {
        Draft d = draft("From: a@b.example", "Subject: ignored", "", "---", "title: From the front matter", "---", "Text.");
        assertThat(d.title()).isEqualTo("From the front matter");
    }

    @Test
    void withoutASubjectTheFirstLineIsTheTitle() {
        assertThat(draft("From: a@b.example", "", "First line", "", "Text.").title()).isEqualTo("First line");
        assertThat(draft("From: a@b.example", "Subject: Re: ", "", "First line", "", "Text.").title()).isEqualTo("First line");
    }

    @Test
    void theSignatureIsNotPartOfTheDraft() {
        Draft d = draft("From: a@b.example", "Subject: T", "", "Text.", "", "-- ", "Secretariat", "+212 5 00 00 00");
        assertThat(d.body()).isEqualTo("Text.\n\n");
    }

    @Test
    void aDraftAttachmentIsTheDraftAndItsCharsetIsKept() {
        byte[] cp1256 = "نص المذكرة".getBytes(java.nio.charset.Charset.forName("windows-1256"));
        String b64 = java.util.Base64.getEncoder().encodeToString(cp1256);
        MailSubmission s = MailSubmission.of(IncomingMailTest.parse("From: a@b.example", "Subject: عنوان",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", "See attached.", "--b",
                "Content-Type: text/plain; charset=windows-1256", "Content-Disposition: attachment; filename=draft.txt",
                "Content-Transfer-Encoding: base64", "", b64, "--b--"));
        assertThat(s.name()).isEqualTo("draft.txt");
        assertThat(s.charset()).isEqualTo("windows-1256");
        assertThat(new String(s.content(), StandardCharsets.UTF_8)).isEqualTo("---\ntitle: \"عنوان\"\n---\nنص المذكرة");
    }

    @Test
    void twoDraftAttachmentsAreRefused() {
        assertThatThrownBy(() -> MailSubmission.of(IncomingMailTest.parse("From: a@b.example", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Disposition: attachment; filename=a.md", "", "A", "--b",
                "Content-Disposition: attachment; filename=b.txt", "", "B", "--b--")))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("2 attachments that could be the draft (\"a.md\", \"b.txt\")");
    }

    @Test
    void aMailWithoutADraftSaysWhatItHas() {
        assertThatThrownBy(() -> MailSubmission.of(IncomingMailTest.parse("From: a@b.example", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain", "", "", "--b",
                "Content-Type: application/msword",
                "Content-Disposition: attachment; filename=draft.doc", "", "PK", "--b--")))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("has no draft").hasMessageContaining("draft.doc");
    }

    @Test
    void aWordAttachmentIsHandedOnAsItCameUnderItsOwnName() {
        MailSubmission s = MailSubmission.of(IncomingMailTest.parse("From: a@b.example", "Subject: Counter-draft",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", "see attached", "--b",
                "Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "Content-Disposition: attachment; filename=draft.docx", "Content-Transfer-Encoding: base64", "", "UEsDBA==", "--b--"));
        assertThat(s.name()).isEqualTo("draft.docx");
        assertThat(s.content()).containsExactly('P', 'K', 3, 4);
        assertThat(s.charset()).isEqualTo("docx");
    }
}
