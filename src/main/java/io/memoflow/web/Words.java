package io.memoflow.web;

import io.memoflow.draft.Languages;
import io.memoflow.memo.MemoState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of the pages in English and Arabic, and which of the two a page is shown in: the
 * language asked for by the page's own switch ({@code ?lang=}), else the first of the two the
 * browser's Accept-Language prefers, else the memorandum's language (Arabic for a right-to-left
 * one), else English.
 */
public final class Words {

    private static final Map<String, String[]> TEXT = Map.ofEntries(
            Map.entry("decision.title", new String[] {"Your decision is requested", "مطلوب قراركم"}),
            Map.entry("memo", new String[] {"Memorandum", "المذكرة"}),
            Map.entry("reference", new String[] {"Reference", "المرجع"}),
            Map.entry("title", new String[] {"Title", "العنوان"}),
            Map.entry("version", new String[] {"Version", "الإصدار"}),
            Map.entry("stage", new String[] {"Stage", "المرحلة"}),
            Map.entry("state", new String[] {"State", "الحالة"}),
            Map.entry("author", new String[] {"Author", "المحرر"}),
            Map.entry("parties", new String[] {"Parties", "الأطراف"}),
            Map.entry("you", new String[] {"You", "أنتم"}),
            Map.entry("waiting", new String[] {"Waiting for", "بانتظار"}),
            Map.entry("draft.pdf", new String[] {"Open the draft (PDF)", "فتح المسودة (PDF)"}),
            Map.entry("changes", new String[] {"What changed since version", "ما تغير منذ الإصدار"}),
            Map.entry("changes.counts", new String[] {"%d paragraph(s) changed, %d moved; %d word(s) deleted, %d inserted.",
                "عدد الفقرات المعدلة: %d، والمنقولة: %d؛ الكلمات المحذوفة: %d، والمضافة: %d."}),
            Map.entry("changes.first", new String[] {"This is the first version.", "هذا هو الإصدار الأول."}),
            Map.entry("decisions", new String[] {"Decisions so far", "القرارات حتى الآن"}),
            Map.entry("decisions.none", new String[] {"No decision yet.", "لا قرار بعد."}),
            Map.entry("your.decision", new String[] {"Your decision", "قراركم"}),
            Map.entry("comment", new String[] {"Comment (optional; please explain a request for changes or a rejection)",
                "تعليق (اختياري؛ يُستحسن لشرح التعديلات أو الرفض)"}),
            Map.entry("approve", new String[] {"Approve", "موافقة"}),
            Map.entry("changes.request", new String[] {"Request changes", "طلب تعديلات"}),
            Map.entry("reject", new String[] {"Reject", "رفض"}),
            Map.entry("decided.approve", new String[] {"approved", "وافق"}),
            Map.entry("decided.changes", new String[] {"requested changes", "طلب تعديلات"}),
            Map.entry("decided.reject", new String[] {"rejected", "رفض"}),
            Map.entry("via", new String[] {"via", "عبر"}),
            Map.entry("nothing.changed", new String[] {"Nothing was changed.", "لم يتغير شيء."}),
            Map.entry("back", new String[] {"Back to the memorandum", "العودة إلى المذكرة"}),
            Map.entry("you.decided", new String[] {"You %s version %d in the stage '%s' on %s UTC.",
                "لقد %s على الإصدار %d في المرحلة '%s' بتاريخ %s (بالتوقيت العالمي)."}),
            Map.entry("superseded", new String[] {"This link is for version %d, but the memorandum is now at version %d. "
                + "If your decision on the new version is needed, memoflow has sent you a new link.",
                "هذا الرابط خاص بالإصدار %d، والمذكرة الآن في الإصدار %d. إذا كان قراركم على الإصدار الجديد مطلوبا فقد أرسل إليكم رابط جديد."}),
            Map.entry("stage.over", new String[] {"The stage '%s' that this link is for is over; no decision is needed from it any more.",
                "المرحلة '%s' التي يخص هذا الرابط انتهت، فلم يعد قرار فيها مطلوبا."}),
            Map.entry("not.in.review", new String[] {"The memorandum is %s; it does not wait for decisions now.",
                "حالة المذكرة الآن: %s؛ فلا تنتظر قرارات."}),
            Map.entry("not.yet", new String[] {"It is not yet your turn in this stage; memoflow will write to you when it is.",
                "لم يحن دوركم بعد في هذه المرحلة؛ سيراسلكم memoflow عندما يحين."}),
            Map.entry("link.invalid", new String[] {"This link is not valid: it was not issued by this memoflow, or it is incomplete. "
                + "Open the link from your request mail again, without changing it.",
                "هذا الرابط غير صالح: لم يصدره هذا النظام، أو هو ناقص. افتحوا الرابط من رسالة الطلب كما هو."}),
            Map.entry("refused.origin", new String[] {"The form was sent from another site (%s); only the pages of this memoflow "
                + "(%s) may send it.", "أُرسل النموذج من موقع آخر (%s)؛ ولا يقبل إلا من صفحات هذا النظام (%s)."}),
            Map.entry("refused.csrf.missing", new String[] {"The form lacks its security field. Open the link from your mail again and "
                + "choose once more on that page.", "ينقص النموذج حقل الأمان. افتحوا الرابط من رسالتكم مجددا واختاروا من تلك الصفحة."}),
            Map.entry("refused.csrf.wrong", new String[] {"The form's security field does not belong to this link (it was made for "
                + "another link, or altered). Open your own link from your mail and choose on that page.",
                "حقل الأمان في النموذج لا يخص هذا الرابط (صُنع لرابط آخر أو عُدّل). افتحوا رابطكم من رسالتكم واختاروا من تلك الصفحة."}),
            Map.entry("refused.decision", new String[] {"Choose Approve, Request changes or Reject.",
                "اختاروا: موافقة أو طلب تعديلات أو رفض."}),
            Map.entry("refused.comment", new String[] {"The comment is too long (%d characters; at most %d).",
                "التعليق طويل جدا (%d حرفا؛ والحد الأقصى %d)."}),
            Map.entry("login", new String[] {"Log in", "تسجيل الدخول"}),
            Map.entry("logout", new String[] {"Log out", "تسجيل الخروج"}),
            Map.entry("email", new String[] {"E-mail address", "البريد الإلكتروني"}),
            Map.entry("password", new String[] {"Password", "كلمة المرور"}),
            Map.entry("login.wrong", new String[] {"The e-mail address or the password is wrong.",
                "البريد الإلكتروني أو كلمة المرور غير صحيحة."}),
            Map.entry("login.locked", new String[] {"Too many failed attempts for this address: logging in is blocked until %s UTC.",
                "محاولات فاشلة كثيرة لهذا العنوان: الدخول موقوف حتى %s (بالتوقيت العالمي)."}),
            Map.entry("desk", new String[] {"Memoranda", "المذكرات"}),
            Map.entry("filter", new String[] {"Show", "عرض"}),
            Map.entry("all", new String[] {"all", "الكل"}),
            Map.entry("none", new String[] {"No memoranda.", "لا توجد مذكرات."}),
            Map.entry("history", new String[] {"History", "السجل"}),
            Map.entry("versions", new String[] {"Versions", "الإصدارات"}),
            Map.entry("signed.pdf", new String[] {"Signed PDF", "النسخة الموقعة (PDF)"}),
            Map.entry("not.found", new String[] {"There is no such memorandum.", "لا توجد مذكرة بهذا المرجع."}),
            Map.entry("error", new String[] {"Something went wrong on the server; nothing was changed. Try again later, "
                + "or tell the secretariat.", "حدث خطأ في الخادم ولم يتغير شيء. حاولوا لاحقا أو أخبروا الأمانة."}),
            Map.entry("state.in_review", new String[] {"in review", "قيد المراجعة"}),
            Map.entry("state.changes_requested", new String[] {"changes requested", "طُلبت تعديلات"}),
            Map.entry("state.approved", new String[] {"approved", "تمت الموافقة"}),
            Map.entry("state.completed", new String[] {"completed (signed)", "مكتملة (موقعة)"}),
            Map.entry("state.rejected", new String[] {"rejected", "مرفوضة"}),
            Map.entry("state.expired", new String[] {"expired", "منتهية المهلة"}));

