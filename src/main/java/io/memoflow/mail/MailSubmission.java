package io.memoflow.mail;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.DraftParser;
import io.memoflow.draft.TextDecoding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A draft submitted by mail: the one {@code .md}/{@code .txt} attachment, else the mail's text
 * (the plain-text alternative, else the text of the HTML, without the signature after "-- ").
 * When the draft has no front matter, the subject (without "Re:", "Fwd:" ...) becomes its title
 * through a front matter block added in front: {@code title: "..."}. The draft handed on is
 * UTF-8 text, decoded from whatever charset the mail used. A Word, OpenDocument, HTML or PDF
 * attachment ({@link IncomingMail.Attachment#document()}) is handed on as it came, under its own
 * name, for the draft parser to read; its title comes from the document, not the subject.
 *
 * @param content the draft as UTF-8 bytes, ready for the draft parser
 * @param name    the name the draft parser and messages see: the attachment's name, or
 *                {@code mail.md} for a draft in the body
 * @param charset the charset the draft arrived in
 */
public record MailSubmission(byte[] content, String name, String charset) {

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A\\uFEFF*---[ \\t]*\\r?\\n");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^-- ?$");
    private static final int MAX_TITLE = 300;

    /**
     * The draft of a mail.
     *
     * @throws RejectedInputException when the mail has no draft, or more than one attachment that could be one
     */
    public static MailSubmission of(IncomingMail mail) {
        List<IncomingMail.Attachment> drafts = mail.attachments().stream().filter(IncomingMail.Attachment::draftCandidate).toList();
        String text;
        String name;
        String charset;
        if (drafts.size() > 1) {
            throw new RejectedInputException("The mail has " + drafts.size() + " attachments that could be the draft ("
                    + String.join(", ", drafts.stream().map(a -> "\"" + MailText.printable(a.name()) + "\"").toList())
                    + "); memoflow takes one draft per mail.", "Send each draft in a mail of its own.");
        } else if (drafts.size() == 1 && drafts.get(0).document()) {
            // a Word, OpenDocument, HTML or PDF draft goes to the draft parser as it came; its title is its own
            IncomingMail.Attachment a = drafts.get(0);
            return new MailSubmission(a.bytes(), a.name(), DraftParser.documentFormat(a.name()));
        } else if (drafts.size() == 1) {
            IncomingMail.Attachment a = drafts.get(0);
            TextDecoding.Decoded decoded;
            try {
                decoded = TextDecoding.decodeDetailed(a.bytes(), a.charset());
            } catch (RejectedInputException e) {
                throw new RejectedInputException("The attachment \"" + MailText.printable(a.name()) + "\" cannot be read: " + e.reason(),
                        e.advice(), e);
            }
            text = decoded.text();
            charset = decoded.charset();
            name = a.name();
        } else {
            text = mail.bodyText();
            int sig = signature(text);
            if (sig >= 0) {
                text = text.substring(0, sig);
            }
            if (text.isBlank()) {
                List<String> others = mail.attachments().stream().map(IncomingMail.Attachment::name).map(MailText::printable).toList();
                throw new RejectedInputException("The mail has no draft: its text is empty and it has no draft attachment (.md, .txt, .docx, .odt, .html, .pdf)"
                        + (others.isEmpty() ? "." : " (its attachments: " + String.join(", ", others) + ")."),
                        "Write or paste the draft into the mail, or attach it as a .md or .txt file (in Word: File > Save As, Plain Text).");
            }
            charset = mail.bodyCharset();
            name = "mail.md";
        }
        String title = MailText.withoutPrefixes(mail.subject());
        if (!FRONT_MATTER.matcher(text).lookingAt() && !title.isBlank()) {
            text = "---\ntitle: " + yamlQuoted(shorten(title)) + "\n---\n" + text;
        }
        return new MailSubmission(text.getBytes(StandardCharsets.UTF_8), draftName(name), charset);
    }

    /** Where the signature starts ("-- " on a line of its own, the last one), or -1. */
    private static int signature(String text) {
        var m = SIGNATURE.matcher(text);
        int at = -1;
        while (m.find()) {
            at = m.start();
        }
        return at;
    }

    /** A name the draft parser accepts (.md or .txt), whatever the attachment was called. */
    private static String draftName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".md") || lower.endsWith(".txt")) {
            return name;
        }
        return name + ".md";
    }

    private static String shorten(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE) {
            return title;
        }
        String cut = title.substring(0, title.offsetByCodePoints(0, MAX_TITLE - 1));
        int space = cut.lastIndexOf(' ');
        return (space > MAX_TITLE / 2 ? cut.substring(0, space) : cut).strip() + "…";
    }

    /** A YAML double-quoted scalar: backslash and quote escaped, control characters dropped. */
    static String yamlQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '\\' || c == '"') {
                sb.append('\\').appendCodePoint(c);
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                sb.append(' ');
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('"').toString();
    }
}
