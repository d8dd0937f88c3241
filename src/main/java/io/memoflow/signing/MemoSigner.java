package io.memoflow.signing;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoRenderer;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.SignatureBox;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the daemon calls to turn a rendered memorandum into the signed PDF: embed the audit log
 * and the approved text, certify with the organisation's seal, then one visible signature per
 * approving party signatory, each in its block and its own revision. Thread safe.
 */
public final class MemoSigner {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final SigningKeys keys;
    private final PdfSigner signer;
    private final SigningLevel level;
    private final OutsideRevocation outside;

    /** Signs at level B (the signatures alone). */
    public MemoSigner(SigningKeys keys, MemoRenderer renderer) {
        this(keys, renderer, SigningLevel.B);
    }

    /**
     * @param level T and above need memoflow's built-in timestamp authority, which the
     *              demonstration keys have ({@link SigningKeys#timestampAuthority()})
     * @throws SigningException when the level needs a timestamp authority these keys do not have
     */
    public MemoSigner(SigningKeys keys, MemoRenderer renderer, SigningLevel level) {
        this(keys, renderer, level, null);
    }

    /**
     * As the constructor below, fetching outside CAs' CRLs from their addresses (10-second timeout).
     */
    public MemoSigner(SigningKeys keys, MemoRenderer renderer, SigningLevel level, TimestampAuthority external) {
        this(keys, renderer, level, external, OutsideRevocation.DEFAULT);
    }

    /**
     * @param external an outside timestamp authority ({@code memoflow.tsa.url}) to use instead of the
     *                 built-in one, or null
     * @param outside  where LT and LTA get the revocation data of CAs that are not memoflow's
     *                 demonstration CA (the outside authority's, configured keys')
     * @throws SigningException when the level needs a timestamp authority and there is none
     */
    public MemoSigner(SigningKeys keys, MemoRenderer renderer, SigningLevel level, TimestampAuthority external,
                      OutsideRevocation outside) {
        this.keys = keys;
        this.level = level;
        this.outside = outside;
        TimestampAuthority tsa = null;
        if (level.includes(SigningLevel.T)) {
            tsa = external != null ? external : keys.timestampAuthority().orElseThrow(() -> new SigningException(
                    "memoflow.signing.level=" + level + " needs a timestamp authority, which memoflow has built in for its"
                    + " demonstration keys only: with configured keys set memoflow.tsa.url to your timestamp authority,"
                    + " or set memoflow.signing.level=B"));
        }
        this.signer = new PdfSigner(renderer, tsa);
    }

    public SigningLevel level() {
        return level;
    }

    /**
     * One party's approval signature.
     *
     * @param box       the party's block on the signature page, from {@link RenderedMemo#signatureBoxes()}
     * @param signatory the signatory's name, shown in the stamp and put in the certificate of a demonstration key
     * @param title     the signatory's title, shown under the name; may be empty
     * @param email     the signatory's address: selects the key
     * @param at        the signing time (the signature's /M and the time in the stamp)
     */
    public record PartySignature(SignatureBox box, String signatory, String title, String email, Instant at) {
    }

    public SigningKeys keys() {
        return keys;
    }

    /**
     * Embeds {@code audit.jsonl} and {@code memorandum.md} (unless the memorandum was rendered
     * with exactly these inside, {@link MemoAttachments#files}: then as rendered), certifies with
     * the seal, then adds every party signature in the order given.
     *
     * @param organisation the sealing organisation's name, for the certification's /Reason; may be empty
     * @param language     the document's language ("ar", "en", ...), for the stamps
     * @param sealedAt     the time of the certification
     */
    public byte[] sealAndSign(RenderedMemo memo, AuditLog audit, byte[] memorandumMd, String organisation, String language,
                              Instant sealedAt, List<PartySignature> parties) {
        byte[] pdf = certifyAttached(MemoAttachments.attached(memo, audit.toJsonl(), memorandumMd, sealedAt), organisation, sealedAt,
                parties);
        for (PartySignature p : parties) {
            pdf = signParty(pdf, p, language);
        }
        return complete(pdf);
    }

    /**
     * What follows the last signature at this level: the validation data (/DSS) at LT; at LTA the
     * same /DSS and a document timestamp over it, in one revision. At B and T, the PDF unchanged.
     */
    public byte[] complete(byte[] pdf) {
        if (level.includes(SigningLevel.LTA)) {
            return signer.timestampDocument(pdf, doc -> ValidationData.addTo(doc, pdf, keys, outside));
        }
        if (level.includes(SigningLevel.LT)) {
            return ValidationData.add(pdf, keys, outside);
        }
        return pdf;
    }

    /**
     * Embeds the audit log and the memorandum's text, then certifies with the seal, reserving an
     * empty signature field in its block for each party signature to come.
     */
    public byte[] certify(byte[] renderedPdf, AuditLog audit, byte[] memorandumMd, String organisation, Instant sealedAt,
                          List<PartySignature> parties) {
        return certifyAttached(MemoAttachments.attach(renderedPdf, audit.toJsonl(), memorandumMd, sealedAt), organisation, sealedAt,
                parties);
    }

    private byte[] certifyAttached(byte[] attached, String organisation, Instant sealedAt, List<PartySignature> parties) {
        String reason = organisation == null || organisation.isBlank() ? "Certified by memoflow"
                : "Certified by memoflow for " + organisation;
        List<PdfSigner.Reservation> reservations = new ArrayList<>();
        for (PartySignature p : parties) {
            reservations.add(new PdfSigner.Reservation(p.box(), p.signatory(), p.email()));
        }
        return signer.certify(attached, keys.seal(), sealedAt, reason, reservations);
    }

    /** Adds one party's visible signature, as a new revision of a certified PDF. */
    public byte[] signParty(byte[] pdf, PartySignature p, String language) {
        SigningIdentity id = keys.signatory(p.email(), p.signatory());
        String name = p.signatory() == null || p.signatory().isBlank() ? p.email() : p.signatory().strip();
        return signer.sign(pdf, id, p.box(), stampLines(name, p.title(), language, p.at()), language, name,
                reason(language), p.at());
    }

    /** The lines of a signature stamp: name, title (when any), signing time. */
    public static List<String> stampLines(String name, String title, String language, Instant at) {
        List<String> lines = new ArrayList<>();
        lines.add(name);
        if (title != null && !title.isBlank()) {
            lines.add(title.strip());
        }
        lines.add(("ar".equals(language) ? "تاريخ التوقيع: " : "Signed ") + TIME.format(at));
        return lines;
    }

    private static String reason(String language) {
        return "ar".equals(language) ? "الموافقة على مذكرة التفاهم" : "Approval of the memorandum";
    }
}
