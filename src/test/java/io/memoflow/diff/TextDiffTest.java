package io.memoflow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.diff.Redline.Change;
import io.memoflow.diff.Redline.Kind;
import io.memoflow.diff.Redline.Paragraph;
import io.memoflow.diff.Redline.Piece;
import io.memoflow.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextDiffTest {

    private static List<String> words(Redline r, Kind kind) {
        return r.paragraphs().stream().flatMap(p -> p.pieces().stream()).filter(p -> p.kind() == kind).map(Piece::word).toList();
    }

    @Test
    void theSameTextHasNoChanges() {
        String body = Fixtures.body(Fixtures.LONG_MOU);
        Redline r = TextDiff.compare(body, body);
        assertThat(r.changedParagraphs()).isZero();
        assertThat(r.paragraphs()).allMatch(p -> p.change() == Change.SAME);
        assertThat(r.render(Redline.PLAIN)).doesNotContain("[-", "{+");
    }

    @Test
    void anArabicSentenceDeletedAndAnotherAddedAreTheWordsDeletedAndInsertedInThatParagraph() {
        String v1 = "# المادة الأولى\n\nيتعاون الطرفان في مجال التدريب. ويتبادلان الخبرات بانتظام.\n\nتسري هذه المذكرة لمدة سنتين.\n";
        String v2 = "# المادة الأولى\n\nيتعاون الطرفان في مجال التدريب. وتشكل لجنة مشتركة للمتابعة.\n\nتسري هذه المذكرة لمدة سنتين.\n";
        Redline r = TextDiff.compare(v1, v2);
        assertThat(r.changedParagraphs()).isEqualTo(1);
        assertThat(r.paragraphs().get(1).change()).isEqualTo(Change.CHANGED);
        assertThat(words(r, Kind.DELETED)).containsExactly("ويتبادلان", "الخبرات", "بانتظام.");
        assertThat(words(r, Kind.INSERTED)).containsExactly("وتشكل", "لجنة", "مشتركة", "للمتابعة.");
        assertThat(r.render(Redline.PLAIN)).contains("التدريب. [-ويتبادلان الخبرات بانتظام.-] {+وتشكل لجنة مشتركة للمتابعة.+}")
                .startsWith("# المادة الأولى\n\n");
    }

    @Test
    void aHarakaChangedAloneIsAChangeOfThatWord() {
        Redline r = TextDiff.compare("قَرَّرَ الطرفان ما يلي", "قُرِّرَ الطرفان ما يلي");
        assertThat(words(r, Kind.DELETED)).containsExactly("قَرَّرَ");
        assertThat(words(r, Kind.INSERTED)).containsExactly("قُرِّرَ");
        assertThat(r.changedParagraphs()).isEqualTo(1);
    }

    @Test
    void theSameHarakatTypedInAnotherOrderAreNoChange() {
        // shadda then fatha, and fatha then shadda: canonically the same word
        Redline r = TextDiff.compare("الطرفان \u0645\u0651\u064E\u0639\u064B\u0627", "الطرفان \u0645\u064E\u0651\u0639\u064B\u0627");
        assertThat(r.changedParagraphs()).isZero();
    }

    @Test
    void aCliticAddedOrRemovedIsAChangeOfThatWordOnly() {
        Redline r = TextDiff.compare("يلتزم الطرفان بالمذكرة وبملاحقها", "يلتزم الطرفان المذكرة وملاحقها");
        assertThat(words(r, Kind.DELETED)).containsExactly("بالمذكرة", "وبملاحقها");
        assertThat(words(r, Kind.INSERTED)).containsExactly("المذكرة", "وملاحقها");
        assertThat(words(r, Kind.SAME)).containsExactly("يلتزم", "الطرفان");
    }

    @Test
    void aParagraphMovedIsShownAsMovedNotAsDeletedAndInserted() {
        String a = "أولا: يتبادل الطرفان المعلومات عن الجريمة المنظمة.";
        String b = "ثانيا: ينظم الطرفان دورات تدريبية مشتركة لضباطهما.";
        String c = "ثالثا: تسري هذه المذكرة من تاريخ توقيعها.";
        Redline r = TextDiff.compare(a + "\n\n" + b + "\n\n" + c, b + "\n\n" + c + "\n\n" + a);
        assertThat(r.paragraphs()).extracting(Paragraph::change).containsExactly(Change.SAME, Change.SAME, Change.MOVED);
        assertThat(r.paragraphs().get(2).oldNumber()).isEqualTo(1);
        assertThat(r.changedParagraphs()).isEqualTo(1);
        assertThat(r.movedParagraphs()).isEqualTo(1);
        assertThat(r.deletedWords()).isZero();
        assertThat(r.insertedWords()).isZero();
        assertThat(r.render(Redline.PLAIN)).endsWith("[moved from paragraph 1] " + a);
    }

    @Test
    void aParagraphMovedAndEditedShowsItsEditedWords() {
        String a = "The Parties shall exchange information on organised crime within ten days of a request.";
        String b = "The Parties shall organise joint training.";
        String a2 = "The Parties shall exchange information on organised crime within seven days of a request.";
        Redline r = TextDiff.compare(a + "\n\n" + b, b + "\n\n" + a2);
        assertThat(r.paragraphs()).extracting(Paragraph::change).containsExactly(Change.SAME, Change.MOVED);
        assertThat(words(r, Kind.DELETED)).containsExactly("ten");
        assertThat(words(r, Kind.INSERTED)).containsExactly("seven");
    }

    @Test
    void anEnglishParagraphDeletedStandsWhereItWasAndOneInsertedIsNew() {
        String v1 = "Article 1. Purpose.\n\nArticle 2. Exchange of liaison officers between the parties.\n\nArticle 3. Duration.";
        String v2 = "Article 1. Purpose.\n\nArticle 3. Duration.\n\nArticle 4. Settlement of disputes by consultation.";
        Redline r = TextDiff.compare(v1, v2);
        assertThat(r.paragraphs()).extracting(Paragraph::change)
                .containsExactly(Change.SAME, Change.DELETED, Change.SAME, Change.INSERTED);
        assertThat(r.changedParagraphs()).isEqualTo(2);
        assertThat(r.render(Redline.PLAIN)).isEqualTo("Article 1. Purpose.\n\n[-Article 2. Exchange of liaison officers between the parties.-]"
                + "\n\nArticle 3. Duration.\n\n{+Article 4. Settlement of disputes by consultation.+}");
    }

    @Test
    void aListOrHeadingKeepsItsMarkdownSyntaxOutsideTheMarkers() {
        Redline r = TextDiff.compare("Intro.", "Intro.\n\n## New heading\n\n1. first item\n2. second item\n\n| a | b |");
        assertThat(r.render(Redline.PLAIN)).isEqualTo(
                "Intro.\n\n## {+New heading+}\n\n1. {+first item+}\n2. {+second item+}\n\n| {+a+} | {+b+} |");
    }

    @Test
    void aWordDeletedAtTheStartOfALineStaysOnTheLineOfTheNewText() {
        Redline r = TextDiff.compare("one two\nthree four", "one two four");
        assertThat(r.render(Redline.PLAIN)).isEqualTo("one two [-three-] four");
    }

    @Test
    void theWordsOfTheLongMemorandumEditedInOneArticleAreFoundInThatArticleOnly() {
        String body = Fixtures.body(Fixtures.LONG_MOU);
        String sentence = "إدراكاً منهما";
        assertThat(body).contains(sentence);
        String edited = body.replaceFirst(sentence, "وإدراكاً منهما");
        Redline r = TextDiff.compare(body, edited);
        assertThat(r.changedParagraphs()).isEqualTo(1);
        assertThat(words(r, Kind.DELETED)).containsExactly("إدراكاً");
        assertThat(words(r, Kind.INSERTED)).containsExactly("وإدراكاً");
    }

    @Test
    void aParagraphReplacedByAnotherIsShownDeletedFirstThenInserted() {
        Redline r = TextDiff.compare("## المادة 2\n\nتهدف هذه المذكرة إلى وضع إطار للتعاون الأمني.\n\n## المادة 3",
                "## المادة 2\n\nيعقد ضباط الاتصال اجتماعاً فصلياً.\n\n## المادة 3");
        assertThat(r.paragraphs()).extracting(Paragraph::change)
                .containsExactly(Change.SAME, Change.DELETED, Change.INSERTED, Change.SAME);
    }
}
