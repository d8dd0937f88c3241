package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a submitted draft file into a {@link Draft}, or rejects it with a
 * {@link RejectedInputException} whose reason and advice are written for the person who
 * submitted it. Every input is treated as hostile: it is only ever text, never a path or a URL.
 *
 * <h2>Kind</h2>
 * The file name is used for one thing only, its extension (any case): {@code .md},
 * {@code .markdown} or {@code .txt} is a text draft; {@code .docx}, {@code .odt},
 * {@code .html}/{@code .htm} and {@code .pdf} are documents, read into Markdown by
 * {@link DocxReader}, {@link OdtReader}, {@link HtmlReader} and {@link PdfReader} (each checks
 * that the content is what the name says, and {@link ZipGuard} unpacks .docx and .odt within
 * the limits), and then checked like a text draft below (control characters, front matter typed
 * as the document's first lines, title, language). Anything else is rejected, with advice
 * specific to older Word files.
 *
 * <h2>Bytes and text</h2>
 * <ul>
 *   <li>Files larger than {@link DraftLimits#maxBytes()} and empty files are rejected.</li>
 *   <li>The encoding is found by {@link TextDecoding#detect(byte[])}: UTF-8 with or without
 *       byte order mark, UTF-16LE/BE with byte order mark, windows-1256 or ISO-8859-6 when the
 *       bytes are not UTF-8 and read plausibly as Arabic. Known binary formats (PDF, ZIP/DOCX,
 *       images, programs ...) are rejected naming the format; NUL bytes mean binary.
 *       <b>UTF-16 without a byte order mark is rejected</b> with its own reason rather than
 *       guessed, since a wrong guess would silently produce nonsense and every common editor
 *       writes the mark.</li>
 *   <li>Leading byte order marks are removed (also a doubled one) and line ends ({@code \r\n},
 *       {@code \r}) become {@code \n}. Nothing else in the text is changed.</li>
 *   <li><b>Control characters are rejected, not stripped</b>: any C0 control other than tab and
 *       line end (form feed, vertical tab, escape, Ctrl+Z ...), DEL and the C1 controls make
 *       the draft fail with the line and column of the first one. Silently deleting characters
 *       from a legal text is worse than asking for a clean copy. The bidirectional embeddings,
 *       overrides and isolates (U+202A–U+202E, U+2066–U+2069) are rejected the same way: they
 *       make the text shown differ from the text stored. (Bidirectional marks U+200E/U+200F,
 *       joiners and other format characters are text and are kept.)</li>
 *   <li>A file with only spaces, blank lines and invisible characters is rejected.</li>
 * </ul>
 *
 * <h2>Front matter</h2>
 * An optional YAML block between a first line {@code ---} and the next line that is {@code ---}
 * or {@code ...} (trailing spaces allowed); no closing line is an error. It must begin on the
 * first line: a block of known keys that starts further down is rejected rather than silently
 * read as text. It is read by {@link FrontMatterReader} (snakeyaml-engine, core schema, no
 * tags, no anchors or aliases, nesting at most {@link DraftLimits#maxNestingDepth()}, size at
 * most {@link DraftLimits#maxFrontMatterBytes()} bytes in UTF-8). Keys:
 * {@code title, reference, language, workflow, author, parties, reviewers, cc}; each party has
 * {@code name} (required), {@code signatory, title, email}; a party may also be just a name.
 * <b>Unknown keys are rejected</b>, naming the key, its line, the probable intended key
 * ("reviewer" → "reviewers") and the known keys: a misspelt {@code reviewer:} that was silently
 * ignored would skip a review. Duplicate keys are rejected too. Values of the wrong shape (a
 * number, yes/no value, list or group where text is expected, ...) are rejected naming the key,
 * the line and the expected shape; text fields must be one line without control characters
 * and at most 300 characters. An empty value counts as not given.
 *
 * <h2>Field rules</h2>
 * <ul>
 *   <li>E-mail addresses (author, reviewers, cc, party emails): exactly one {@code @}, plain
 *       ASCII only (which also catches invisible direction marks copied with Arabic text and
 *       look-alike letters), no spaces, no {@code < >}, a local part of at most 64 RFC 5322
 *       characters without leading, trailing or double dots, a domain of dot-separated labels
 *       of letters, digits and inner dashes with at least one dot, at most 254 characters;
 *       stored lower-cased. Reviewers and cc are a list of addresses or a text of addresses
 *       separated by commas or semicolons; empty pieces of such a text are skipped, duplicates
 *       are removed keeping the first; at most {@link DraftLimits#maxAddresses()} each.</li>
 *   <li>reference: {@code ^[A-Z][A-Z0-9]{0,15}-\d{4}-\d{4,6}$} (any prefix).</li>
 *   <li>workflow: {@code [a-z][a-z0-9-]{0,31}} after lower-casing.</li>
 *   <li>language: a BCP 47-style tag ({@code ar}, {@code en}, {@code ar-MA}) whose primary
 *       subtag is an ISO 639-1 code or three letters; the draft records the primary subtag,
 *       lower case.</li>
 *   <li>at most {@link DraftLimits#maxParties()} parties.</li>
 *   <li>Text with HTML, XML or template syntax ({@code <script>}, {@code {{ }}},
 *       {@code ${...}}) is kept verbatim: it is only ever typeset as text.</li>
 * </ul>
 *
 * <h2>Title and language</h2>
 * The title is the front matter title, else the first body line that has a letter or digit
 * (else the first non-blank line), with Markdown heading marks ({@code #}, also closing ones)
 * removed, tabs and runs of spaces made single spaces, trimmed, and cut at 300 characters with
 * an ellipsis (at a space when one is near). A draft whose body has no text is rejected even
 * when the front matter has a title. The language is the front matter language, else
 * {@code "ar"} when Arabic-script letters are more than half of all letters in the body and the
 * front matter title, else {@code "en"}. (So Persian or Urdu text is detected as {@code ar}
 * and French as {@code en}; such drafts should give {@code language:}.)
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class DraftParser {

    static final int MAX_TITLE = FieldParser.MAX_TEXT;
    private static final Set<String> KINDS = Set.of("md", "markdown", "txt");
    private static final String KIND_ADVICE = "memoflow accepts .md, .txt, .docx, .odt, .html and .pdf drafts: save the"
            + " memorandum as one of those and submit that file.";
    private static final String EMPTY_ADVICE = "Submit the file again with the memorandum's text in it; if it was copied"
            + " or downloaded, check that the copy finished.";
    private static final Pattern FENCE_OPEN = Pattern.compile("---[ \\t]*");
    private static final Pattern FENCE_CLOSE = Pattern.compile("(---|\\.\\.\\.)[ \\t]*");
    private static final Pattern KEY_LINE = Pattern.compile(
            "^\\s*(title|reference|language|workflow|author|parties|reviewers|cc)\\s*:.*");

    private final DraftLimits limits;
    private final FrontMatterReader frontMatterReader;

    public DraftParser(DraftLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.frontMatterReader = new FrontMatterReader(limits);
    }

    /**
     * Parses a draft.
     *
     * @param content  the file's bytes
     * @param fileName the file's name, used only to check its extension
     * @return the draft
     * @throws RejectedInputException when the draft cannot be accepted; the reason says why
     */
    public Draft parse(byte[] content, String fileName) {
        Objects.requireNonNull(content, "content");
        checkKind(fileName);
        if (content.length > limits.maxBytes()) {
            String actual = size(content.length);
            String limit = size(limits.maxBytes());
            if (actual.equals(limit)) {
                actual = String.format(Locale.ROOT, "%,d bytes", content.length);
                limit = String.format(Locale.ROOT, "%,d bytes", limits.maxBytes());
            }
            throw new RejectedInputException("The draft is " + actual + "; memoflow accepts drafts of at most " + limit + ".", "Check that the right file was submitted: the text of a memorandum is"
                    + " rarely more than a few hundred kilobytes. Remove pasted material that does not belong to it, or"
                    + " ask for the limit to be raised in the memoflow configuration.");
        }
        if (content.length == 0) {
            throw new RejectedInputException("The file is empty (0 bytes).", EMPTY_ADVICE);
        }
        String format = documentFormat(fileName);
        String text;
        String charset;
        DocumentText document = null;
        if (format == null) {
            TextDecoding.Decoded decoded = TextDecoding.detect(content);
            text = normaliseLineEnds(stripLeadingBoms(decoded.text()));
            charset = decoded.charset();
        } else {
            document = readDocument(content, format);
            text = normaliseLineEnds(stripLeadingBoms(document.markdown()));
            charset = document.format();
            if (text.length() > limits.maxBytes()) {
                throw new RejectedInputException("The text memoflow read from the document is longer than the limit for drafts ("
                        + size(limits.maxBytes()) + ").", "Check that the right file was submitted, or ask for the limit to be"
                        + " raised in the memoflow configuration (memoflow.limits.draft-bytes).");
            }
        }
        rejectControlCharacters(text);
        if (!hasVisibleText(text)) {
            throw new RejectedInputException(format == null ? "The file contains only spaces and blank lines: there is no text in it."
                    : "The document has no text in it.", EMPTY_ADVICE);
        }

        FrontMatterReader.FrontMatter fm = FrontMatterReader.FrontMatter.NONE;
        String body = text;
        int firstEol = text.indexOf('\n');
        String firstLine = firstEol < 0 ? text : text.substring(0, firstEol);
        if (FENCE_OPEN.matcher(firstLine).matches()) {
            int close = -1;
            int closeEnd = -1;
            int start = firstEol < 0 ? text.length() : firstEol + 1;
            for (int pos = start; pos < text.length(); ) {
                int eol = text.indexOf('\n', pos);
                int end = eol < 0 ? text.length() : eol;
                if (FENCE_CLOSE.matcher(text.substring(pos, end)).matches()) {
                    close = pos;
                    closeEnd = eol < 0 ? text.length() : eol + 1;
                    break;
                }
                pos = end + 1;
            }
            if (close < 0) {
                throw new RejectedInputException("The front matter that starts with the --- on line 1 is never closed:"
                        + " there is no line with only --- after it.", "Add a line with only --- after the last front"
                        + " matter line, before the memorandum's text. If the draft has no front matter, remove the ---"
                        + " from the first line.");
            }
            String yaml = text.substring(start, close);
            int yamlBytes = yaml.getBytes(StandardCharsets.UTF_8).length;
            if (yamlBytes > limits.maxFrontMatterBytes()) {
                throw new RejectedInputException("The front matter (between the --- lines) is " + size(yamlBytes)
                        + "; memoflow accepts at most " + size(limits.maxFrontMatterBytes()) + ".",
                        "Shorten the front matter; the memorandum's text belongs below the closing --- line.");
            }
            fm = frontMatterReader.read(yaml, 2);
            body = text.substring(closeEnd);
        } else if (firstLine.isBlank()) {
            rejectMisplacedFrontMatter(text);
        }
        if (!hasVisibleText(body)) {
            throw new RejectedInputException("The draft has no text: there is front matter (the part between the --- lines)"
                    + " but nothing below it.", "Write or paste the memorandum's text below the closing --- line.");
        }
        String fmTitle = fm.title() != null && hasVisibleText(fm.title()) ? fm.title() : null;
        String hint = document != null && document.titleHint() != null && hasVisibleText(document.titleHint())
                && UntrustedText.problemInLine(document.titleHint(), true) == null ? shorten(stripHeading(document.titleHint())) : null;
        String title = fmTitle != null ? fmTitle : hint != null ? hint : titleFromBody(body);
        String language = fm.language() != null ? fm.language() : document != null && document.language() != null
                ? document.language() : detectLanguage(fmTitle == null ? body : fmTitle + "\n" + body);
        return new Draft(title, fm.reference(), language, fm.workflow(), fm.author(), fm.parties(), fm.reviewers(),
                fm.cc(), body, charset, document == null ? null : new Draft.Original(document.format(), content));
    }

    /** "ar" when Arabic-script letters are more than half of all letters, else "en". */
    static String detectLanguage(String text) {
        long letters = 0;
        long arabic = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.ARABIC) {
                    arabic++;
                }
            }
        }
        return arabic * 2 > letters ? "ar" : "en";
    }

    /** The first line with a letter or digit (else the first non-blank line), heading marks removed, shortened. */
    static String titleFromBody(String body) {
        String fallback = null;
        for (String line : body.split("\n")) {
            String candidate = stripHeading(line);
            if (!hasVisibleText(candidate)) {
                if (fallback == null && hasVisibleText(line)) {
                    fallback = line.strip(); // only heading marks ("#"): the line as typed
                }
                continue;
            }
            if (candidate.codePoints().anyMatch(Character::isLetterOrDigit)) {
                return shorten(candidate);
            }
            if (fallback == null || !hasVisibleText(stripHeading(fallback))) {
                fallback = candidate;
            }
        }
        return shorten(Objects.requireNonNull(fallback, "a body with visible text has a non-blank line"));
    }

    private static String stripHeading(String line) {
        String s = line.strip().replaceFirst("^#+", "").replaceFirst("[ \\t]+#+$", "");
        return s.replaceAll("[\\t ]+", " ").strip();
    }

    private static String shorten(String title) {
        if (title.codePointCount(0, title.length()) <= MAX_TITLE) {
            return title;
        }
        int limit = title.offsetByCodePoints(0, MAX_TITLE - 1);
        int cut = limit;
        int space = title.lastIndexOf(' ', limit);
        if (space > title.offsetByCodePoints(0, MAX_TITLE - 60)) {
            cut = space;
        } else {
            BreakIterator characters = BreakIterator.getCharacterInstance(Locale.ROOT);
            characters.setText(title);
            if (!characters.isBoundary(cut)) {
                cut = characters.preceding(cut);
            }
        }
        return title.substring(0, cut).strip() + "…";
    }

    /**
     * The document format a file name says ({@code docx}, {@code odt}, {@code html}, {@code pdf}),
     * or null for a text draft (.md, .markdown, .txt) or a name memoflow does not read.
     */
    public static String documentFormat(String fileName) {
        String ext = extension(fileName);
        return switch (ext) {
            case "docx", "odt", "pdf" -> ext;
            case "html", "htm" -> "html";
            default -> null;
        };
    }

    private DocumentText readDocument(byte[] content, String format) {
        return switch (format) {
            case "docx" -> DocxReader.read(content, limits);
            case "odt" -> OdtReader.read(content, limits);
            case "pdf" -> PdfReader.read(content);
            default -> HtmlReader.read(TextDecoding.detect(content).text());
        };
    }

    private static String extension(String fileName) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void checkKind(String fileName) {
        String ext = extension(fileName);
        if (KINDS.contains(ext) || documentFormat(fileName) != null) {
            return;
        }
        if (ext.isEmpty()) {
            throw new RejectedInputException("The draft's file name has no extension such as .txt or .md, so memoflow"
                    + " cannot tell what kind of file it is.", KIND_ADVICE);
        }
        String shown = ext.matches("[a-z0-9]{1,10}") ? "a ." + ext + " file" : "a file of a kind memoflow does not know";
        String advice;
        switch (ext) {
            case "doc":
            case "rtf":
                advice = "memoflow reads Word documents in the .docx format. In Word, use File > Save As, choose Word"
                        + " Document (.docx), and submit that file.";
                break;
            default:
                advice = KIND_ADVICE;
        }
        throw new RejectedInputException("The draft is " + shown + ", which memoflow does not read.", advice);
    }

    private static String stripLeadingBoms(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\uFEFF') {
            i++;
        }
        return text.substring(i);
    }

    private static String normaliseLineEnds(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static void rejectControlCharacters(String text) {
        int line = 1;
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 0;
                continue;
            }
            if (!Character.isLowSurrogate(c)) {
                column++;
            }
            if (c != '\t' && Fields.isControl(c)) {
                throw new RejectedInputException("Line " + line + ", column " + column + " contains an invisible control"
                        + " character (" + Fields.controlName(c) + ").", "Delete that character and submit the draft"
                        + " again; such characters come with text copied from other programs or from PDF files.");
            }
            if (UntrustedText.isBidiControl(c)) {
                throw new RejectedInputException("Line " + line + ", column " + column + " contains a bidirectional control ("
                        + UntrustedText.name(c) + ").", "Delete that character and submit the draft again. "
                        + UntrustedText.BIDI_ADVICE);
            }
        }
    }

    private void rejectMisplacedFrontMatter(String text) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i > 0 && i + 1 < lines.length && FENCE_OPEN.matcher(lines[i]).matches()
                && KEY_LINE.matcher(lines[i + 1]).matches()) {
            throw new RejectedInputException("The front matter must begin on the very first line of the file, but its"
                    + " first --- is on line " + (i + 1) + ".", "Delete the blank lines above the first ---.");
        }
    }

    /** True when the text has a character that is not white space or an invisible format character. */
    static boolean hasVisibleText(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && Character.getType(cp) != Character.FORMAT) {
                return true;
            }
        }
        return false;
    }

    /** Sizes in words: "812 bytes", "64 KB", "2 MB", "3.4 MB". */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        double kb = bytes / 1024.0;
        if (kb < 1024) {
            return trim(kb) + " KB";
        }
        return trim(kb / 1024.0) + " MB";
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.1f", value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
