package io.memoflow.document;

import static io.memoflow.testing.RedlineGeometry.letters;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.RedlineGeometry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedlineDecorationTest {

    private static final Typesetter TYPESETTER = new Typesetter();

    private static final String KEPT = "يتعاون الطرفان في مجال التدريب وتبادل الخبرات الأمنية.";
    private static final String DELETED = "ويتبادلان المعلومات كل ستة أشهر.";
    private static final String INSERTED = "وتُشكَّل لجنة مشتركة للمتابعة.";

    private static MemoDocument redline(String language, String body) {
        MemoDocument d = TestDocs.doc(language, "مذكرة", body, true);
        return new MemoDocument(d.reference(), 2, d.title(), d.language(), d.date(), d.body(), d.parties(), d.approvals(), true,
                d.audit(), d.auditHash(), false, true);
    }

    private static String marked(char start, String words, char end) {
        return start + words + end;
    }

    @Test
    void deletedWordsAreStruckThroughAndInsertedWordsUnderlinedExactlyOverTheirGlyphs() {
        String body = "## المادة الثانية\n\n" + KEPT + " " + marked(MemoDocument.DELETED_START, DELETED, MemoDocument.DELETED_END) + " "
                + marked(MemoDocument.INSERTED_START, INSERTED, MemoDocument.INSERTED_END) + "\n";
        byte[] pdf = TYPESETTER.render(redline("ar", body)).pdf();
        PdfTools.write("redline-ar.pdf", pdf);
        RedlineGeometry g = RedlineGeometry.of(pdf);

        assertThat(letters(g.struck())).isEqualTo(letters(DELETED));
        assertThat(letters(g.underlined())).isEqualTo(letters(INSERTED));
        // the lines are in the colours of deletion (red) and insertion (blue)
        assertThat(g.segments).filteredOn(s -> s.rgb()[0] > 0.5f && s.rgb()[2] < 0.2f).isNotEmpty();
        assertThat(g.segments).filteredOn(s -> s.rgb()[2] > 0.5f && s.rgb()[0] < 0.2f).isNotEmpty();
    }

    @Test
    void bothTheDeletedAndTheInsertedWordsAreInTheTextLayer() {
        String body = KEPT + " " + marked(MemoDocument.DELETED_START, DELETED, MemoDocument.DELETED_END) + " "
                + marked(MemoDocument.INSERTED_START, INSERTED, MemoDocument.INSERTED_END) + "\n";
        Path file = PdfTools.write("redline-ar-text.pdf", TYPESETTER.render(redline("ar", body)).pdf());
        List<String> words = PdfTools.words(PdfTools.pdftotext(file));
        assertThat(PdfTools.containsSequence(words, PdfTools.words(DELETED))).isTrue();
        assertThat(PdfTools.containsSequence(words, PdfTools.words(INSERTED))).isTrue();
    }

    @Test
    void anEnglishDeletionInAListItemIsStruckAndTheListKeptAList() {
        String body = "1. The parties shall " + marked(MemoDocument.DELETED_START, "promptly", MemoDocument.DELETED_END) + " "
                + marked(MemoDocument.INSERTED_START, "within ten days", MemoDocument.INSERTED_END) + " reply.\n2. Second item.\n";
        byte[] pdf = TYPESETTER.render(redline("en", body)).pdf();
        RedlineGeometry g = RedlineGeometry.of(pdf);
        assertThat(g.struck()).isEqualTo("promptly");
        assertThat(g.underlined()).isEqualTo("withintendays");
        assertThat(PdfTools.pdfbox(pdf)).contains("1.").contains("2.");
    }

    @Test
    void withoutTheRedlineFlagTheMarkersDecorateNothing() {
        String body = KEPT + " " + marked(MemoDocument.DELETED_START, DELETED, MemoDocument.DELETED_END) + "\n";
        MemoDocument plain = TestDocs.doc("ar", "مذكرة", MemoDocument.withoutMarkers(body), true);
        RedlineGeometry g = RedlineGeometry.of(TYPESETTER.render(plain).pdf());
        assertThat(g.struck()).isEmpty();
        assertThat(MemoDocument.withoutMarkers(body)).doesNotContain(String.valueOf(MemoDocument.DELETED_START));
    }
}
