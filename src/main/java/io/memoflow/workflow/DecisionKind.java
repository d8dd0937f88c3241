package io.memoflow.workflow;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What an assignee decides. */
public enum DecisionKind {
    APPROVE, CHANGES, REJECT;

    private static final Map<String, DecisionKind> WORDS = Map.ofEntries(
            Map.entry("approve", APPROVE), Map.entry("approved", APPROVE),
            Map.entry("changes", CHANGES), Map.entry("change", CHANGES),
            Map.entry("reject", REJECT), Map.entry("rejected", REJECT),
            // Arabic: approve, changes (amendment), reject
            Map.entry("موافق", APPROVE), Map.entry("موافقة", APPROVE), Map.entry("أوافق", APPROVE),
            Map.entry("تعديل", CHANGES), Map.entry("تعديلات", CHANGES),
            Map.entry("رفض", REJECT), Map.entry("مرفوض", REJECT), Map.entry("أرفض", REJECT));

    /** The word as written in decision files and mails: approve, changes, reject. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a decision word, English or Arabic, ignoring case, tatweel and harakat. */
    public static Optional<DecisionKind> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = Normalizer.normalize(word.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[\\u064B-\\u065F\\u0670\\u0640]", "")
                .replaceAll("[.!:,;،؛]+$", "");
        return Optional.ofNullable(WORDS.get(w));
    }
}
