package io.memoflow.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.draft.Party;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The title block's list of parties: in Arabic, "و" is joined to the name after it, as Arabic is written. */
class TitleBlockConjunctionTest {

    @Test
    void theArabicAndIsJoinedToTheNextArabicPartysNameAndStandsApartBeforeALatinOne() {
        List<Party> parties = List.of(
                new Party("المديرية العامة للأمن الوطني", "عبد اللطيف حموشي", "المدير العام", "dg@dgsn.example.ma"),
                new Party("المديرية العامة للوقاية المدنية", "محمد الفاسي", "المدير العام", "dg@pc.example.ma"),
                new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk"));
        MemoDocument doc = new MemoDocument("MOU-2026-0007", 1, "مذكرة تفاهم", "ar", TestDocs.DATE, "نص المذكرة.", parties,
                Arrays.asList(null, null, null), false, List.of(), null);
        String text = PdfTools.pdfbox(new Typesetter().render(doc).pdf());
        List<String> words = PdfTools.words(text);
        assertThat(words).as("%s", text).contains("والمديرية").doesNotContainSequence("و", "المديرية");
        assertThat(words).as("%s", text).contains("و", "Danish").doesNotContain("وDanish");
    }
}
