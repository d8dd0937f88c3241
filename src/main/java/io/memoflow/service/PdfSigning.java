package io.memoflow.service;

import io.memoflow.document.SignatureBox;
import java.time.Instant;
import java.util.List;

/** What the document service needs from the signing module. */
public interface PdfSigning {

    /** Embeds the audit log ({@code audit.jsonl}) and the approved text ({@code memorandum.md}); before any signature. */
    byte[] attach(byte[] pdf, byte[] auditJsonl, byte[] sourceText);

    /** The organisation's seal certifies the document (first signature, DocMDP). */
    byte[] seal(byte[] pdf, Instant at);

    /** A party's signatory signs in their block, in a new incremental revision. */
    byte[] sign(byte[] pdf, String email, String displayName, String language, SignatureBox box, Instant at);

    /** Names of those who signed, as the certificates say, in order (for logs and audit). */
    default List<String> describe() {
        return List.of();
    }
}
