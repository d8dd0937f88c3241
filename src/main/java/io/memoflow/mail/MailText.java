package io.memoflow.mail;

/** Small text helpers for mail handling. */
final class MailText {

    private MailText() {
    }

    /** Text from outside, made safe for one log line or message. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\p{Cntrl}", "?");
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