    private final boolean arabic;

    private Words(boolean arabic) {
        this.arabic = arabic;
    }

    public static Words english() {
        return new Words(false);
    }

    public static Words arabic() {
        return new Words(true);
    }

    /**
     * The words for a page.
     *
     * @param asked          the page's own language switch (?lang=ar or en), or ""
     * @param acceptLanguage the browser's Accept-Language header, or ""
     * @param memoLanguage   the memorandum's language, or null for pages about none
     */
    public static Words choose(String asked, String acceptLanguage, String memoLanguage) {
        if ("ar".equals(asked) || "en".equals(asked)) {
            return new Words("ar".equals(asked));
        }
        for (String tag : preferred(acceptLanguage)) {
            if (tag.equals("ar") || tag.equals("en")) {
                return new Words(tag.equals("ar"));
            }
        }
        return new Words(Languages.isRightToLeft(memoLanguage) && memoLanguage.toLowerCase(Locale.ROOT).startsWith("ar"));
    }

    /** The primary language subtags of an Accept-Language header, most preferred first (q=0 left out). */
    static List<String> preferred(String header) {
        record Entry(String tag, double q, int order) {
        }
        List<Entry> entries = new ArrayList<>();
        if (header == null) {
            return List.of();
        }
        String[] items = header.split(",");
        for (int i = 0; i < items.length && i < 32; i++) {
            String[] parts = items[i].trim().split(";");
            String tag = parts[0].trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
            double q = 1;
            for (int p = 1; p < parts.length; p++) {
                String param = parts[p].trim();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0; // a malformed weight: that language is not counted
                    }
                }
            }
            if (!tag.isEmpty() && q > 0) {
                entries.add(new Entry(tag, q, i));
            }
        }
        entries.sort((a, b) -> a.q() != b.q() ? Double.compare(b.q(), a.q()) : Integer.compare(a.order(), b.order()));
        return entries.stream().map(Entry::tag).toList();
    }

    public String lang() {
        return arabic ? "ar" : "en";
    }

    public boolean rtl() {
        return arabic;
    }

    /** The other language, for the switch link. */
    public Words other() {
        return new Words(!arabic);
    }

    /** The name of this language in itself, for the switch link. */
    public String name() {
        return arabic ? "العربية" : "English";
    }

    /** A text by key (with format arguments). */
    public String t(String key, Object... args) {
        String[] both = TEXT.get(key);
        if (both == null) {
            throw new IllegalArgumentException("No page text '" + key + "'");
        }
        String s = both[arabic ? 1 : 0];
        return args.length == 0 ? s : String.format(Locale.ROOT, s, args);
    }

    /** A state in words. */
    public String state(MemoState state) {
        return t("state." + state.name().toLowerCase(Locale.ROOT));
    }

    /** A recorded decision (approve, changes, reject) in words. */
    public String decided(String decision) {
        return TEXT.containsKey("decided." + decision) ? t("decided." + decision) : decision;
    }
}
