package io.memoflow.mail;

import io.memoflow.workflow.DecisionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a reply to a decision request says: its first word (the decision) and the rest of its
 * first paragraph (the comment). Quoted text ({@code > ...}), attribution lines ("On ... wrote:",
 * "في ... كتب:"), forwarded-message and original-message separators, Outlook header blocks and
 * signatures end the reply's own text.
 */
public final class ReplyText {

    /** Longest comment kept; longer ones are cut with an ellipsis. */
    public static final int MAX_COMMENT = 2000;

    private static final Pattern FORMAT_CHARS = Pattern.compile("[\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF\\u061C]");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?i)^(on\\s.{0,300}\\swrote\\s?:?|.{0,300}\\s(wrote|writes|a écrit|schrieb|escribió)\\s?:|في\\s.{0,300}كتب.{0,40}:?|.{0,300}كتب\\s?:)\\s*$");
    private static final Pattern ATTRIBUTION_START = Pattern.compile("(?i)^(on|le|am|el|في)\\s.*");
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?i)^\\s*(-{2,}\\s*(original message|forwarded message|message d'origine|ursprüngliche nachricht|الرسالة الأصلية|رسالة معاد توجيهها)\\s*-{2,}.*"
                    + "|_{10,}|-{10,}|={10,}|(from|de|von|من)\\s*:\\s.*@.*|begin forwarded message\\s*:?)\\s*$");
    private static final Pattern PUNCTUATION = Pattern.compile("^[\\s:,.;!\\-–—،؛]+");

    /**
     * A parsed reply.
     *
     * @param firstWord the first word as written (may be empty)
     * @param kind      the decision it names, if it names one
     * @param comment   the rest of the first paragraph, on one line
     */
    public record Parsed(String firstWord, Optional<DecisionKind> kind, String comment) {
    }

    private ReplyText() {
    }

    public static Parsed parse(String text) {
        List<String> own = ownText(text == null ? "" : text);
        List<String> paragraph = new ArrayList<>();
        for (String line : own) {
            if (line.isBlank()) {
                if (paragraph.isEmpty()) {
                    continue;
                }
                break;
            }
            paragraph.add(line.strip());
        }
        String joined = String.join(" ", paragraph).replaceAll("\\s+", " ").strip();
        if (joined.isEmpty()) {
            return new Parsed("", Optional.empty(), "");
        }
        int space = joined.indexOf(' ');
        String first = space < 0 ? joined : joined.substring(0, space);
        String rest = space < 0 ? "" : joined.substring(space + 1);
        Optional<DecisionKind> kind = DecisionKind.parse(first);
        if (kind.isEmpty()) {
            // "APPROVE:" and "APPROVE." are covered by the parser; also "APPROVE-" or "APPROVE," glued to the word
            String bare = first.replaceAll("[\\p{Punct}،؛]+$", "");
            kind = DecisionKind.parse(bare);
        }
        String comment = PUNCTUATION.matcher(rest).replaceFirst("").strip();
        if (comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            comment = comment.substring(0, comment.offsetByCodePoints(0, MAX_COMMENT - 1)) + "…";
        }
        return new Parsed(first, kind, comment);
    }

    /** The lines the sender wrote, before any quotation, attribution, separator or signature. */
    static List<String> ownText(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = FORMAT_CHARS.matcher(lines[i]).replaceAll("").replace('\u00A0', ' ');
            String t = line.strip();
            if (t.startsWith(">") || t.equals("--") || line.equals("-- ") || SEPARATOR.matcher(t).matches()
                    || ATTRIBUTION.matcher(t).matches()) {
                break;
            }
            if (ATTRIBUTION_START.matcher(t).matches() && i + 1 < lines.length) {
                // "On Mon, 5 Jan 2026 at 10:00, memoflow <" / "memoflow@example.org> wrote:" (wrapped)
                String two = t + " " + FORMAT_CHARS.matcher(lines[i + 1]).replaceAll("").strip();
                if (ATTRIBUTION.matcher(two).matches()) {
                    break;
                }
            }
            out.add(line);
        }
        return out;
    }
}
