package io.memoflow.document;

import io.memoflow.draft.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything the typesetter needs to render one version of a memorandum. Plain data, no I/O:
 * every string here is untrusted text and is only ever typeset as text.
 *
 * @param reference   e.g. MOU-2026-0007; printed in the header or footer of every page
 * @param version     version number, 1-based
 * @param title       the memorandum's title
 * @param language    BCP 47 primary tag of the document ("ar", "en", ...): decides the
 *                    document direction, page labels ("صفحة X من Y") and date formats
 * @param date        the date printed in the title block (Gregorian; Hijri too for Arabic)
 * @param body        the body in Markdown (headings, paragraphs, lists, tables, emphasis)
 * @param parties     the parties, in order; one signature block each on the signature page
 * @param approvals   for each party (same index), when its signatory approved, or null
 * @param draft       true for review copies: a DRAFT watermark on every page
 * @param audit       lines for the audit page, oldest first; empty: no audit page
 * @param auditHash   the final hash of the audit chain (hex), printed on the audit page; may
 *                    be null when there is no audit page
 * @param sealOnly    true when no party's signature was asked for (a workflow such as auto): the
 *                    organisation's seal alone signs, and each party's block says so instead of
 *                    awaiting approval
 * @param redline     true for the CHANGES copy of a version: the body holds the redline markers
 *                    ({@link #DELETED_START} ... {@link #NOTE_END}), and the words between them are
 *                    set struck through (deleted), underlined (inserted) or as a note; false: the
 *                    markers are nothing special (callers remove them from untrusted text with
 *                    {@link #withoutMarkers} before adding their own)
 * @param files       files the PDF carries inside it (PDF/A-3 associated files), in the order given
 */
public record MemoDocument(String reference, int version, String title, String language, Instant date,
                           String body, List<Party> parties, List<Instant> approvals, boolean draft,
                           List<AuditLine> audit, String auditHash, boolean sealOnly, boolean redline,
                           List<EmbeddedFile> files) {

    /** Redline markers (private-use characters): deleted words begin here... */
    public static final char DELETED_START = '\uE000';
    /** ...and end here. */
    public static final char DELETED_END = '\uE001';
    /** Inserted words begin here... */
    public static final char INSERTED_START = '\uE002';
    /** ...and end here. */
    public static final char INSERTED_END = '\uE003';
    /** A note of memoflow's (e.g. "moved from paragraph 3") begins here... */
    public static final char NOTE_START = '\uE004';
    /** ...and ends here. */
    public static final char NOTE_END = '\uE005';

    /** The text with any redline marker replaced by U+FFFD, so that untrusted text cannot decorate itself. */
    public static String withoutMarkers(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c >= DELETED_START && c <= NOTE_END ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    /** For a marker: +decoration it starts, -decoration it ends; 0 for any other character. */
    static int markerDecoration(char c) {
        return switch (c) {
            case DELETED_START -> Fonts.STRUCK;
            case DELETED_END -> -Fonts.STRUCK;
            case INSERTED_START -> Fonts.UNDERLINED;
            case INSERTED_END -> -Fonts.UNDERLINED;
            case NOTE_START -> Fonts.NOTE | Fonts.ITALIC;
            case NOTE_END -> -(Fonts.NOTE | Fonts.ITALIC);
            default -> 0;
        };
    }

    /** A memorandum's copy without redline markers. */
    public MemoDocument(String reference, int version, String title, String language, Instant date,
                        String body, List<Party> parties, List<Instant> approvals, boolean draft,
                        List<AuditLine> audit, String auditHash, boolean sealOnly) {
        this(reference, version, title, language, date, body, parties, approvals, draft, audit, auditHash, sealOnly, false);
    }

    /** A document that carries no file inside its PDF. */
    public MemoDocument(String reference, int version, String title, String language, Instant date,
                        String body, List<Party> parties, List<Instant> approvals, boolean draft,
                        List<AuditLine> audit, String auditHash, boolean sealOnly, boolean redline) {
        this(reference, version, title, language, date, body, parties, approvals, draft, audit, auditHash, sealOnly, redline,
                List.of());
    }

    /** The same document carrying these files inside its PDF. */
    public MemoDocument withFiles(List<EmbeddedFile> embedded) {
        return new MemoDocument(reference, version, title, language, date, body, parties, approvals, draft, audit, auditHash,
                sealOnly, redline, embedded);
    }

    public MemoDocument {
        parties = List.copyOf(parties);
        approvals = approvals == null ? Collections.nCopies(parties.size(), (Instant) null)
                : Collections.unmodifiableList(new ArrayList<>(approvals));
        audit = List.copyOf(audit);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A memorandum whose parties' signatures are asked for (or not yet given, for a DRAFT copy). */
    public MemoDocument(String reference, int version, String title, String language, Instant date,
                        String body, List<Party> parties, List<Instant> approvals, boolean draft,
                        List<AuditLine> audit, String auditHash) {
        this(reference, version, title, language, date, body, parties, approvals, draft, audit, auditHash, false);
    }

    /** One event on the audit page: when, who, what (already worded in the document's language). */
    public record AuditLine(Instant at, String actor, String text) {
    }
}
