package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.memo.Memo;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MailComposerTest {

    @Test
    void anAttachedPdfComesBackByteForByteAndTheMailThreadsUnderItsMemorandum() throws Exception {
        MailComposer composer = new MailComposer("memoflow@dgsn.example.ma", new Tokens(new byte[32]));
        Memo memo = new Memo();
        memo.reference = "MOU-2026-0001";
        memo.title = "مذكرة تفاهم";
        memo.language = "ar";
        Memo.WorkItem w = new Memo.WorkItem();
        w.id = "MOU-2026-0001-007-completed";
        w.template = "completed";
        w.to.add("dg@dgsn.example.ma");
        w.version = 1;
        w.created = Instant.parse("2026-11-29T10:00:00Z");
        byte[] pdf = new byte[70_001];
        new Random(7).nextBytes(pdf);
        byte[] eml = composer.compose(memo, w, pdf, "MOU-2026-0001.pdf");

        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertThat(m.getMessageID()).isEqualTo("<MOU-2026-0001-007-completed@dgsn.example.ma>");
        assertThat(m.getHeader("References", null)).isEqualTo("<MOU-2026-0001@dgsn.example.ma>");
        assertThat(m.getSubject()).isEqualTo("[MOU-2026-0001] موقعة: مذكرة تفاهم");
        Multipart mp = (Multipart) m.getContent();
        Part attachment = mp.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).isEqualTo("MOU-2026-0001.pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
        assertThat((String) mp.getBodyPart(0).getContent()).contains("memoflow verify MOU-2026-0001.pdf");
    }

    @Test
    void theAuthorIsToldOfANewVersionInArabicAndEnglishWithWhereItCameFrom() throws Exception {
        MailComposer composer = new MailComposer("memoflow@dgsn.example.ma", new Tokens(new byte[32]));
        Memo memo = new Memo();
        memo.reference = "MOU-2026-0001";
        memo.title = "مذكرة تفاهم";
        memo.language = "ar";
        Memo.WorkItem w = new Memo.WorkItem();
        w.id = "MOU-2026-0001-009-new-version";
        w.template = "new-version";
        w.to.add("secretariat@dgsn.example.ma");
        w.version = 2;
        w.comment = "Version 2 was submitted by mail from intruder@elsewhere.example.";
        w.created = Instant.parse("2026-11-29T10:00:00Z");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(composer.compose(memo, w, null, null)));
        assertThat(m.getSubject()).isEqualTo("[MOU-2026-0001] إصدار جديد 2: مذكرة تفاهم");
        assertThat(m.getHeader("X-Memoflow-Token")).as("no decision is asked").isNull();
        String body = (String) m.getContent();
        assertThat(body).contains("قُدّم إصدار جديد من مذكرتكم MOU-2026-0001", "A new version of your memorandum MOU-2026-0001",
                "version 2", "by mail from intruder@elsewhere.example", "If you did not submit it or expect it");
        assertThat(body.indexOf("قُدّم")).isLessThan(body.indexOf("A new version"));

        memo.language = "en";
        memo.title = "Memorandum";
        MimeMessage en = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(composer.compose(memo, w, null, null)));
        assertThat(en.getSubject()).isEqualTo("[MOU-2026-0001] New version 2: Memorandum");
        assertThat((String) en.getContent()).doesNotContain("قُدّم");
    }

    @Test
    void aTitleWithLineBreaksAndControlCharactersCannotAddAHeaderOrReachTheSubjectRaw() throws Exception {
        MailComposer composer = new MailComposer("memoflow@dgsn.example.ma", new Tokens(new byte[32]));
        Memo memo = new Memo();
        memo.reference = "MOU-2026-0002";
        memo.title = "Patrols\r\nBcc: spy@evil.example\r\n\r\nX\u001B[2J\u0007\u0085\u202Egnp.exe";
        memo.language = "en";
        Memo.WorkItem w = new Memo.WorkItem();
        w.id = "MOU-2026-0002-003-request";
        w.template = "request";
        w.stage = "review";
        w.to.add("legal@dgsn.example.ma");
        w.version = 2;
        w.created = Instant.parse("2026-11-29T10:00:00Z");
        byte[] eml = composer.compose(memo, w, null, null);

        String raw = new String(eml, java.nio.charset.StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        assertThat(headers).doesNotContain("\u001B").doesNotContain("\u0007").doesNotContainPattern("(?m)^Bcc:");
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).endsWith("Decision requested: Patrols Bcc: spy@evil.example X[U+001B][2J[U+0007] [U+202E]gnp.exe");
        String body = (String) m.getContent();
        assertThat(body).doesNotContain("\u001B").doesNotContain("\u202E").contains("X[U+001B][2J[U+0007]");
        assertThat(body).contains("memoflow decide MOU-2026-0002 approve --as legal@dgsn.example.ma --version 2");
    }
}
