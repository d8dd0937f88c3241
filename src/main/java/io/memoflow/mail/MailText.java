package io.memoflow.mail;

import io.memoflow.draft.UntrustedText;

/** Small text helpers for mail handling. */
final class MailText {

    private MailText() {
    }

    /**
     * Text from outside, made safe for one log line or message: control characters (C0, DEL,
     * C1) and bidirectional controls shown as [U+XXXX], cut at 120 characters.
     */
    static String printable(String s) {
        String t = UntrustedText.visible(s);
        return t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }

    /** A subject without its reply and forward prefixes (Re:, Fwd:, AW:, رد:, ...). */
    static String withoutPrefixes(String subject) {
        String s = subject == null ? "" : subject.strip();
        String before;
        do {
            before = s;
            s = s.replaceFirst("(?i)^(re|fwd?|aw|wg|tr|sv|vs|antw|rif|r|res|enc|رد|إعادة توجيه|اعادة توجيه|تحويل)\\s*(\\[\\d+\\])?\\s*[:：]\\s*", "");
        } while (!s.equals(before));
        return s.strip();
    }
}
