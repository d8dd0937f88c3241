package io.memoflow.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * What {@link PdfVerifier} found: every signature, the changes after certification and after the
 * last signature, and the embedded audit log. {@link #valid()} only when every check holds;
 * {@link #problems()} says in plain words what does not.
 *
 * @param valid       true when every check holds
 * @param revisions   how many revisions (saves) the file has
 * @param anchors     the trusted certificates the signatures were checked against (none: nothing is trusted)
 * @param signatures  the signatures, in the order they were made
 * @param appended    what was changed after the last signature (empty: nothing)
 * @param appendedKind one phrase naming the worst of those changes ("an added page", "changed page
 *                     content", "an annotation only", ...), or "" when nothing was appended
 * @param audit       the audit log check
 * @param problems    every reason the file is not valid
 * @param untrustedOnly true when every problem is about trust alone (no anchor, a certificate that does not chain to one)
 * @param notes       facts worth knowing that do not make the file invalid
 */
public record VerificationReport(boolean valid, int revisions, List<Anchor> anchors, List<SignatureCheck> signatures,
                                 List<String> appended, String appendedKind, AuditCheck audit, List<String> problems,
                                 boolean untrustedOnly, List<String> notes) {

    /** Exit status of {@code memoflow verify} when everything holds but trust: the file is intact, its signers not trusted. */
    public static final int UNTRUSTED = 3;

    public VerificationReport {
        anchors = List.copyOf(anchors);
        signatures = List.copyOf(signatures);
        appended = List.copyOf(appended);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /**
     * One signature.
     *
     * @param number          1-based, in signing order
     * @param field           the signature field's name
     * @param signer          the certificate's common name
     * @param email           the certificate's e-mail address, or ""
     * @param signingTime     the claimed signing time (/M), or null
     * @param subFilter       e.g. ETSI.CAdES.detached
     * @param certification   true for the DocMDP (certification) signature
     * @param docMdpPermissions the DocMDP P value of a certification signature, else 0
     * @param digestMatches   the CMS message digest equals the digest of the signed bytes
     * @param signatureValid  the CMS signature value verifies with the signer's key
     * @param signingCertificateV2 the signing-certificate-v2 attribute is present and names the signer's certificate
     * @param chainTrusted    the certificate chains to a trusted certificate (at the signing time; revocation not checked)
     * @param chain           the chain, signer first, as common names
     * @param coversRevision  the byte range starts at 0, leaves out exactly the signature's own /Contents and ends at a revision end
     * @param revision        the revision the signature ends at (1-based), 0 when none
     * @param byteRange       the signature's /ByteRange
     * @param problems        what is wrong with this signature
     * @param documentTimestamp true for an ETSI.RFC3161 document timestamp (signer: the timestamp authority)
     * @param level           the PAdES baseline level the signature reaches: B, T, LT or LTA ("" for a document timestamp)
     * @param timestampTime   the time its timestamp proves (the signature-time-stamp's, or the document timestamp's), or null
     * @param timestampAuthority the common name of the authority of that timestamp, or ""
     */
    public record SignatureCheck(int number, String field, String signer, String email, Instant signingTime, String subFilter,
                                 boolean certification, int docMdpPermissions, boolean digestMatches, boolean signatureValid,
                                 boolean signingCertificateV2, boolean chainTrusted, List<String> chain, boolean coversRevision,
                                 int revision, List<Long> byteRange, List<String> problems, boolean documentTimestamp, String level,
                                 Instant timestampTime, String timestampAuthority) {
        public SignatureCheck {
            chain = List.copyOf(chain);
            byteRange = List.copyOf(byteRange);
            problems = List.copyOf(problems);
        }

        SignatureCheck withLevel(String l) {
            return new SignatureCheck(number, field, signer, email, signingTime, subFilter, certification, docMdpPermissions,
                    digestMatches, signatureValid, signingCertificateV2, chainTrusted, chain, coversRevision, revision, byteRange,
                    problems, documentTimestamp, l, timestampTime, timestampAuthority);
        }

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /**
     * The embedded audit log.
     *
     * @param present          audit.jsonl is embedded
     * @param entries          its number of entries
     * @param chainIntact      every entry chains to the one before ({@link io.memoflow.audit.AuditLog#verify})
     * @param finalHash        the SHA-256 of its last entry
     * @param memorandumMatches the sha256 of the last version event equals the SHA-256 of the embedded memorandum.md
     * @param printedHash      the audit hash printed in the document's text, or null when none was found
     * @param problems         what is wrong with it
     */
    public record AuditCheck(boolean present, int entries, boolean chainIntact, String finalHash, boolean memorandumMatches,
                             String printedHash, List<String> problems) {
        public AuditCheck {
            problems = List.copyOf(problems);
        }
    }

    /**
     * A trusted certificate the signatures were checked against.
     *
     * @param name   its common name
     * @param sha256 its SHA-256 fingerprint, AB:CD:... (as openssl prints it)
     */
    public record Anchor(String name, String sha256) {
    }

    /**
     * The exit status of {@code memoflow verify}: 0 when everything holds and every signer is
     * trusted; {@value #UNTRUSTED} when the file is intact but its signers are not trusted (no trust
     * anchor given, or a certificate that does not chain to one); 1 otherwise.
     */
    public int exitStatus() {
        return valid ? 0 : untrustedOnly ? UNTRUSTED : 1;
    }

    /** The report for people. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        long stamps = signatures.stream().filter(SignatureCheck::documentTimestamp).count();
        long sigs = signatures.size() - stamps;
        b.append(valid ? "VALID" : "NOT VALID").append(": ").append(sigs).append(sigs == 1 ? " signature" : " signatures")
                .append(stamps == 0 ? "" : stamps == 1 ? " and 1 document timestamp" : " and " + stamps + " document timestamps")
                .append(", ").append(revisions).append(revisions == 1 ? " revision" : " revisions").append('\n');
        if (anchors.isEmpty()) {
            b.append("Trust:        not trusted: no trust anchor given (use --trust CA.pem or --home DIR)\n");
        }
        for (Anchor a : anchors) {
            b.append("Trust:        ").append(a.name()).append(", SHA-256 ").append(a.sha256()).append('\n');
        }
        for (SignatureCheck s : signatures) {
            if (s.documentTimestamp()) {
                b.append('\n').append("Document timestamp ").append(s.number()).append(" (field '").append(s.field()).append("'): ")
                        .append(s.valid() ? "valid" : "NOT VALID").append('\n');
                b.append("  proves:       the document up to revision ").append(s.revision()).append(" existed at ")
                        .append(s.timestampTime() == null ? "an unknown time" : s.timestampTime().toString()).append('\n');
                b.append("  authority:    ").append(s.signer()).append(" (").append(s.chainTrusted() ? "trusted" : "NOT TRUSTED")
                        .append(": ").append(String.join(" <- ", s.chain())).append(")\n");
                b.append("  covers:       ").append(s.coversRevision() ? "the document up to revision " + s.revision() + " of "
                        + revisions : "NOT a whole revision").append(' ').append(s.byteRange()).append('\n');
                for (String p : s.problems()) {
                    b.append("  problem:      ").append(p).append('\n');
                }
                continue;
            }
            b.append('\n').append("Signature ").append(s.number()).append(" (field '").append(s.field()).append("')")
                    .append(s.certification() ? ", certification (DocMDP P=" + s.docMdpPermissions() + ")" : "")
                    .append(": ").append(s.valid() ? "valid" : "NOT VALID").append('\n');
            b.append("  signer:       ").append(s.signer()).append(s.email().isEmpty() ? "" : " <" + s.email() + ">").append('\n');
            b.append("  signed at:    ").append(s.signingTime() == null ? "unknown" : s.signingTime().toString())
                    .append(s.timestampTime() == null ? " (claimed; no timestamp)" : " (claimed); timestamp proves it existed at "
                            + s.timestampTime() + " (" + s.timestampAuthority() + ")").append('\n');
            b.append("  level:        PAdES-BASELINE-").append(s.level()).append('\n');
            b.append("  format:       ").append(s.subFilter()).append(s.signingCertificateV2() ? ", signing-certificate-v2" : "").append('\n');
            b.append("  digest:       ").append(s.digestMatches() ? "matches the signed bytes" : "DOES NOT MATCH").append('\n');
            b.append("  signature:    ").append(s.signatureValid() ? "verifies" : "DOES NOT VERIFY").append('\n');
            b.append("  certificate:  ").append(s.chainTrusted() ? "trusted" : anchors.isEmpty() ? "NOT TRUSTED (no trust anchor given)"
                    : "NOT TRUSTED").append(" (")
                    .append(String.join(" <- ", s.chain())).append(")\n");
            b.append("  covers:       ").append(s.coversRevision() ? "the document up to revision " + s.revision() + " of " + revisions
                    : "NOT a whole revision").append(' ').append(s.byteRange()).append('\n');
            for (String p : s.problems()) {
                b.append("  problem:      ").append(p).append('\n');
            }
        }
        b.append('\n').append("After the last signature: ")
                .append(appended.isEmpty() ? "nothing was added or changed" : appendedKind + ": " + String.join("; ", appended))
                .append('\n');
        if (audit != null) {
            b.append("Audit log:    ");
            if (!audit.present()) {
                b.append("MISSING\n");
            } else {
                b.append(audit.entries()).append(" entries, chain ").append(audit.chainIntact() ? "intact" : "BROKEN")
                        .append(", final hash ").append(audit.finalHash()).append('\n');
                b.append("Memorandum:   ").append(audit.memorandumMatches() ? "matches the hash of its last version in the audit log"
                        : "DOES NOT MATCH the audit log").append('\n');
                b.append("Audit page:   ").append(audit.printedHash() == null ? "no printed audit hash found (not compared)"
                        : audit.printedHash().equals(audit.finalHash()) ? "prints the same final hash" : "prints " + audit.printedHash()
                        + " (DIFFERENT)").append('\n');
            }
        }
        if (!problems.isEmpty()) {
            b.append('\n').append("Problems:\n");
            problems.forEach(p -> b.append("  - ").append(p).append('\n'));
        }
        if (!notes.isEmpty()) {
            b.append('\n').append("Notes:\n");
            notes.forEach(p -> b.append("  - ").append(p).append('\n'));
        }
        return b.toString();
    }

    /** The report for scripts: one JSON object. */
    public String toJson() {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("valid", valid);
        root.put("revisions", revisions);
        ObjectNode trust = root.putObject("trust");
        trust.put("trusted", !anchors.isEmpty() && !signatures.isEmpty() && signatures.stream().allMatch(SignatureCheck::chainTrusted));
        ArrayNode anchorList = trust.putArray("anchors");
        for (Anchor a : anchors) {
            anchorList.addObject().put("name", a.name()).put("sha256", a.sha256());
        }
        ArrayNode sigs = root.putArray("signatures");
        for (SignatureCheck s : signatures) {
            ObjectNode n = sigs.addObject();
            n.put("number", s.number());
            n.put("field", s.field());
            n.put("valid", s.valid());
            n.put("signer", s.signer());
            n.put("email", s.email());
            n.put("signingTime", s.signingTime() == null ? null : s.signingTime().toString());
            n.put("subFilter", s.subFilter());
            n.put("documentTimestamp", s.documentTimestamp());
            n.put("level", s.level());
            n.put("timestampTime", s.timestampTime() == null ? null : s.timestampTime().toString());
            n.put("timestampAuthority", s.timestampAuthority());
            n.put("certification", s.certification());
            if (s.certification()) {
                n.put("docMdpPermissions", s.docMdpPermissions());
            }
            n.put("digestMatches", s.digestMatches());
            n.put("signatureValid", s.signatureValid());
            n.put("signingCertificateV2", s.signingCertificateV2());
            n.put("chainTrusted", s.chainTrusted());
            s.chain().forEach(n.putArray("chain")::add);
            n.put("coversRevision", s.coversRevision());
            n.put("revision", s.revision());
            s.byteRange().forEach(n.putArray("byteRange")::add);
            s.problems().forEach(n.putArray("problems")::add);
        }
        ObjectNode app = root.putObject("afterLastSignature");
        app.put("changed", !appended.isEmpty());
        app.put("kind", appendedKind);
        appended.forEach(app.putArray("changes")::add);
        if (audit != null) {
            ObjectNode a = root.putObject("audit");
            a.put("present", audit.present());
            a.put("entries", audit.entries());
            a.put("chainIntact", audit.chainIntact());
            a.put("finalHash", audit.finalHash());
            a.put("memorandumMatches", audit.memorandumMatches());
            a.put("printedHash", audit.printedHash());
            audit.problems().forEach(a.putArray("problems")::add);
        }
        problems.forEach(root.putArray("problems")::add);
        notes.forEach(root.putArray("notes")::add);
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the report as JSON: " + e.getMessage(), e);
        }
    }
}
