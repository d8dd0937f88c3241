package io.memoflow.document;

import java.util.Locale;
import java.util.Map;

/**
 * The fixed wording printed on memoranda, per language (English, Arabic, French built in;
 * other languages get English), each overridable in the style as {@code label.KEY.LANG}.
 */
final class Labels {

    private static final Map<String, Map<String, String>> BUILT_IN = Map.of(
            "en", Map.ofEntries(
                    Map.entry("memorandum", "مذكرة تفاهم — Memorandum of Understanding"),
                    Map.entry("page", "Page {page} of {pages}"),
                    Map.entry("reference", "Reference"),
                    Map.entry("version", "Version"),
                    Map.entry("version-label", "Version {version}"),
                    Map.entry("date", "Date"),
                    Map.entry("hijri", "corresponding to"),
                    Map.entry("between", "Between"),
                    Map.entry("and", "and"),
                    Map.entry("signatures", "Signatures"),
                    Map.entry("signatory", "Signatory"),
                    Map.entry("position", "Title"),
                    Map.entry("approved", "Approved on"),
                    Map.entry("pending", "Awaiting approval"),
                    Map.entry("sealed", "Sealed by the organisation; no party signature requested"),
                    Map.entry("audit", "Audit trail"),
                    Map.entry("time", "Time"),
                    Map.entry("actor", "By"),
                    Map.entry("event", "Event"),
                    Map.entry("audit-hash", "Final audit hash"),
                    Map.entry("draft", "DRAFT")),
            "ar", Map.ofEntries(
                    Map.entry("memorandum", "مذكرة تفاهم — Memorandum of Understanding"),
                    Map.entry("page", "صفحة {page} من {pages}"),
                    Map.entry("reference", "المرجع"),
                    Map.entry("version", "الإصدار"),
                    Map.entry("version-label", "الإصدار {version}"),
                    Map.entry("date", "التاريخ"),
                    Map.entry("hijri", "الموافق"),
                    Map.entry("between", "بين"),
                    Map.entry("and", "و"),
                    Map.entry("signatures", "التوقيعات"),
                    Map.entry("signatory", "الموقِّع"),
                    Map.entry("position", "الصفة"),
                    Map.entry("approved", "تاريخ الموافقة"),
                    Map.entry("pending", "في انتظار الموافقة"),
                    Map.entry("sealed", "مختوم بختم المؤسسة، دون طلب توقيع الأطراف"),
                    Map.entry("audit", "سجل التدقيق"),
                    Map.entry("time", "الوقت"),
                    Map.entry("actor", "بواسطة"),
                    Map.entry("event", "الحدث"),
                    Map.entry("audit-hash", "البصمة النهائية لسجل التدقيق"),
                    Map.entry("draft", "مسودة")),
            "fr", Map.ofEntries(
                    Map.entry("memorandum", "مذكرة تفاهم — Mémorandum d'entente"),
                    Map.entry("page", "Page {page} sur {pages}"),
                    Map.entry("reference", "Référence"),
                    Map.entry("version", "Version"),
                    Map.entry("version-label", "Version {version}"),
                    Map.entry("date", "Date"),
                    Map.entry("hijri", "correspondant au"),
                    Map.entry("between", "Entre"),
                    Map.entry("and", "et"),
                    Map.entry("signatures", "Signatures"),
                    Map.entry("signatory", "Signataire"),
                    Map.entry("position", "Qualité"),
                    Map.entry("approved", "Approuvé le"),
                    Map.entry("pending", "En attente d'approbation"),
                    Map.entry("sealed", "Scellé par l'organisation ; aucune signature des parties demandée"),
                    Map.entry("audit", "Journal d'audit"),
                    Map.entry("time", "Heure"),
                    Map.entry("actor", "Par"),
                    Map.entry("event", "Événement"),
                    Map.entry("audit-hash", "Empreinte finale du journal"),
                    Map.entry("draft", "PROJET")));

    private final MemoStyle style;
    private final String language;

    Labels(MemoStyle style, String language) {
        this.style = style;
        this.language = primary(language);
    }

    static String primary(String language) {
        if (language == null || language.isBlank()) {
            return "en";
        }
        return language.toLowerCase(Locale.ROOT).split("[-_]")[0];
    }

    String get(String key) {
        String override = style.label(key, language);
        if (override != null) {
            return override;
        }
        Map<String, String> table = BUILT_IN.getOrDefault(language, BUILT_IN.get("en"));
        String v = table.get(key);
        if (v == null) {
            v = BUILT_IN.get("en").get(key);
        }
        if (v == null) {
            throw new IllegalArgumentException("No label '" + key + "'");
        }
        return v;
    }
}
