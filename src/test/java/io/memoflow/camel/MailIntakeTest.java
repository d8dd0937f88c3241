package io.memoflow.camel;

import static io.memoflow.testing.MailServer.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.testing.Fixtures;
import io.memoflow.testing.MailServer;
import io.memoflow.testing.TestHomes;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Mail as it really arrives, read from a real IMAP server: legacy Arabic charsets, encoded
 * subjects, sender and attachment names, HTML without a charset; and mail that cannot be used
 * (poison, strangers, automatic replies), which is quarantined once while the next mail flows.
 * {@link #storedText} and {@link #storedTitle} are what each charset test compares; a check of
 * the rendered PDF can be added there.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/MailIntakeTest",
        "memoflow.workflow.default=auto",
        "memoflow.submitters=secretariat@dgsn.example.ma, @mfa.example.ma",
        "memoflow.limits.draft-bytes=65536",
        "memoflow.imap.max-bytes=400000",
        "memoflow.sweep.period-ms=300"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailIntakeTest {

    static final String SECRETARIAT = "secretariat@dgsn.example.ma";
    static final Charset CP1256 = Charset.forName("windows-1256");
    static final Charset ISO_8859_6 = Charset.forName("ISO-8859-6");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Pattern REF = Pattern.compile("\\[(MOU-\\d{4}-\\d{4})");

    static final Path HOME = TestHomes.fresh("MailIntakeTest");
    static final MailServer MAIL = MailServer.start();

    static {
        MAIL.configure(HOME, Map.of());
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    Memoflow memoflow;

    /** Stops memoflow before its mail server, so that nothing is sent to a server that is gone. */
    @AfterAll
    void stopMemoflowThenTheMailServer() {
        context.stop();
        MAIL.stopServer();
    }

    // ------------------------------------------------------------------ charsets

    @Test
    void aWindows1256BodyWithAnEncodedSubjectAndSenderNameArrivesIntact() throws Exception {
        String article = Fixtures.text(Fixtures.PASTED_ARTICLE);
        assertThat(CP1256.newEncoder().canEncode(article)).isTrue();
        String title = "مذكرة تفاهم بشأن التعاون الأمني";
        String id = MailServer.messageId();
        MAIL.deliverRaw(mail(id, "From: " + encodedWord("الأمانة العامة", CP1256, 'Q') + " <" + SECRETARIAT + ">",
                "Subject: " + encodedWord(title, CP1256, 'B'),
                "Content-Type: text/plain; charset=windows-1256",
                "Content-Transfer-Encoding: quoted-printable").body(quotedPrintable(article.getBytes(CP1256))));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo(normalised(article));
        assertThat(storedTitle(ref)).isEqualTo(title);
        assertThat(memoflow.store().find(ref).orElseThrow().language).isEqualTo("ar");
        assertInPdf(ref, article, title);
    }

    @Test
    void anIso88596BodyWithAQEncodedSubjectArrivesIntact() {
        String text = "يتفق الطرفان على تبادل المعلومات، وعلى التعاون في مجال التدريب.\n\nتدخل هذه المذكرة حيز التنفيذ من تاريخ توقيعها.\n";
        String title = "مذكرة تفاهم في مجال التدريب";
        String id = MailServer.messageId();
        MAIL.deliverRaw(mail(id, "From: " + SECRETARIAT, "Subject: " + encodedWord(title, ISO_8859_6, 'Q'),
                "Content-Type: text/plain; charset=ISO-8859-6",
                "Content-Transfer-Encoding: base64").body(base64(text.getBytes(ISO_8859_6))));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo(text);
        assertThat(storedTitle(ref)).isEqualTo(title);
        assertInPdf(ref, text, title);
    }

    @Test
    void aLegacyArabicBodyWithAnUnknownCharsetLabelAndARawSubjectIsDetected() {
        String text = "مذكرة تفاهم\n\nيلتزم الطرفان بحماية المعطيات الشخصية المتبادلة.\n";
        String title = "حماية المعطيات";
        String id = MailServer.messageId();
        byte[] subject = ("Subject: " + new String(title.getBytes(CP1256), StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        MAIL.deliverRaw(mail(id, "From: " + SECRETARIAT, new String(subject, StandardCharsets.ISO_8859_1),
                "Content-Type: text/plain; charset=\"x-arabic-unknown\"",
                "Content-Transfer-Encoding: 8bit").body(text.replace("\n", "\r\n").getBytes(CP1256)));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo("مذكرة تفاهم\n\nيلتزم الطرفان بحماية المعطيات الشخصية المتبادلة.\n");
        assertThat(storedTitle(ref)).isEqualTo(title);
        assertInPdf(ref, storedText(ref), title);
    }

    @Test
    void aDraftAttachmentNamedInRfc2231AndEncodedInWindows1256ArrivesIntact() {
        String text = "يتعاون الطرفان في مكافحة الجريمة المنظمة العابرة للحدود.\n";
        String name = "مسودة المذكرة.txt";
        String title = "مسودة مذكرة التعاون";
        String id = MailServer.messageId();
        String rfc2231 = "UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        MAIL.deliverRaw(mail(id, "From: " + SECRETARIAT, "Subject: " + encodedWord(title, StandardCharsets.UTF_8, 'B'),
                "Content-Type: multipart/mixed; boundary=\"b1\"").body(multipart("b1",
                        part("Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit")
                                .body("The draft is attached.\r\n".getBytes(StandardCharsets.UTF_8)),
                        part("Content-Type: text/plain; charset=windows-1256; name*=" + rfc2231,
                                "Content-Disposition: attachment; filename*=" + rfc2231,
                                "Content-Transfer-Encoding: base64").body(base64(text.getBytes(CP1256))))));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo(text);
        assertThat(storedTitle(ref)).isEqualTo(title);
        assertThat(String.join("\n", memoflow.store().find(ref).orElseThrow().audit)).contains(name);
    }

    @Test
    void aDraftAttachmentNamedInRfc2047KeepsTheTitleOfItsFrontMatter() {
        String draft = "---\ntitle: مذكرة بشأن تبادل الخبرات\n---\nيتبادل الطرفان الخبرات في مجال الأدلة الجنائية.\n";
        String name = "مذكرة.md";
        String id = MailServer.messageId();
        MAIL.deliverRaw(mail(id, "From: someone@mfa.example.ma", "Subject: Fwd: draft",
                "Content-Type: multipart/mixed; boundary=\"b2\"").body(multipart("b2",
                        part("Content-Type: text/markdown; name=\"" + encodedWord(name, CP1256, 'B') + "\"",
                                "Content-Disposition: attachment; filename=\"" + encodedWord(name, CP1256, 'B') + "\"",
                                "Content-Transfer-Encoding: base64").body(base64(draft.getBytes(StandardCharsets.UTF_8))))));

        String ref = referenceFor(id, "someone@mfa.example.ma");
        assertThat(storedText(ref)).isEqualTo("يتبادل الطرفان الخبرات في مجال الأدلة الجنائية.\n");
        assertThat(storedTitle(ref)).isEqualTo("مذكرة بشأن تبادل الخبرات");
        assertInPdf(ref, storedText(ref), "مذكرة بشأن تبادل الخبرات");
        assertThat(String.join("\n", memoflow.store().find(ref).orElseThrow().audit)).contains(name);
    }

    @Test
    void anHtmlBodyWithoutACharsetParameterArrivesAsItsText() {
        String html = "<!DOCTYPE html><html><head><meta charset=\"windows-1256\"><title>لا</title><style>p{color:red}</style></head>"
                + "<body><p>يلتزم الطرفان&nbsp;بما يلي:</p><ul><li>تبادل المعلومات</li><li>التدريب &amp; التأهيل</li></ul>"
                + "<script>document.write('x')</script><img src=\"http://tracker.example/p.gif\"></body></html>";
        String id = MailServer.messageId();
        MAIL.deliverRaw(mail(id, "From: " + SECRETARIAT, "Subject: =?UTF-8?B?" + base64Text("التزامات الطرفين") + "?=",
                "Content-Type: text/html", "Content-Transfer-Encoding: 8bit").body(html.getBytes(CP1256)));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo("يلتزم الطرفان بما يلي:\n\n- تبادل المعلومات\n- التدريب & التأهيل\n");
        assertThat(storedTitle(ref)).isEqualTo("التزامات الطرفين");
        assertInPdf(ref, storedText(ref), "التزامات الطرفين");
    }

    @Test
    void aWordDraftAttachedToAMailBecomesASignedMemorandumWithTheOriginalKept() throws Exception {
        byte[] docx;
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc = new org.apache.poi.xwpf.usermodel.XWPFDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle("مذكرة مرفقة بصيغة وورد");
            for (String line : List.of("يتعاون الطرفان في تكوين المحققين.", "ويتبادلان الخبرات في مجال الأدلة الرقمية.")) {
                var p = doc.createParagraph();
                p.getCTP().addNewPPr().addNewBidi();
                p.createRun().setText(line);
            }
            doc.write(out);
            docx = out.toByteArray();
        }
        String id = MailServer.messageId();
        MAIL.deliverRaw(mail(id, "From: " + SECRETARIAT, "Subject: Word draft",
                "Content-Type: multipart/mixed; boundary=\"bw\"").body(multipart("bw",
                        part("Content-Type: text/plain; charset=UTF-8").body("The draft is attached.\r\n".getBytes(StandardCharsets.UTF_8)),
                        part("Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                "Content-Disposition: attachment; filename=\"memo.docx\"", "Content-Transfer-Encoding: base64")
                                .body(base64(docx)))));

        String ref = referenceFor(id);
        assertThat(storedText(ref)).isEqualTo("يتعاون الطرفان في تكوين المحققين.\n\nويتبادلان الخبرات في مجال الأدلة الرقمية.\n");
        assertThat(storedTitle(ref)).isEqualTo("مذكرة مرفقة بصيغة وورد");
        assertThat(memoflow.store().getFile(ref, "v1-original.docx")).contains(docx);
        assertInPdf(ref, storedText(ref), "مذكرة مرفقة بصيغة وورد");
    }

    @Test
    void aScannedPdfAttachedToAMailIsQuarantinedWithItsReason() {
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: scanned counter-draft",
                "Content-Type: multipart/mixed; boundary=\"bs\"").body(multipart("bs",
                        part("Content-Type: text/plain; charset=UTF-8").body("See the scan.\r\n".getBytes(StandardCharsets.UTF_8)),
                        part("Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"counter.pdf\"",
                                "Content-Transfer-Encoding: base64").body(base64(io.memoflow.testing.OfficeDocs.scannedPdf())))));

        assertThat(awaitRejection("scanned counter-draft", "no text in it, only pictures")).contains("memoflow-quarantine");
    }

    // ------------------------------------------------------------------ what cannot be used

    @Test
    void poisonMailIsQuarantinedOnceWithItsReasonAndTheNextMailStillFlows() throws Exception {
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: poison 1 broken front matter",
                "Content-Type: text/plain; charset=UTF-8").body("---\ntitle: [never closed\n---\nText.\n".getBytes(StandardCharsets.UTF_8)));
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: poison 2 empty multipart",
                "Content-Type: multipart/mixed; boundary=\"empty\"").body("--empty--\r\n".getBytes(StandardCharsets.US_ASCII)));
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: poison 3 attachment over the limit",
                "Content-Type: multipart/mixed; boundary=\"b3\"").body(multipart("b3",
                        part("Content-Type: text/plain; charset=UTF-8").body("See the attachment.\r\n".getBytes(StandardCharsets.UTF_8)),
                        part("Content-Type: text/plain; charset=UTF-8", "Content-Disposition: attachment; filename=\"big.txt\"",
                                "Content-Transfer-Encoding: base64").body(base64("Article. ".repeat(10_000).getBytes(StandardCharsets.UTF_8))))));
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: poison 4 mail over the size limit",
                "Content-Type: multipart/mixed; boundary=\"b4\"").body(multipart("b4",
                        part("Content-Type: text/plain; charset=UTF-8").body("A large scan.\r\n".getBytes(StandardCharsets.UTF_8)),
                        part("Content-Type: application/pdf", "Content-Disposition: attachment; filename=\"scan.pdf\"",
                                "Content-Transfer-Encoding: base64").body(base64(new byte[400_000])))));
        String good = MailServer.messageId();
        MAIL.deliverRaw(mail(good, "From: " + SECRETARIAT, "Subject: after the poison",
                "Content-Type: text/plain; charset=UTF-8").body("The next memorandum still flows.\n".getBytes(StandardCharsets.UTF_8)));

        String ref = referenceFor(good);
        assertThat(storedTitle(ref)).isEqualTo("after the poison");
        Map<String, String> reasons = Map.of(
                "poison 1", "front matter",
                "poison 2", "multipart message whose parts cannot be found",
                "poison 3", "\"big.txt\" is larger than 65536 bytes",
                "poison 4", "was not even fetched");
        for (var e : reasons.entrySet()) {
            String report = awaitRejection(e.getKey(), e.getValue());
            assertThat(report).contains("memoflow-quarantine");
        }
        Awaitility.await().atMost(WAIT).until(() -> MAIL.subjects("memoflow-quarantine").stream().filter(s -> s.startsWith("poison")).count() == 4);
        Thread.sleep(1000); // several more polls: nothing is read again
        for (String poison : reasons.keySet()) {
            assertThat(reports(poison)).as(poison).hasSize(1);
            assertThat(MAIL.subjects("memoflow-quarantine").stream().filter(s -> s.startsWith(poison))).as(poison).hasSize(1);
        }
        assertThat(copyOf(reports("poison 4").get(0))).doesNotExist();
        assertThat(copyOf(reports("poison 1").get(0))).exists();
        assertThat(MAIL.folder("INBOX").unseen()).isZero();
        assertThat(MAIL.received(SECRETARIAT)).noneMatch(m -> MailServer.subject(m).matches(".*poison \\d.*"));
    }

    @Test
    void mailFromSomeoneWhoMayNotSubmitIsQuarantinedAndNotAnswered() {
        String stranger = "someone@elsewhere.example";
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + stranger, "Subject: stranger's draft",
                "Content-Type: text/plain; charset=UTF-8").body("Please sign this.\n".getBytes(StandardCharsets.UTF_8)));

        String report = awaitRejection("stranger's draft", "not from an allowed submitter");
        assertThat(report).contains("secretariat@dgsn.example.ma, @mfa.example.ma").contains("was not answered");
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().contains("Please sign"));
        assertThat(MAIL.received(stranger)).isEmpty();
    }

    @Test
    void anAutomaticReplyIsQuarantinedAndNotAnswered() {
        MAIL.deliverRaw(mail(MailServer.messageId(), "From: " + SECRETARIAT, "Subject: Out of office",
                "Auto-Submitted: auto-replied", "Content-Type: text/plain; charset=UTF-8")
                .body("I am away until Monday.\n".getBytes(StandardCharsets.UTF_8)));

        awaitRejection("Out of office", "not written by a person");
        assertThat(MAIL.received(SECRETARIAT)).noneMatch(m -> MailServer.subject(m).contains("Out of office"));
    }

    // ------------------------------------------------------------------ helpers

    /** The text memoflow stored as version 1 (what a PDF check would compare against, too). */
    String storedText(String ref) {
        return TestHomes.read(HOME.resolve("data").resolve("memos").resolve(ref).resolve("v1.md"));
    }

    /** The signed PDF of the memorandum carries the text and the title, word for word (pdftotext, no normalisation). */
    void assertInPdf(String ref, String text, String title) {
        Path pdf = TestHomes.await(HOME.resolve("signed"), ref + ".pdf", 1, WAIT).get(0);
        java.util.List<String> words = io.memoflow.document.PdfTools.words(io.memoflow.document.PdfTools.pdftotext(pdf));
        assertThat(io.memoflow.document.PdfTools.recall(io.memoflow.document.PdfTools.words(text), words)).as("text recall in the PDF")
                .isGreaterThanOrEqualTo(0.99);
        assertThat(io.memoflow.document.PdfTools.recall(io.memoflow.document.PdfTools.words(title), words)).as("title in the PDF")
                .isEqualTo(1.0);
    }

    /** The title in memo.json. */
    String storedTitle(String ref) {
        Memo memo = memoflow.store().find(ref).orElseThrow();
        return memo.title;
    }

    /** The reference of the memorandum made from the mail with this Message-ID (from its acknowledgement). */
    String referenceFor(String messageId) {
        return referenceFor(messageId, SECRETARIAT);
    }

    String referenceFor(String messageId, String submitter) {
        var ack = MAIL.await(submitter, m -> messageId.equals(header(m, "In-Reply-To")), WAIT);
        Matcher m = REF.matcher(MailServer.subject(ack));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String normalised(String text) {
        return text.replace("\r\n", "\n");
    }

    static List<Path> reports(String text) {
        return TestHomes.files(HOME.resolve("rejected"), "*.eml.error.txt").stream().filter(p -> TestHomes.read(p).contains(text)).toList();
    }

    static Path copyOf(Path report) {
        return report.resolveSibling(report.getFileName().toString().replace(".error.txt", ""));
    }

    static String awaitRejection(String subject, String reason) {
        String[] found = new String[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (Path p : reports(subject)) {
                String s = TestHomes.read(p);
                if (s.contains(reason)) {
                    found[0] = s;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    // a small builder for hand-made mails

    record Raw(List<String> headers, byte[] body) {
        Raw body(byte[] bytes) {
            return new Raw(headers, bytes);
        }

        byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String h : headers) {
                out.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            out.writeBytes(new byte[] {'\r', '\n'});
            out.writeBytes(body == null ? new byte[0] : body);
            return out.toByteArray();
        }
    }

    /** A mail to memoflow with these headers (plus Message-ID, To, Date, MIME-Version); give its body next. */
    static MailBuilder mail(String messageId, String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("Message-ID: " + messageId, "To: " + MailServer.MEMOFLOW,
                "Date: Mon, 5 Jan 2026 10:00:00 +0100", "MIME-Version: 1.0"));
        all.addAll(List.of(headers));
        return new MailBuilder(all);
    }

    record MailBuilder(List<String> headers) {
        byte[] body(byte[] body) {
            return new Raw(headers, body).bytes();
        }
    }

    static Raw part(String... headers) {
        return new Raw(List.of(headers), null);
    }

    static byte[] multipart(String boundary, Raw... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Raw p : parts) {
            out.writeBytes(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(p.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static String encodedWord(String text, Charset charset, char encoding) {
        try {
            return MimeUtility.encodeWord(text, charset.name(), String.valueOf(encoding));
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Text(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encode(bytes);
    }

    static byte[] quotedPrintable(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream qp = MimeUtility.encode(out, "quoted-printable")) {
            qp.write(bytes);
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
        return out.toByteArray();
    }
}
