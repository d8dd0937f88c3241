package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.workflow.DecisionKind;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void theFirstWordIsTheDecisionAndTheRestOfTheFirstParagraphTheComment() {
        ReplyText.Parsed p = ReplyText.parse("APPROVE Article 4 is fine.\nNo further remarks.\n\nRegards,\nLegal");
        assertThat(p.kind()).contains(DecisionKind.APPROVE);
        assertThat(p.comment()).isEqualTo("Article 4 is fine. No further remarks.");
    }

    @Test
    void arabicDecisionWordsWithArabicPunctuationAreRead() {
        assertThat(ReplyText.parse("موافق، مع ملاحظة بسيطة").kind()).contains(DecisionKind.APPROVE);
        assertThat(ReplyText.parse("موافق، مع ملاحظة بسيطة").comment()).isEqualTo("مع ملاحظة بسيطة");
        assertThat(ReplyText.parse("\u200fتعديل: المادة الثالثة").kind()).contains(DecisionKind.CHANGES);
        assertThat(ReplyText.parse("رفض").kind()).contains(DecisionKind.REJECT);
    }

    @Test
    void caseAndTrailingPunctuationDoNotMatter() {
        assertThat(ReplyText.parse("approve.").kind()).contains(DecisionKind.APPROVE);
        assertThat(ReplyText.parse("Reject - too vague").kind()).contains(DecisionKind.REJECT);
        assertThat(ReplyText.parse("Reject - too vague").comment()).isEqualTo("too vague");
        assertThat(ReplyText.parse("CHANGES, see article 2").comment()).isEqualTo("see article 2");
    }

    @Test
    void quotedTextAndTheAttributionAreNotPartOfTheReply() {
        ReplyText.Parsed p = ReplyText.parse("APPROVE\nOn Mon, 5 Jan 2026 at 10:00, memoflow <m@x.org> wrote:\n> REJECT\n> CHANGES");
        assertThat(p.kind()).contains(DecisionKind.APPROVE);
        assertThat(p.comment()).isEmpty();
        assertThat(ReplyText.parse("> APPROVE\nREJECT").kind()).isEmpty();
    }

    @Test
    void aWrappedAttributionLineEndsTheReply() {
        ReplyText.Parsed p = ReplyText.parse("CHANGES article 3\nOn Mon, 5 Jan 2026 at 10:00 memoflow <\nmemoflow@x.org> wrote:\n\n> text");
        assertThat(p.kind()).contains(DecisionKind.CHANGES);
        assertThat(p.comment()).isEqualTo("article 3");
    }

    @Test
    void arabicAttributionOutlookSeparatorsAndSignaturesEndTheReply() {
        assertThat(ReplyText.parse("موافق\nفي الاثنين، 5 يناير 2026، كتب memoflow:\nرفض").comment()).isEmpty();
        assertThat(ReplyText.parse("REJECT too vague\n________________________________\nFrom: memoflow").comment()).isEqualTo("too vague");
        assertThat(ReplyText.parse("APPROVE fine\n-----Original Message-----\nREJECT").comment()).isEqualTo("fine");
        assertThat(ReplyText.parse("APPROVE fine\n-- \nJohn Smith").comment()).isEqualTo("fine");
    }

    @Test
    void blankLinesAndDirectionMarksBeforeTheFirstWordAreSkipped() {
        assertThat(ReplyText.parse("\n\n  \u200e\u202bAPPROVE\u202c ok").kind()).contains(DecisionKind.APPROVE);
    }

    @Test
    void aReplyThatDoesNotBeginWithADecisionNamesNone() {
        ReplyText.Parsed p = ReplyText.parse("Thanks, APPROVE");
        assertThat(p.kind()).isEmpty();
        assertThat(p.firstWord()).isEqualTo("Thanks,");
        assertThat(ReplyText.parse("").firstWord()).isEmpty();
        assertThat(ReplyText.parse(null).kind()).isEmpty();
    }

    @Test
    void aVeryLongCommentIsCut() {
        String comment = ReplyText.parse("APPROVE " + "word ".repeat(1000)).comment();
        assertThat(comment.codePointCount(0, comment.length())).isEqualTo(ReplyText.MAX_COMMENT);
        assertThat(comment).endsWith("…");
    }
}
