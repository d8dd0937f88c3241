package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.Eml;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stage dispatch, notification and render-sign routes working together with the two intake
 * routes: real files in, real .eml and PDF files out.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/WorkflowRoutesTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowRoutesTest {

    static final Path HOME = TestHomes.fresh("WorkflowRoutesTest");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final AtomicInteger DRAFTS = new AtomicInteger();

    @BeanInject
    Memoflow memoflow;

    static String draft(String title, String extra) {
        return "---\n"
                + "title: " + title + "\n"
                + "author: secretariat@dgsn.example.ma\n"
                + "parties:\n"
                + "  - name: المديرية العامة للأمن الوطني\n"
                + "    signatory: عبد اللطيف حموشي\n"
                + "    title: المدير العام\n"
                + "    email: dg@dgsn.example.ma\n"
                + "  - name: Danish National Police\n"
                + "    signatory: Mikael Wern\n"
                + "    title: Director of Police\n"
                + "    email: mw@politi.example.dk\n"
                + "reviewers: [legal@dgsn.example.ma, security@dgsn.example.ma]\n"
                + "cc: [embassy@um.example.dk]\n"
                + extra
                + "---\n"
                + "# " + title + "\n\nتتعاون الأطراف في مجال الأمن. The parties cooperate.\n";
    }

    private String submit(String text) {
        String name = "draft-" + DRAFTS.incrementAndGet() + ".md";
        int before = memoflow.store().list().size();
        TestHomes.drop(HOME.resolve("inbox"), name, text);
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().size() > before);
        return memoflow.store().list().get(0).reference();
    }

    /** A decision on the memorandum's current version (version 1 for a memorandum memoflow does not have). */
    private void decide(String ref, String by, DecisionKind kind, String comment) {
        TestHomes.drop(HOME.resolve("decisions"), ref + "-" + by + "-" + System.nanoTime() + ".decision",
                DecisionFiles.format(ref, memoflow.store().find(ref).map(m -> m.version).orElse(1), by, kind, comment));
    }

    private Memo memo(String ref) {
        return memoflow.store().find(ref).orElseThrow();
    }

    private List<MimeMessage> mails(String ref, String template, int atLeast) {
        TestHomes.await(HOME.resolve("outbox"), ref + "-*-" + template + ".eml", atLeast, WAIT);
        return TestHomes.files(HOME.resolve("outbox"), ref + "-*-" + template + ".eml").stream().map(Eml::read).toList();
    }

    private void awaitDecisions(String ref, int n) {
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).decisions.size() >= n);
    }

    @Test
    void reviewersThenEachSignatoryInTurnLeadToASignedPdfMailedToEveryParty() {
        String ref = submit(draft("Security cooperation", ""));
        List<MimeMessage> requests = mails(ref, "request", 2);
        assertThat(requests).flatExtracting(Eml::to).containsExactlyInAnyOrder("legal@dgsn.example.ma", "security@dgsn.example.ma");
        for (MimeMessage m : requests) {
            assertThat(Eml.attachments(m)).containsKey(ref + "-v1-DRAFT.pdf");
            assertThat(Eml.subject(m)).startsWith("[" + ref + " MF-");
            assertThat(Eml.text(m)).contains("memoflow decide " + ref + " approve --as");
        }

        decide(ref, "legal@dgsn.example.ma", DecisionKind.APPROVE, "");
        decide(ref, "security@dgsn.example.ma", DecisionKind.APPROVE, "Fine.");
        List<MimeMessage> signatory = mails(ref, "request", 3);
        assertThat(signatory).flatExtracting(Eml::to).contains("dg@dgsn.example.ma").doesNotContain("mw@politi.example.dk");

        decide(ref, "dg@dgsn.example.ma", DecisionKind.APPROVE, "");
        assertThat(mails(ref, "request", 4)).flatExtracting(Eml::to).contains("mw@politi.example.dk");
        decide(ref, "mw@politi.example.dk", DecisionKind.APPROVE, "");

        TestHomes.await(HOME.resolve("signed"), ref + ".pdf", 1, WAIT);
        List<MimeMessage> done = mails(ref, "completed", 4);
        assertThat(done).flatExtracting(Eml::to).containsExactlyInAnyOrder("dg@dgsn.example.ma", "mw@politi.example.dk",
                "embassy@um.example.dk", "secretariat@dgsn.example.ma");
        for (MimeMessage m : done) {
            assertThat(Eml.attachments(m)).containsKey(ref + ".pdf");
        }
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).pendingWork().isEmpty());
        Memo memo = memo(ref);
        assertThat(memo.state).isEqualTo(MemoState.COMPLETED);
        assertThat(memo.decisions).extracting(d -> d.by).containsExactly("legal@dgsn.example.ma", "security@dgsn.example.ma",
                "dg@dgsn.example.ma", "mw@politi.example.dk");
    }

    @Test
    void changesTellTheAuthorWithTheCommentAndAResubmissionIsVersionTwoThatStartsAgain() {
        String ref = submit(draft("Training exchange", ""));
        mails(ref, "request", 2);
        decide(ref, "legal@dgsn.example.ma", DecisionKind.CHANGES, "Article 3 must name the liaison officers.");
        MimeMessage told = mails(ref, "changes", 1).get(0);
        assertThat(Eml.to(told)).containsExactly("secretariat@dgsn.example.ma");
        assertThat(Eml.text(told)).contains("Article 3 must name the liaison officers.");
        assertThat(memo(ref).state).isEqualTo(MemoState.CHANGES_REQUESTED);

        TestHomes.drop(HOME.resolve("inbox"), "v2.md", draft("Training exchange", "reference: " + ref + "\n")
                .replace("The parties cooperate.", "The parties cooperate through named liaison officers."));
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).version == 2);
        assertThat(memo(ref).state).isEqualTo(MemoState.IN_REVIEW);
        List<MimeMessage> requests = mails(ref, "request", 4);
        assertThat(requests.stream().filter(m -> Eml.text(m).contains("(version 2"))).hasSize(2);
        assertThat(memoflow.store().getFile(ref, "v2.md").map(String::new).orElseThrow()).contains("named liaison officers");
    }

    @Test
    void aDecisionForVersionOneDroppedAfterVersionTwoWasSubmittedIsRejectedWithTheCurrentVersionAndChangesNothing() {
        String ref = submit(draft("Liaison amounts", ""));
        mails(ref, "request", 2);
        decide(ref, "legal@dgsn.example.ma", DecisionKind.CHANGES, "The amount is too low.");
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).state == MemoState.CHANGES_REQUESTED);
        TestHomes.drop(HOME.resolve("inbox"), "v2-amounts.md", draft("Liaison amounts", "reference: " + ref + "\n")
                .replace("The parties cooperate.", "The parties contribute 1,000,000 EUR."));
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).version == 2 && memo(ref).state == MemoState.IN_REVIEW);
        mails(ref, "request", 4);
        // a mail is in the outbox before its sending is recorded: the snapshot is taken once all of it is recorded
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).pendingWork().isEmpty());
        Memo before = memo(ref);

        TestHomes.drop(HOME.resolve("decisions"), "stale-v1.decision", DecisionFiles.format(ref, 1, "security@dgsn.example.ma",
                DecisionKind.APPROVE, "1,000 EUR is fine."));
        TestHomes.drop(HOME.resolve("decisions"), "no-version.decision", "memo: " + ref
                + "\nby: security@dgsn.example.ma\ndecision: approve\n");

        String stale = TestHomes.read(TestHomes.await(HOME.resolve("rejected"), "*stale-v1.decision.error.txt", 1, WAIT).get(0));
        assertThat(stale).contains("This decision is for version 1, but " + ref + " is at version 2 since ")
                .contains(": read version 2 and decide again.").contains("version: 2");
        String unversioned = TestHomes.read(TestHomes.await(HOME.resolve("rejected"), "*no-version.decision.error.txt", 1, WAIT)
                .get(0));
        assertThat(unversioned).contains("does not say which version of " + ref + " it decides on")
                .contains("Add the line 'version: N'");
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*stale-v1.decision")).hasSize(1);
        Memo after = memo(ref);
        assertThat(after.audit).isEqualTo(before.audit);
        assertThat(after.decisions).hasSameSizeAs(before.decisions);
        assertThat(after.state).isEqualTo(MemoState.IN_REVIEW);
        assertThat(after.version).isEqualTo(2);
    }

    @Test
    void rejectEndsTheMemorandumAndTheAuthorIsTold() {
        String ref = submit(draft("Data exchange", ""));
        mails(ref, "request", 2);
        decide(ref, "security@dgsn.example.ma", DecisionKind.REJECT, "Out of scope.");
        MimeMessage told = mails(ref, "rejected", 1).get(0);
        assertThat(Eml.text(told)).contains("Out of scope.").contains("A rejection is final.");
        assertThat(memo(ref).state).isEqualTo(MemoState.REJECTED);
    }

    @Test
    void decisionsThatCannotCountAreRejectedWithTheirReasonAndChangeNothing() {
        String ref = submit(draft("Joint patrols", ""));
        mails(ref, "request", 2);
        // each request is recorded as sent just after its file is in outbox/: wait for that too
        Awaitility.await().atMost(WAIT).until(() -> memo(ref).pendingWork().isEmpty());
        String before = String.join("\n", memo(ref).audit);
        int earlier = TestHomes.files(HOME.resolve("rejected"), "*.error.txt").size(); // other tests' rejections
        decide(ref, "stranger@example.org", DecisionKind.APPROVE, "");
        decide(ref, "secretariat@dgsn.example.ma", DecisionKind.APPROVE, "");
        decide("MOU-2026-9999", "legal@dgsn.example.ma", DecisionKind.APPROVE, "");
        TestHomes.drop(HOME.resolve("decisions"), "garbled.decision", "memo " + ref + " approve please\n");
        decide(ref, "dg@dgsn.example.ma", DecisionKind.APPROVE, "");

        List<Path> reasons = TestHomes.await(HOME.resolve("rejected"), "*.error.txt", earlier + 5, WAIT);
        String all = reasons.stream().map(TestHomes::read).reduce("", String::concat);
        assertThat(all).contains("stranger@example.org is not an assignee of the current stage 'review' of " + ref)
                .contains("secretariat@dgsn.example.ma is the author of " + ref)
                .contains("There is no memorandum with the reference MOU-2026-9999")
                .contains("not a list of 'key: value' lines")
                .contains("dg@dgsn.example.ma is not an assignee of the current stage 'review'");
        assertThat(String.join("\n", memo(ref).audit)).isEqualTo(before);
        assertThat(memo(ref).decisions).isEmpty();
    }
}
