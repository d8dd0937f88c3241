package io.memoflow.document;

import io.memoflow.draft.Party;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Memoranda for tests: short texts of the project's own; the longer drafts are in {@link io.memoflow.testing.Fixtures}. */
final class TestDocs {

    static final Instant DATE = Instant.parse("2026-01-27T10:00:00Z");

    static final List<Party> PARTIES = List.of(
            new Party("المديرية العامة للأمن الوطني", "عبد اللطيف حموشي", "المدير العام", "dg@dgsn.example.ma"),
            new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk"));

    static final String BASMALA = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ";

    private TestDocs() {
    }

    static MemoDocument arabic(String body) {
        return doc("ar", "مذكرة تفاهم بشأن التعاون الأمني", body, false);
    }

    static MemoDocument english(String body) {
        return doc("en", "Memorandum of Understanding on Security Cooperation", body, false);
    }

    static MemoDocument doc(String language, String title, String body, boolean draft) {
        return new MemoDocument("MOU-2026-0007", 1, title, language, DATE, body, PARTIES,
                Arrays.asList(Instant.parse("2026-01-29T10:00:00Z"), null), draft, List.of(), null);
    }

    static MemoDocument withAudit(MemoDocument d, List<MemoDocument.AuditLine> audit, String hash) {
        return new MemoDocument(d.reference(), d.version(), d.title(), d.language(), d.date(), d.body(), d.parties(),
                d.approvals(), d.draft(), audit, hash);
    }

    static MemoDocument asDraft(MemoDocument d) {
        return new MemoDocument(d.reference(), d.version(), d.title(), d.language(), d.date(), d.body(), d.parties(),
                d.approvals(), true, d.audit(), d.auditHash());
    }

    /** A bilingual memorandum: Arabic and English paragraphs, a list, emphasis, mixed lines. */
    static final String BILINGUAL = """
            ## المادة 1: الهدف

            تهدف هذه المذكرة إلى تعزيز التعاون بين الطرفين في مجال **مكافحة الجريمة المنظمة** والإرهاب، وفقاً للقوانين \
            الوطنية لكل طرف وللاتفاقيات الدولية المعمول بها.

            ## Article 1: Purpose

            This memorandum aims to strengthen cooperation between the parties in *combating organised crime* and \
            terrorism, in accordance with the national law of each party.

            ## المادة 2: نقاط الاتصال

            يعين كل طرف نقطة اتصال: البريد الإلكتروني liaison@dgsn.example.ma والهاتف +212 537 72 19 00، \
            ويشار إلى هذه المذكرة بالمرجع MOU-2026-0007 في كل مراسلة بتاريخ 27/01/2026.

            1. تبادل المعلومات حول الشبكات الإجرامية العابرة للحدود.
            2. تنظيم دورات تكوينية مشتركة لفائدة 120 ضابطاً سنوياً.
            3. Joint training for 120 officers a year, in Rabat and Copenhagen.

            The Danish contact point is reached at liaison@politi.example.dk or +45 33 14 88 88, quoting المرجع MOU-2026-0007.
            """;
}
