package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IncomingMailTest {

    /** A mail from lines (CRLF joined); the first empty line ends the headers. */
    static byte[] raw(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static IncomingMail parse(String... lines) {
        return IncomingMail.parse(raw(lines), MailLimits.DEFAULT);
    }

    @Test
    void senderSubjectAndRepliedIdsAreRead() {
        IncomingMail m = parse("From: =?UTF-8?B?" + Base64.getEncoder().encodeToString("الأمانة العامة".getBytes(StandardCharsets.UTF_8))
                        + "?= <Secretariat@DGSN.example.ma>",
                "Subject: =?UTF-8?Q?Re:_=D9=85=D8=B0=D9=83=D8=B1=D8=A9?=", "Message-ID: <abc@x.example>",
                "In-Reply-To: <MOU-2026-0001-002-request@memoflow.example>",
                "References: <MOU-2026-0001@memoflow.example>\r\n <MOU-2026-0001-002-request@memoflow.example>",
                "", "Text.");
        assertThat(m.from()).isEqualTo("secretariat@dgsn.example.ma");
        assertThat(m.fromName()).isEqualTo("الأمانة العامة");
        assertThat(m.subject()).isEqualTo("Re: مذكرة");
        assertThat(m.messageId()).isEqualTo("<abc@x.example>");
        assertThat(m.key()).isEqualTo("mail:<abc@x.example>");
        assertThat(m.repliesTo()).containsExactly("<MOU-2026-0001-002-request@memoflow.example>", "<MOU-2026-0001@memoflow.example>");
        assertThat(m.bodyText()).isEqualTo("Text.\r\n");
        assertThat(m.automatic()).isNull();
    }

    @Test
    void aMailWithoutMessageIdIsKnownByTheHashOfItsBytes() {
        assertThat(parse("From: a@b.example", "", "x").key()).startsWith("mail:sha256:").hasSize("mail:sha256:".length() + 64);
    }

    @Test
    void aSenderThatIsNotOneValidAddressIsNobody() {
        assertThat(parse("From: a@b.example, c@d.example", "", "x").from()).isNull();
        assertThat(parse("From: not an address", "", "x").from()).isNull();
        assertThat(parse("Subject: no sender", "", "x").from()).isNull();
    }

    @Test
    void aSenderWithALookAlikeLetterIsNobodyNotTheAddressItFoldsTo() {
        assertThat("\u212Aate@x.example".toLowerCase(java.util.Locale.ROOT)).isEqualTo("kate@x.example");
        assertThat(parse("From: \u212Aate@x.example", "Subject: x", "", "APPROVE").from()).isNull();
        assertThat(parse("From: Kate <kate@x.ex\u0430mple>", "Subject: x", "", "APPROVE").from()).isNull();
        assertThat(parse("From: Kate <Kate@X.example>", "Subject: x", "", "APPROVE").from()).isEqualTo("kate@x.example");
        assertThat(new Submitters(java.util.List.of("kate@x.example")).allows("\u212Aate@x.example")).isFalse();
    }

    @Test
    void thePlainTextAlternativeIsPreferredOverHtml() {
        IncomingMail m = parse("From: a@b.example", "Content-Type: multipart/alternative; boundary=alt", "",
                "--alt", "Content-Type: text/plain; charset=UTF-8", "", "plain text", "--alt",
                "Content-Type: text/html; charset=UTF-8", "", "<p>html text</p>", "--alt--");
        assertThat(m.bodyText().strip()).isEqualTo("plain text");
    }

    @Test
    void anHtmlOnlyBodyIsTurnedIntoText() {
        IncomingMail m = parse("From: a@b.example", "Content-Type: text/html", "", "<p>first</p><p>second &amp; last</p>");
        assertThat(m.bodyText()).isEqualTo("first\n\nsecond & last\n");
    }

    @Test
    void formatFlowedLinesAreJoined() {
        IncomingMail m = parse("From: a@b.example", "Content-Type: text/plain; charset=UTF-8; format=flowed", "",
                "A long line that ", "goes on.", " >not a quote", "", "-- ", "sig");
        assertThat(m.bodyText()).isEqualTo("A long line that goes on.\n>not a quote\n\n-- \nsig\n\n");
        assertThat(m.flowed()).isTrue();
    }

    @Test
    void attachmentsAreListedAndOnlyDraftsAreRead() {
        IncomingMail m = parse("From: a@b.example", "Content-Type: multipart/mixed; boundary=b", "",
                "--b", "Content-Type: text/plain", "", "see attached", "--b",
                "Content-Type: image/png; name=scan.png", "Content-Disposition: attachment; filename=scan.png",
                "Content-Transfer-Encoding: base64", "", "JVBERi0=", "--b",
                "Content-Type: text/plain; charset=windows-1256", "Content-Disposition: attachment; filename=\"../../draft.txt\"", "",
                "draft text", "--b--");
        assertThat(m.attachments()).extracting(IncomingMail.Attachment::name).containsExactly("scan.png", "draft.txt");
        assertThat(m.attachments().get(0).bytes()).isNull();
        assertThat(m.attachments().get(1).draftCandidate()).isTrue();
        assertThat(new String(m.attachments().get(1).bytes(), StandardCharsets.US_ASCII)).isEqualTo("draft text");
        assertThat(m.attachments().get(1).charset()).isEqualTo("windows-1256");
    }

    @Test
    void wordOpenDocumentHtmlAndPdfAttachmentsAreDraftsAndAreRead() {
        for (String name : new String[] {"memo.docx", "memo.ODT", "page.html", "page.htm", "counter-draft.pdf"}) {
            IncomingMail m = parse("From: a@b.example", "Content-Type: multipart/mixed; boundary=b", "",
                    "--b", "Content-Type: text/plain", "", "see attached", "--b",
                    "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=" + name,
                    "Content-Transfer-Encoding: base64", "", "JVBERi0=", "--b--");
            assertThat(m.attachments().get(0).draftCandidate()).as(name).isTrue();
            assertThat(m.attachments().get(0).document()).as(name).isTrue();
            assertThat(m.attachments().get(0).bytes()).as(name).isEqualTo("%PDF-".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void tooManyPartsOrTooDeepNestingIsRefused() {
        StringBuilder many = new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 5; i++) {
            many.append("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        many.append("--b--\r\n");
        MailLimits few = new MailLimits(1_000_000, 1_000_000, 3, 10);
        assertThatThrownBy(() -> IncomingMail.parse(many.toString().getBytes(StandardCharsets.US_ASCII), few))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("more than 3 MIME parts");

        StringBuilder deep = new StringBuilder("From: a@b.example\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        for (int i = 1; i <= 4; i++) {
            deep.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=b").append(i).append("\r\n\r\n");
        }
        MailLimits shallow = new MailLimits(1_000_000, 1_000_000, 100, 2);
        assertThatThrownBy(() -> IncomingMail.parse(deep.toString().getBytes(StandardCharsets.US_ASCII), shallow))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("nested more than 2 levels");
    }

    @Test
    void aMailOverTheLimitIsRefusedBeforeItIsRead() {
        MailLimits tiny = new MailLimits(10, 10, 10, 10);
        assertThatThrownBy(() -> IncomingMail.parse(raw("From: a@b.example", "", "0123456789"), tiny))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("reads mails of at most 10 bytes");
    }

    @Test
    void automaticMailIsRecognised() {
        assertThat(parse("From: a@b.example", "Auto-Submitted: auto-replied", "", "away").automatic()).contains("Auto-Submitted");
        assertThat(parse("From: a@b.example", "Auto-Submitted: no", "", "x").automatic()).isNull();
        assertThat(parse("From: a@b.example", "Precedence: bulk", "", "x").automatic()).contains("Precedence");
        assertThat(parse("From: MAILER-DAEMON@mx.example", "", "x").automatic()).contains("mail system");
        assertThat(parse("From: a@b.example", "Content-Type: multipart/report; report-type=delivery-status; boundary=r", "",
                "--r", "Content-Type: text/plain", "", "failed", "--r--").automatic()).contains("multipart/report");
    }

    @Test
    void aBrokenContentTypeIsReadAsItsBaseType() {
        IncomingMail m = parse("From: a@b.example", "Content-Type: text/plain; charset=\"utf-8", "", "text");
        assertThat(m.bodyText().strip()).isEqualTo("text");
    }

    @Test
    void theHeadersAloneDescribeAMailThatCannotBeRead() {
        assertThat(IncomingMail.describe(raw("From: a@b.example", "Subject: =?UTF-8?B?2YXYsA==?=", "Message-ID: <1@x>",
                "Content-Type: multipart/mixed; boundary=none", "", "garbage")))
                .isEqualTo("from a@b.example \"مذ\" <1@x>");
    }
}
