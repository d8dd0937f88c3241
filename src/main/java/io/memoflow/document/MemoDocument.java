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
 */
public record MemoDocument(String reference, int version, String title, String language, Instant date,
                           String body, List<Party> parties, List<Instant> approvals, boolean draft,
                           List<AuditLine> audit, String auditHash, boolean sealOnly) {
    public MemoDocument {
        parties = List.copyOf(parties);
        approvals = approvals == null ? Collections.nCopies(parties.size(), (Instant) null)
                : Collections.unmodifiableList(new ArrayList<>(approvals));
        audit = List.copyOf(audit);
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
