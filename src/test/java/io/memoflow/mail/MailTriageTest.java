package io.memoflow.mail;

import static io.memoflow.mail.MailRepliesTest.LEGAL;
import static io.memoflow.mail.MailRepliesTest.memo;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.memo.Memo;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every way {@link MailTriage} can decide, from mails written as RFC 5322 text; no Camel, no mail
 * server. MOU-2026-0007 (see {@link MailRepliesTest#memo}) is the one memorandum there is.
 */
class MailTriageTest {

    static final String OWN = "memoflow@memoflow.example";
    static final String SECRETARIAT = "secretariat@dgsn.example.ma";
    static final String STRANGER = "someone@elsewhere.example";
    static final String REF = "MOU-2026-0007";

    final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    final Memo memo = memo(1);
    final MailTriage triage = new MailTriage(new MailReplies(tokens, "memoflow.example"), new Submitters(List.of(SECRETARIAT)),
            "Memoflow@Memoflow.example", reference -> REF.equals(reference) ? Optional.of(memo) : Optional.empty());

    String token(String who) {
        return tokens.issue(REF, 1, "review", who);
    }

    static IncomingMail mail(String... lines) {
        return IncomingMailTest.parse(lines);
    }

    /** A one-part mail with an id, a sender, a subject and a body. */
    static IncomingMail mail(String from, String subject, String body) {
        return mail("From: " + from, "Subject: " + subject, "Message-ID: <m-" + (from + subject).hashCode() + "@people.example>", "", body);
    }

    /** A mail whose text says {@code body} and which carries one attachment. */
    static IncomingMail withAttachment(String from, String subject, String body, String fileName, String attachment) {
        return mail("From: " + from, "Subject: " + subject, "Message-ID: <a-" + (from + subject).hashCode() + "@people.example>",
                "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain", "", body, "--b",
                "Content-Type: text/plain; charset=UTF-8", "Content-Disposition: attachment; filename=" + fileName, "", attachment,
                "--b--");
    }

    static MailTriage.SetAside setAside(MailTriage.Verdict verdict) {
        assertThat(verdict).isInstanceOf(MailTriage.SetAside.class);
        return (MailTriage.SetAside) verdict;
    }

    // ------------------------------------------------------------------ submissions

    @Test
    void aDraftFromAnAllowedSubmitterIsASubmission() {
        IncomingMail mail = mail(SECRETARIAT, "Cooperation in training", "The parties agree to train together.\n");
        MailTriage.Verdict verdict = triage.triage(mail);
        assertThat(verdict).isInstanceOfSatisfying(MailTriage.Submission.class, s -> {
            assertThat(s.submitter()).isEqualTo(SECRETARIAT);
            assertThat(s.key()).isEqualTo(mail.key());
            assertThat(s.draft().name()).isEqualTo("mail.md");
            assertThat(new String(s.draft().content(), StandardCharsets.UTF_8))
                    .startsWith("---\ntitle: \"Cooperation in training\"\n---\n").contains("The parties agree to train together.");
            assertThat(s.label()).isEqualTo("mail.md (" + mail.describe() + ")");
        });
    }

    @Test
    void aDraftAttachedByAnAllowedSubmitterIsASubmissionOfTheAttachment() {
        MailTriage.Verdict verdict = triage.triage(withAttachment(SECRETARIAT, "Draft", "See attached.", "draft.md", "Body of the draft."));
        assertThat(verdict).isInstanceOfSatisfying(MailTriage.Submission.class, s -> {
            assertThat(s.draft().name()).isEqualTo("draft.md");
            assertThat(new String(s.draft().content(), StandardCharsets.UTF_8)).contains("Body of the draft.");
        });
    }

    @Test
    void mailFromAStrangerIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(STRANGER, "A draft", "Text.")));
        assertThat(aside.reason()).contains("is not from an allowed submitter (memoflow.submitters: " + SECRETARIAT + ")")
                .contains("was not answered");
        assertThat(aside.advice()).contains("memoflow.submitters");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    @Test
    void mailWithoutAValidSenderIsSetAsideAsNotFromASubmitterAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail("Subject: A draft", "", "Text.")));
        assertThat(aside.reason()).contains("is not from an allowed submitter");
        assertThat(aside.tell()).isNull();
    }

    @Test
    void mailFromAnAllowedSubmitterWithoutADraftIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(SECRETARIAT, "Nothing", "\n-- \nThe Secretariat\n")));
        assertThat(aside.reason()).startsWith("The mail has no draft");
        assertThat(aside.advice()).contains(".md or .txt");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    @Test
    void mailFromAnAllowedSubmitterWithTwoDraftsIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail("From: " + SECRETARIAT, "Subject: Two", "Content-Type: multipart/mixed; boundary=b",
                "", "--b", "Content-Disposition: attachment; filename=a.md", "", "A", "--b",
                "Content-Disposition: attachment; filename=b.txt", "", "B", "--b--")));
        assertThat(aside.reason()).contains("2 attachments that could be the draft");
        assertThat(aside.tell()).isNull();
    }

    // ------------------------------------------------------------------ mail that is never used

    @Test
    void mailFromMemoflowsOwnAddressIsSetAsideAsALoopAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(OWN, "Re: [" + REF + " " + token(LEGAL) + "] X", "APPROVE")));
        assertThat(aside.reason()).isEqualTo("The mail comes from memoflow's own address " + OWN + " (a loop or a bounce).");
        assertThat(aside.advice()).isEqualTo("Nothing to do; memoflow does not read its own mail.");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    @Test
    void automaticMailIsSetAsideEvenWithAValidTokenAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail("From: " + LEGAL, "Subject: Re: [" + REF + " " + token(LEGAL) + "] X",
                "Auto-Submitted: auto-replied", "", "APPROVE")));
        assertThat(aside.reason()).isEqualTo("The mail was not written by a person: it is marked Auto-Submitted: auto-replied.");
        assertThat(aside.advice()).startsWith("Nothing to do; memoflow neither counts nor answers automatic mail.");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    // ------------------------------------------------------------------ replies

    @Test
    void aReplyWithAValidTokenIsADecision() {
        IncomingMail mail = mail(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] Decision requested", "CHANGES see article 3");
        MailTriage.Verdict verdict = triage.triage(mail);
        assertThat(verdict).isInstanceOfSatisfying(MailTriage.DecisionReply.class, d -> {
            assertThat(d.decision().reference()).isEqualTo(REF);
            assertThat(d.decision().by()).isEqualTo(LEGAL);
            assertThat(d.decision().kind()).isEqualTo(DecisionKind.CHANGES);
            assertThat(d.decision().comment()).isEqualTo("see article 3");
            assertThat(d.decision().intakeKey()).isEqualTo(mail.key());
            assertThat(d.tellIfRefused()).isEqualTo(LEGAL);
        });
    }

    @Test
    void aReplyWithAValidTokenIsADecisionEvenWithADraftAttached() {
        MailTriage.Verdict verdict = triage.triage(withAttachment(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] X", "APPROVE",
                "changes.md", "My version."));
        assertThat(verdict).isInstanceOf(MailTriage.DecisionReply.class);
    }

    @Test
    void aMailAnsweringAMemorandumWithoutATokenButWithADraftAttachedIsASubmission() {
        MailTriage.Verdict verdict = triage.triage(withAttachment(SECRETARIAT, "Re: [" + REF + "] X", "New draft attached.", "v2.md",
                "The new draft."));
        assertThat(verdict).isInstanceOfSatisfying(MailTriage.Submission.class, s -> assertThat(s.draft().name()).isEqualTo("v2.md"));
    }

    @Test
    void aReplyWithoutATokenFromAnAssigneeIsSetAsideAndTheAssigneeIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(LEGAL, "Re: [" + REF + "] X", "APPROVE")));
        assertThat(aside.reason()).contains("carries no decision token");
        assertThat(aside.reference()).isEqualTo(REF);
        assertThat(aside.tell()).isEqualTo(LEGAL);
        assertThat(aside.message()).isEqualTo(aside.reason() + "\n\nWhat to do: " + aside.advice());
    }

    @Test
    void aReplyWithoutATokenFromAStrangerIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(STRANGER, "Re: [" + REF + "] X", "APPROVE")));
        assertThat(aside.reason()).contains("carries no decision token");
        assertThat(aside.reference()).isEqualTo(REF);
        assertThat(aside.tell()).isNull();
    }

    @Test
    void aReplyWithAForgedTokenIsSetAsideAndTheAssigneeIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(STRANGER, "Re: [" + REF + " " + token(LEGAL) + "] X", "APPROVE")));
        assertThat(aside.reason()).contains("sent to " + LEGAL).contains("came from " + STRANGER);
        assertThat(aside.reference()).isEqualTo(REF);
        assertThat(aside.tell()).isEqualTo(LEGAL);
    }

    @Test
    void aReplyWithATokenOfAnotherMemorandumFromAStrangerIsSetAsideAndNobodyIsTold() {
        String foreign = tokens.issue("MOU-2026-0008", 1, "review", STRANGER);
        MailTriage.SetAside aside = setAside(triage.triage(mail(STRANGER, "Re: [" + REF + " " + foreign + "] X", "APPROVE")));
        assertThat(aside.reason()).contains("was not issued for " + REF);
        assertThat(aside.tell()).isNull();
    }

    @Test
    void aReplyThatDoesNotBeginWithADecisionIsSetAsideAndTheSenderIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] X", "I agree.")));
        assertThat(aside.reason()).contains("does not begin with a decision");
        assertThat(aside.reference()).isEqualTo(REF);
        assertThat(aside.tell()).isEqualTo(LEGAL);
    }

    @Test
    void aReplyWithATokenButNoReferenceIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(LEGAL, "Re: " + token(LEGAL), "APPROVE")));
        assertThat(aside.reason()).contains("carries a decision token but does not say which memorandum it is about");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    @Test
    void aReplyAboutAnUnknownMemorandumIsSetAsideAndNobodyIsTold() {
        MailTriage.SetAside aside = setAside(triage.triage(mail(LEGAL, "Re: [MOU-2026-0099 " + token(LEGAL) + "] X", "APPROVE")));
        assertThat(aside.reason()).contains("is about MOU-2026-0099, but there is no memorandum with that reference");
        assertThat(aside.advice()).isEqualTo("Check the subject of the reply.");
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
    }

    @Test
    void theSameReplyReadAgainIsAlreadyRecorded() {
        IncomingMail mail = mail(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] X", "APPROVE");
        Memo.DecisionRecord rec = new Memo.DecisionRecord();
        rec.intakeKey = mail.key();
        memo.decisions.add(rec);
        assertThat(triage.triage(mail)).isEqualTo(new MailTriage.AlreadyRecorded(REF));
    }

    @Test
    void aSetAsideMailBecomesARejectionWithItsReasonAndAdvice() {
        MailTriage.SetAside aside = new MailTriage.SetAside("Why.", null, null, null);
        assertThat(aside.advice()).isEmpty();
        assertThat(aside.message()).isEqualTo("Why.");
        assertThat(aside.rejection().report()).isEqualTo("Why.\n");
        assertThat(new MailTriage.SetAside("Why.", "Do this.", null, null).rejection().report()).isEqualTo("Why.\n\nWhat to do: Do this.\n");
    }

    // ------------------------------------------------------------------ who may send a new version

    static final String AUTHOR = "author@dgsn.example.ma";
    static final String EDITOR = "editor@legal.dgsn.example.ma";

    MailTriage withEditors(MailAuthentication authentication) {
        return new MailTriage(new MailReplies(tokens, "memoflow.example"),
                new Submitters(List.of(SECRETARIAT, AUTHOR, "@legal.dgsn.example.ma")), new Submitters(List.of("@legal.dgsn.example.ma"),
                "memoflow.editors"), OWN, reference -> REF.equals(reference) ? Optional.of(memo) : Optional.empty(),
                new io.memoflow.draft.DraftParser(io.memoflow.draft.DraftLimits.DEFAULT), authentication);
    }

    static final String NEW_VERSION = "---\nreference: " + REF + "\n---\nThe parties agree, in a new wording.\n";

    @Test
    void aNewVersionFromASubmitterWhoIsNeitherTheAuthorNorAnEditorIsSetAsideAndOnlyTheAuthorIsTold() {
        memo.author = AUTHOR;
        MailTriage.SetAside aside = setAside(withEditors(MailAuthentication.OFF).triage(mail(SECRETARIAT, "New version", NEW_VERSION)));
        assertThat(aside.reason()).contains("sends a new version of " + REF + ", but " + SECRETARIAT + " is neither the author of " + REF
                + " (" + AUTHOR + ") nor an editor (memoflow.editors: @legal.dgsn.example.ma)");
        assertThat(aside.advice()).contains("memoflow.editors");
        assertThat(aside.reference()).isEqualTo(REF);
        assertThat(aside.tell()).isEqualTo(AUTHOR);
    }

    @Test
    void aNewVersionOfAMemorandumWithoutAuthorIsTakenOnlyFromAnEditorAndNobodyIsToldOtherwise() {
        MailTriage.SetAside aside = setAside(withEditors(MailAuthentication.OFF).triage(mail(SECRETARIAT, "New version", NEW_VERSION)));
        assertThat(aside.reason()).contains("(it has none)");
        assertThat(aside.tell()).isNull();
        assertThat(withEditors(MailAuthentication.OFF).triage(mail(EDITOR, "New version", NEW_VERSION)))
                .isInstanceOf(MailTriage.Submission.class);
    }

    @Test
    void aNewVersionFromTheAuthorOrAnEditorAndANewMemorandumFromAnySubmitterAreSubmissions() {
        memo.author = AUTHOR;
        MailTriage t = withEditors(MailAuthentication.OFF);
        assertThat(t.triage(mail(AUTHOR, "New version", NEW_VERSION))).isInstanceOf(MailTriage.Submission.class);
        assertThat(t.triage(mail(EDITOR, "New version", NEW_VERSION))).isInstanceOf(MailTriage.Submission.class);
        assertThat(t.triage(mail(SECRETARIAT, "Another memorandum", "The parties agree.\n"))).isInstanceOf(MailTriage.Submission.class);
        assertThat(t.triage(mail(SECRETARIAT, "Unknown", "---\nreference: MOU-2026-0999\n---\nText.\n")))
                .as("an unknown reference is for the service to refuse").isInstanceOf(MailTriage.Submission.class);
    }

    // ------------------------------------------------------------------ sender authentication

    static IncomingMail authenticated(String from, String body, String... results) {
        return authenticatedReply(from, "Draft", body, results);
    }

    static IncomingMail authenticatedReply(String from, String subject, String body, String... results) {
        List<String> lines = new java.util.ArrayList<>();
        for (String r : results) {
            lines.add("Authentication-Results: " + r);
        }
        lines.addAll(List.of("From: " + from, "Subject: " + subject, "Message-ID: <auth-" + String.join("|", results).hashCode() + "@people.example>",
                "", body));
        return mail(lines.toArray(String[]::new));
    }

    @Test
    void withAuthenticationRequiredAMailCountsOnlyWhenTheReceivingServerSaysDkimOrDmarcPassForTheFromDomain() {
        MailTriage t = withEditors(new MailAuthentication(true, List.of()));
        String body = "The parties agree.\n";
        assertThat(t.triage(authenticated(SECRETARIAT, body, "mx.dgsn.example.ma; spf=pass smtp.mailfrom=dgsn.example.ma;"
                + " dkim=pass (2048-bit key) header.d=dgsn.example.ma header.s=mail"))).isInstanceOf(MailTriage.Submission.class);
        assertThat(t.triage(authenticated(SECRETARIAT, body, "mx.dgsn.example.ma; dmarc=pass (p=reject) header.from=dgsn.example.ma")))
                .isInstanceOf(MailTriage.Submission.class);
        assertThat(t.triage(authenticated(EDITOR, body, "mx.dgsn.example.ma; dkim = pass header.d=\"dgsn.example.ma\"")))
                .as("a subdomain of the signing domain, spaces around '=', a quoted value").isInstanceOf(MailTriage.Submission.class);

        MailTriage.SetAside none = setAside(t.triage(authenticated(SECRETARIAT, body)));
        assertThat(none.reason()).contains("carries no Authentication-Results header").contains("dgsn.example.ma");
        assertThat(none.tell()).isNull();
        assertThat(none.advice()).contains("memoflow.mail.require-authentication");
        assertThat(setAside(t.triage(authenticated(SECRETARIAT, body, "mx.dgsn.example.ma; dkim=pass header.d=elsewhere.example")))
                .reason()).contains("neither dkim=pass nor dmarc=pass for dgsn.example.ma");
        assertThat(t.triage(authenticated(SECRETARIAT, body, "mx.dgsn.example.ma; spf=pass smtp.mailfrom=dgsn.example.ma")))
                .as("SPF alone does not prove the From address").isInstanceOf(MailTriage.SetAside.class);
        assertThat(t.triage(authenticated(SECRETARIAT, body,
                "mx.dgsn.example.ma; dkim=fail (dkim=pass header.d=dgsn.example.ma) header.d=dgsn.example.ma")))
                .as("a pass inside a comment").isInstanceOf(MailTriage.SetAside.class);
        assertThat(t.triage(authenticated(SECRETARIAT, body, "mx.dgsn.example.ma; dmarc=fail header.from=dgsn.example.ma",
                "mx.dgsn.example.ma; dmarc=pass header.from=dgsn.example.ma")))
                .as("a forged header below the receiving server's does not count").isInstanceOf(MailTriage.SetAside.class);
    }

    @Test
    void withConfiguredServerIdsOnlyTheirAuthenticationResultsCount() {
        MailTriage t = withEditors(new MailAuthentication(true, List.of("MX.dgsn.example.ma")));
        String body = "The parties agree.\n";
        assertThat(t.triage(authenticated(SECRETARIAT, body, "forger.example; dkim=pass header.d=dgsn.example.ma")))
                .isInstanceOf(MailTriage.SetAside.class);
        assertThat(t.triage(authenticated(SECRETARIAT, body, "forger.example; dkim=fail header.d=dgsn.example.ma",
                "mx.dgsn.example.ma 1; dkim=pass header.d=dgsn.example.ma"))).isInstanceOf(MailTriage.Submission.class);
    }

    @Test
    void withAuthenticationRequiredAReplyWithAValidTokenButNoProofIsSetAsideAndNobodyIsTold() {
        MailTriage t = withEditors(new MailAuthentication(true, List.of()));
        MailTriage.SetAside aside = setAside(t.triage(mail(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] Decision requested", "APPROVE")));
        assertThat(aside.reference()).isNull();
        assertThat(aside.tell()).isNull();
        assertThat(t.triage(authenticatedReply(LEGAL, "Re: [" + REF + " " + token(LEGAL) + "] Decision requested", "APPROVE",
                "mx.dgsn.example.ma; dkim=pass header.d=dgsn.example.ma"))).isInstanceOf(MailTriage.DecisionReply.class);
    }
}
