/**
 * Signatures, the audit attachment and offline verification of signed memoranda.
 *
 * <h2>What the daemon calls</h2>
 * <ul>
 *   <li>{@link io.memoflow.signing.SigningKeys#fromConfig(java.util.function.Function, java.nio.file.Path)}
 *       once at start: configured PKCS#12 keystores, or demonstration keys in {@code data/keys/}
 *       ({@link io.memoflow.signing.SigningKeys#demonstration()} true: say so in log and status).</li>
 *   <li>{@link io.memoflow.signing.MemoSigner#sealAndSign}: embeds {@code audit.jsonl} and
 *       {@code memorandum.md} (full save), certifies with the seal, reserving an empty signature
 *       field (naming its signatory's address) in each approving party's
 *       {@link io.memoflow.document.SignatureBox}, then signs each reserved field, each in its own
 *       incremental revision. {@code certify} and {@code signParty} do the steps one at a time.</li>
 *   <li>{@link io.memoflow.signing.PdfVerifier#verify(byte[], java.util.Collection)} for
 *       {@code memoflow verify FILE.pdf [--json] [--trust PEM] [--home DIR]}: print
 *       {@link io.memoflow.signing.VerificationReport#toText()} or {@code toJson()}, exit with
 *       {@link io.memoflow.signing.VerificationReport#exitStatus()};
 *       {@link io.memoflow.signing.PdfVerifier#trustedCertificates} gathers the demonstration CA of
 *       an explicit --home and the --trust files (nothing else is trusted). The attached audit log (hash chain, link to the attached text, printed
 *       final hash) is checked by {@code AuditChainCheck}.</li>
 * </ul>
 *
 * <h2>Signatures</h2>
 * PAdES baseline B: sub-filter {@code ETSI.CAdES.detached}, CMS signed attributes content-type,
 * message-digest, signing-certificate-v2 and CMS algorithm protection, no signing-time (the time
 * is the signature dictionary's {@code /M}), SHA-256, the signer's certificate chain in the CMS.
 * EC P-256 keys by default: a party signature takes about 1 ms and adds about 5 KB; RSA keys from
 * a configured keystore work as well. Every CMS of an identity has the same length, so the
 * reserved {@code /Contents} is filled exactly, with no zero padding (BouncyCastle 1.87's strict
 * parser, and so EU DSS running on it, rejects padded signatures).
 *
 * <h2>Signing levels</h2>
 * {@link io.memoflow.signing.SigningLevel}: B as above; T adds to each CMS an RFC 3161
 * signature-time-stamp from {@link io.memoflow.signing.TimestampAuthority#builtIn} (the
 * demonstration TSA key, issued by the demonstration CA; tokens of a fixed length); LT then adds
 * a /DSS with every certificate and a fresh CRL of the demonstration CA ({@code ValidationData});
 * LTA then an ETSI.RFC3161 document timestamp ({@link io.memoflow.signing.PdfSigner#timestampDocument}).
 * Every signature and token fills its reserved /Contents exactly: when a timestamp changes the
 * length, the revision is made again with the exact size.
 *
 * <h2>Certification level</h2>
 * The seal certifies with DocMDP P=2 ("form fill-in and signing"). The issue asks for "changes
 * allowed: signing only"; PDF has no such level. P=1 forbids every change, including the approval
 * signatures that must follow the certification, so Acrobat and DSS would report each of them as a
 * violation. P=2 is the strictest level that lets the parties sign; the verifier is stricter than
 * P=2 requires and accepts nothing after certification but the signing of the fields the
 * certified revision reserved, each in its reserved box (memoranda have no form fields to fill);
 * every reserved field must be signed, so a file cut back to an earlier revision fails.
 */
package io.memoflow.signing;
