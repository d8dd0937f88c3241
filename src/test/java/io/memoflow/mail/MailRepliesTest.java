package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.draft.Party;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailRepliesTest {

    static final String LEGAL = "legal@dgsn.example.ma";
    static final String SECURITY = "security@dgsn.example.ma";
    final Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    final MailReplies replies = new MailReplies(tokens, "memoflow.example");

    /** MOU-2026-0007 at version {@code version}, in its review stage (legal, security), then signature (dg). */
    static Memo memo(int version) {
        Memo m = new Memo();
        m.reference = "MOU-2026-0007";
        m.version = version;
        m.state = MemoState.IN_REVIEW;
        m.reviewers.addAll(List.of(LEGAL, SECURITY));
        m.parties.add(new Party("DGSN", "Director", "Director General", "dg@dgsn.example.ma"));
        Memo.StageRun review = new Memo.StageRun();
        review.name = "review";
        review.assignees.addAll(List.of(LEGAL, SECURITY));
        review.asked.addAll(review.assignees);
        Memo.StageRun signature = new Memo.StageRun();
        signature.name = "signature";
        signature.assignees.add("dg@dgsn.example.ma");
        m.run.addAll(List.of(review, signature));
        return m;
    }

    IncomingMail reply(String from, String subject, String body) {
        return IncomingMailTest.parse("From: " + from, "Subject: " + subject, "Message-ID: <r-" + subject.hashCode() + "@people.example>",
                "", body);
    }

    String token(int version, String stage, String who) {
        return tokens.issue("MOU-2026-0007", version, stage, who);
    }

    MailReplies.Outcome check(IncomingMail mail, Memo memo) {
        return replies.check(mail, replies.target(mail).orElseThrow(), memo);
    }

    @Test
    void aReplyFromTheAssigneeWithItsTokenCountsForTheVersionAndStageOfTheToken() {
        IncomingMail mail = reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] Decision requested: X",
                "APPROVE fine\n\nOn Mon, memoflow wrote:\n> REJECT");
        MailReplies.Outcome o = check(mail, memo(1));
        assertThat(o).isInstanceOf(MailReplies.Counts.class);
        Decision d = ((MailReplies.Counts) o).decision();
        assertThat(d.by()).isEqualTo(LEGAL);
        assertThat(d.kind()).isEqualTo(DecisionKind.APPROVE);
        assertThat(d.comment()).isEqualTo("fine");
        assertThat(d.version()).isEqualTo(1);
        assertThat(d.stage()).isEqualTo("review");
        assertThat(d.channel()).isEqualTo("mail");
        assertThat(d.intakeKey()).isEqualTo(mail.key());
    }

    @Test
    void theRightTokenFromAnotherSenderIsRefusedAndOnlyTheAssigneeIsTold() {
        MailReplies.Outcome o = check(reply("intruder@elsewhere.example", "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE"),
                memo(1));
        assertThat(o).isInstanceOfSatisfying(MailReplies.Refused.class, r -> {
            assertThat(r.reason()).contains("sent to " + LEGAL).contains("came from intruder@elsewhere.example");
            assertThat(r.tell()).isEqualTo(LEGAL);
        });
    }

    @Test
    void theTokenOfAnotherAssigneeFromAnAssigneeIsRefused() {
        MailReplies.Outcome o = check(reply(SECURITY, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE"), memo(1));
        assertThat(o).isInstanceOfSatisfying(MailReplies.Refused.class, r -> assertThat(r.tell()).isEqualTo(LEGAL));
    }

    @Test
    void aReplyWithoutTokenIsRefusedAndStrangersAreNotTold() {
        assertThat(check(reply(LEGAL, "Re: [MOU-2026-0007] X", "APPROVE"), memo(1)))
                .isInstanceOfSatisfying(MailReplies.Refused.class, r -> {
                    assertThat(r.reason()).contains("carries no decision token");
                    assertThat(r.tell()).isEqualTo(LEGAL);
                });
        assertThat(check(reply("someone@elsewhere.example", "Re: [MOU-2026-0007] X", "APPROVE"), memo(1)))
                .isInstanceOfSatisfying(MailReplies.Refused.class, r -> assertThat(r.tell()).isNull());
    }

    @Test
    void aTokenOfAnotherMemorandumIsRefused() {
        String foreign = tokens.issue("MOU-2026-0008", 1, "review", LEGAL);
        assertThat(check(reply(LEGAL, "Re: [MOU-2026-0007 " + foreign + "] X", "APPROVE"), memo(1)))
                .isInstanceOfSatisfying(MailReplies.Refused.class, r -> assertThat(r.reason()).contains("was not issued for MOU-2026-0007"));
    }

    @Test
    void aTokenOfAnOlderVersionOrStageCarriesThatVersionAndStageForTheEngineToRefuse() {
        MailReplies.Outcome o = check(reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE"), memo(2));
        assertThat(((MailReplies.Counts) o).decision().version()).isEqualTo(1);
        Memo atSignature = memo(1);
        atSignature.stage = 1;
        o = check(reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE"), atSignature);
        assertThat(((MailReplies.Counts) o).decision().stage()).isEqualTo("review");
    }

    @Test
    void aTokenIsBoundToItsVersionSoAReplyToTheVersionOneRequestDecidesOnVersionOneOnly() {
        String v1 = token(1, "review", LEGAL);
        assertThat(tokens.matches(v1, "MOU-2026-0007", 1, "review", LEGAL)).isTrue();
        assertThat(tokens.matches(v1, "MOU-2026-0007", 2, "review", LEGAL)).isFalse();
        assertThat(token(2, "review", LEGAL)).isNotEqualTo(v1);
        MailReplies.Outcome o = check(reply(LEGAL, "Re: [MOU-2026-0007 " + v1 + "] X", "APPROVE 1,000 EUR is fine"), memo(2));
        assertThat(o).isInstanceOfSatisfying(MailReplies.Counts.class, c -> assertThat(c.decision().version()).isEqualTo(1));
    }

    @Test
    void aCommentWithAnEscapeSequenceIsRefusedAndTheSenderTold() {
        assertThat(check(reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE fine\u001B[2J really"),
                memo(1))).isInstanceOfSatisfying(MailReplies.Refused.class, r -> {
                    assertThat(r.reason()).contains("The comment in the reply from " + LEGAL)
                            .contains("an invisible control character (U+001B, escape) at character 5");
                    assertThat(r.tell()).isEqualTo(LEGAL);
                });
    }

    @Test
    void aReplyThatDoesNotBeginWithADecisionIsRefusedAndTheSenderTold() {
        assertThat(check(reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "I agree."), memo(1)))
                .isInstanceOfSatisfying(MailReplies.Refused.class, r -> {
                    assertThat(r.reason()).contains("its first word is 'I'");
                    assertThat(r.tell()).isEqualTo(LEGAL);
                });
    }

    @Test
    void theSameMailReadAgainIsRecognisedAsRecorded() {
        IncomingMail mail = reply(LEGAL, "Re: [MOU-2026-0007 " + token(1, "review", LEGAL) + "] X", "APPROVE");
        Memo memo = memo(1);
        Memo.DecisionRecord rec = new Memo.DecisionRecord();
        rec.intakeKey = mail.key();
        memo.decisions.add(rec);
        memo.stage = 1; // the token is stale by now, but this very mail was recorded
        assertThat(check(mail, memo)).isInstanceOf(MailReplies.AlreadyRecorded.class);
    }

    @Test
    void theMemorandumIsFoundFromTheSubjectTheTokenHeaderOrMemoflowsMessageIds() {
        String t = token(1, "review", LEGAL);
        assertThat(replies.target(reply(LEGAL, "Re: [MOU-2026-0007 " + t.toLowerCase() + "] X", "x")))
                .contains(new MailReplies.Target("MOU-2026-0007", t));
        assertThat(replies.target(IncomingMailTest.parse("From: " + LEGAL, "Subject: Re: x", "X-Memoflow-Token: " + t,
                "In-Reply-To: <MOU-2026-0007-003-request@memoflow.example>", "", "x")))
                .contains(new MailReplies.Target("MOU-2026-0007", t));
        assertThat(replies.target(IncomingMailTest.parse("From: " + LEGAL, "Subject: Re: x",
                "In-Reply-To: <MOU-2026-0007-003-request@other.example>", "", "x"))).isEmpty();
        assertThat(replies.target(reply(LEGAL, "A new draft", "x"))).isEmpty();
    }
}
