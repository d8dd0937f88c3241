package io.memoflow.camel;

import static io.memoflow.testing.MailServer.attachments;
import static io.memoflow.testing.MailServer.header;
import static io.memoflow.testing.MailServer.subject;
import static io.memoflow.testing.MailServer.subjectContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.MailServer;
import io.memoflow.testing.TestHomes;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The whole mail round trip against a real SMTP/IMAP server: a draft mailed in, acknowledged,
 * reviewed and approved by replies, signed and sent to the parties; and forged replies that
 * change nothing.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/MailFlowTest",
        "memoflow.workflow.default=standard",
        "memoflow.reviewers.default=legal@dgsn.example.ma, security@dgsn.example.ma",
        "memoflow.parties.default=DGSN | Abdellatif Hammouchi | Director General | dg@dgsn.example.ma;"
                + " Danish National Police | Mikael Wern | Director of Police | mw@politi.example.dk",
        "memoflow.submitters=secretariat@dgsn.example.ma",
        "memoflow.editors=secretariat@dgsn.example.ma", // the drafts name no author: the secretariat sends their new versions
        "memoflow.sweep.period-ms=300",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailFlowTest {

    static final String SECRETARIAT = "secretariat@dgsn.example.ma";
    static final String LEGAL = "legal@dgsn.example.ma";
    static final String SECURITY = "security@dgsn.example.ma";
    static final String DG = "dg@dgsn.example.ma";
    static final String MW = "mw@politi.example.dk";
    static final String INTRUDER = "intruder@elsewhere.example";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Pattern REF = Pattern.compile("\\[(MOU-\\d{4}-\\d{4})");
    static final Pattern TOKEN = Pattern.compile("MF-[A-Z2-9]{16}");

    static final Path HOME = TestHomes.fresh("MailFlowTest");
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

    @Test
    void aDraftMailedInIsAcknowledgedReviewedAndApprovedByRepliesAndEveryPartyGetsTheSignedPdf() throws Exception {
        MimeMessage draft = MAIL.mail(SECRETARIAT, "Memorandum on police cooperation",
                "The parties agree to exchange information on organised crime.\n\nArticle 2. Each party names a contact point.\n\n-- \nThe secretariat\n");
        MAIL.send(draft);

        MimeMessage ack = MAIL.await(SECRETARIAT, subjectContains("Received", "Memorandum on police cooperation"), WAIT);
        String ref = reference(ack);
        assertThat(header(ack, "In-Reply-To")).isEqualTo(draft.getMessageID());
        assertThat(header(ack, "References")).contains("<" + ref + "@memoflow.example>").contains(draft.getMessageID());

        MimeMessage toLegal = MAIL.await(LEGAL, subjectContains(ref, "Decision requested"), WAIT);
        MimeMessage toSecurity = MAIL.await(SECURITY, subjectContains(ref, "Decision requested"), WAIT);
        for (MimeMessage request : List.of(toLegal, toSecurity)) {
            assertThat(attachments(request)).containsOnlyKeys(ref + "-v1-DRAFT.pdf");
            assertThat(attachments(request).get(ref + "-v1-DRAFT.pdf")).isPositive();
            assertThat(subject(request)).contains(header(request, "X-Memoflow-Token"));
            assertThat(header(request, "References")).isEqualTo("<" + ref + "@memoflow.example>");
            assertThat(request.getMessageID()).matches("<" + ref + "-\\d{3}-request@memoflow\\.example>");
        }
        assertThat(token(toLegal)).isNotEqualTo(token(toSecurity));
        Memo stored = memoflow.store().find(ref).orElseThrow();
        assertThat(stored.title).isEqualTo("Memorandum on police cooperation");
        assertThat(storedText(ref)).startsWith("The parties agree").doesNotContain("The secretariat").doesNotContain("title:");

        MAIL.send(MAIL.reply(toLegal, LEGAL, "APPROVE Article 2 is fine.\nNo further remarks."));
        MAIL.send(MAIL.reply(toSecurity, SECURITY, "موافق، مع ملاحظة بسيطة على المادة الثانية"));

        MimeMessage toDg = MAIL.await(DG, subjectContains(ref, "Decision requested"), WAIT);
        MAIL.send(MAIL.reply(toDg, DG, "Approve"));
        MimeMessage toMw = MAIL.await(MW, subjectContains(ref, "Decision requested"), WAIT);
        MAIL.send(MAIL.reply(toMw, MW, "APPROVE."));

        for (String party : List.of(DG, MW)) {
            MimeMessage signed = MAIL.await(party, subjectContains(ref, "Signed"), WAIT);
            assertThat(attachments(signed)).containsOnlyKeys(ref + ".pdf");
            assertThat(new String(MailServer.firstAttachment(signed), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
            assertThat(header(signed, "References")).isEqualTo("<" + ref + "@memoflow.example>");
        }
        Memo done = memoflow.store().find(ref).orElseThrow();
        assertThat(done.state).isEqualTo(MemoState.COMPLETED);
        assertThat(done.decisions).extracting(d -> d.by + " " + d.decision + " " + d.channel + " " + d.comment).containsExactly(
                LEGAL + " approve mail Article 2 is fine. No further remarks.",
                SECURITY + " approve mail مع ملاحظة بسيطة على المادة الثانية",
                DG + " approve mail ",
                MW + " approve mail ");
        assertThat(HOME.resolve("signed").resolve(ref + ".pdf")).exists();
        // every mail memoflow sent (acknowledgement, 4 requests, 2 signed copies) is in outbox/ too, and none is pending
        assertThat(TestHomes.files(HOME.resolve("outbox"), ref + "-*.eml")).hasSize(7);
        // a mail is recorded as sent just after it is delivered: wait for that record
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> memoflow.store().find(ref).orElseThrow().pendingWork().isEmpty());
    }

    @Test
    void aReplyWithTheRightTokenFromAnotherSenderChangesNothingAndOnlyTheAssigneeIsTold() {
        Review review = open("Memorandum on border checks");
        MAIL.send(MAIL.reply(review.toLegal, INTRUDER, "APPROVE"));

        String reason = awaitRejection(review.ref, "came from " + INTRUDER);
        assertThat(reason).contains("the decision token that memoflow sent to " + LEGAL);
        assertUnchanged(review.ref);
        MimeMessage notice = MAIL.await(LEGAL, subjectContains(review.ref, "Reply not counted"), WAIT);
        assertThat(MailServer.text(notice)).contains(INTRUDER);
        assertThat(MAIL.received(INTRUDER)).isEmpty();
    }

    @Test
    void aReplyFromTheAssigneeWithoutTheTokenChangesNothing() throws Exception {
        Review review = open("Memorandum on training exchanges");
        MimeMessage reply = MAIL.reply(review.toLegal, LEGAL, "APPROVE");
        reply.setSubject(subject(reply).replace(" " + token(review.toLegal), ""), "UTF-8");
        reply.saveChanges();
        assertThat(subject(reply)).contains("[" + review.ref + "]").doesNotContain("MF-");
        MAIL.send(reply);

        awaitRejection(review.ref, "carries no decision token");
        assertUnchanged(review.ref);
        MAIL.await(LEGAL, subjectContains(review.ref, "Reply not counted"), WAIT);
    }

    @Test
    void aTokenOfAnotherMemorandumChangesNothing() throws Exception {
        Review first = open("Memorandum on cyber crime");
        Review second = open("Memorandum on forensic laboratories");
        MimeMessage reply = MAIL.reply(first.toLegal, LEGAL, "APPROVE");
        reply.setSubject(subject(reply).replace(token(first.toLegal), token(second.toLegal)), "UTF-8");
        reply.saveChanges();
        MAIL.send(reply);

        awaitRejection(first.ref, "was not issued for " + first.ref);
        assertUnchanged(first.ref);
        assertUnchanged(second.ref);
    }

    @Test
    void aTokenOfAnOlderVersionChangesNothing() {
        Review v1 = open("Memorandum on missing persons");
        MAIL.send(MAIL.reply(v1.toLegal, LEGAL, "CHANGES Article 3 must name the contact points."));
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(v1.ref).orElseThrow().state == MemoState.CHANGES_REQUESTED);
        MAIL.send(MAIL.mail(SECRETARIAT, "Memorandum on missing persons, version 2",
                "---\nreference: " + v1.ref + "\n---\nThe parties agree to search for missing persons together.\n\nArticle 3. Contact points are named in the annex.\n"));
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(v1.ref).orElseThrow().version == 2);
        MAIL.await(SECURITY, m -> subject(m).contains(v1.ref) && subject(m).contains("Decision requested") && !subject(m).equals(subject(v1.toSecurity)), WAIT);

        MAIL.send(MAIL.reply(v1.toSecurity, SECURITY, "APPROVE"));

        String reason = awaitRejection(v1.ref, "This decision is for version 1, but " + v1.ref + " is at version 2 since ");
        assertThat(reason).contains("read version 2 and decide again").contains("Reply to the latest request for " + v1.ref);
        Memo memo = memoflow.store().find(v1.ref).orElseThrow();
        assertThat(memo.state).isEqualTo(MemoState.IN_REVIEW);
        assertThat(memo.decisions).extracting(d -> d.version + " " + d.by + " " + d.decision).containsExactly("1 " + LEGAL + " changes");
    }

    @Test
    void theSameReplyTwiceCountsOnceAndReadingTheSameMailAgainChangesNothing() throws Exception {
        Review review = open("Memorandum on drug trafficking");
        MimeMessage reply = MAIL.reply(review.toLegal, LEGAL, "APPROVE first reading done");
        MAIL.send(reply);
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(review.ref).orElseThrow().decisions.size() == 1);

        MAIL.send(MAIL.resent(reply));
        String reason = awaitRejection(review.ref, "already decided");
        assertThat(reason).contains(LEGAL);

        ByteArrayOutputStream same = new ByteArrayOutputStream();
        reply.writeTo(same);
        int rejectedBefore = TestHomes.files(HOME.resolve("rejected"), "*.error.txt").size();
        MAIL.deliverRaw(same.toByteArray());
        Awaitility.await().atMost(WAIT).until(() -> MAIL.folder("INBOX").unseen() == 0);
        Thread.sleep(300);
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*.error.txt")).hasSize(rejectedBefore);
        Memo memo = memoflow.store().find(review.ref).orElseThrow();
        assertThat(memo.decisions).extracting(d -> d.by + " " + d.decision).containsExactly(LEGAL + " approve");
        assertThat(memo.state).isEqualTo(MemoState.IN_REVIEW);
    }

    // ------------------------------------------------------------------ helpers

    record Review(String ref, MimeMessage toLegal, MimeMessage toSecurity) {
    }

    /** Mails a draft in as the secretariat and waits for both review requests. */
    Review open(String title) {
        MAIL.send(MAIL.mail(SECRETARIAT, title, "The parties agree on " + title.toLowerCase() + ".\n"));
        MimeMessage ack = MAIL.await(SECRETARIAT, subjectContains("Received", title), WAIT);
        String ref = reference(ack);
        return new Review(ref, MAIL.await(LEGAL, subjectContains(ref, "Decision requested"), WAIT),
                MAIL.await(SECURITY, subjectContains(ref, "Decision requested"), WAIT));
    }

    static String reference(MimeMessage m) {
        Matcher matcher = REF.matcher(subject(m));
        assertThat(matcher.find()).as("a reference in '%s'", subject(m)).isTrue();
        return matcher.group(1);
    }

    static String token(MimeMessage m) {
        Matcher matcher = TOKEN.matcher(subject(m));
        assertThat(matcher.find()).as("a token in '%s'", subject(m)).isTrue();
        return matcher.group();
    }

    /** Waits for an error report in rejected/ that mentions the reference and the text; returns it. */
    static String awaitRejection(String ref, String text) {
        String[] found = new String[1];
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (Path p : TestHomes.files(HOME.resolve("rejected"), "*.eml.error.txt")) {
                String s = TestHomes.read(p);
                if (s.contains(ref) && s.contains(text)) {
                    found[0] = s;
                    Path copy = p.resolveSibling(p.getFileName().toString().replace(".error.txt", ""));
                    assertThat(copy).exists();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    void assertUnchanged(String ref) {
        Memo memo = memoflow.store().find(ref).orElseThrow();
        assertThat(memo.decisions).isEmpty();
        assertThat(memo.state).isEqualTo(MemoState.IN_REVIEW);
        assertThat(memo.version).isEqualTo(1);
        assertThat(memo.stage).isZero();
    }

    String storedText(String ref) throws Exception {
        return Files.readString(HOME.resolve("data").resolve("memos").resolve(ref).resolve("v1.md"));
    }
}
