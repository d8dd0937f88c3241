package io.memoflow.draft;

import java.util.List;

/**
 * A parsed draft memorandum: front matter fields (empty or {@code null} when the draft gives
 * none) and the Markdown body without the front matter.
 *
 * @param title      from front matter, else the first non-empty line of the body (Markdown
 *                   heading marks stripped); never empty
 * @param reference  only when the draft is a new version of an existing memorandum, else null
 * @param language   BCP 47 primary tag ("ar", "en", ...): from front matter or detected from
 *                   the script of the text
 * @param workflow   workflow name from front matter, else null
 * @param author     e-mail address from front matter, else null
 * @param parties    from front matter, else empty
 * @param reviewers  e-mail addresses from front matter, else empty
 * @param cc         e-mail addresses from front matter, else empty
 * @param body       the Markdown body (front matter removed, line ends normalised to \n)
 * @param charset    the name of the character encoding the bytes were decoded from, or for a
 *                   document the format it was read from (docx, odt, html, pdf)
 * @param original   the document the body was read from (Word, OpenDocument, HTML, PDF), kept
 *                   beside the text; null for a text draft
 */
public record Draft(String title, String reference, String language, String workflow, String author,
                    List<Party> parties, List<String> reviewers, List<String> cc, String body,
                    String charset, Original original) {
    public Draft {
        parties = List.copyOf(parties);
        reviewers = List.copyOf(reviewers);
        cc = List.copyOf(cc);
    }

    /** A text draft (Markdown or plain text): no original document. */
    public Draft(String title, String reference, String language, String workflow, String author,
                 List<Party> parties, List<String> reviewers, List<String> cc, String body, String charset) {
        this(title, reference, language, workflow, author, parties, reviewers, cc, body, charset, null);
    }

    /**
     * A document as submitted.
     *
     * @param format docx, odt, html or pdf
     * @param bytes  the file's bytes
     */
    public record Original(String format, byte[] bytes) {
        /** The name a version's original is stored under: {@code v1-original.docx}. */
        public String fileName(int version) {
            return "v" + version + "-original." + format;
        }
    }

    /** True when the language is written right to left. */
    public boolean rightToLeft() {
        return Languages.isRightToLeft(language);
    }
}
