package io.memoflow.signing;

import io.memoflow.document.MemoRenderer;
import io.memoflow.document.SignatureBox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * PAdES signatures with PDFBox: every signature is its own incremental revision, its CMS is
 * {@code ETSI.CAdES.detached} (see {@link SigningIdentity}), its time is the dictionary's {@code /M}.
 *
 * <p>The first signature is the seal's <em>certification</em> (DocMDP) signature with
 * {@value #DOC_MDP_PERMISSIONS} = "form fill-in and signing". P=1 would forbid every later
 * change, including the approval signatures that follow, so strict validators (Acrobat, DSS)
 * would flag each of those as a violation of the certification; P=2 is the strictest level that
 * still lets the parties sign. Nothing else may change: memoranda have no form fields, and
 * {@link PdfVerifier} reports any change after certification other than signature fields and
 * their appearances.
 *
 * <p>Thread safe: one instance serves parallel signings of different documents.
 */
public final class PdfSigner {

    public static final COSName SUB_FILTER = COSName.getPDFName("ETSI.CAdES.detached");
    /** DocMDP permission level of the certification signature: form fill-in and signing. */
    public static final int DOC_MDP_PERMISSIONS = 2;
    public static final String SEAL_FIELD = "memoflow-seal";
    /**
     * The key of a reserved signature field that names the address of the signatory it is
     * reserved for (a third-class name: ISO 32000-1 allows keys of one's own).
     */
    public static final COSName SIGNATORY = COSName.getPDFName("MemoflowSignatory");

    /**
     * A signature the certified document reserves: an empty signature field in the party's block,
     * made in the certified revision so that the seal covers where, and for whom, each party
     * signature is to come.
     *
     * @param box       the party's block on the signature page
     * @param signatory the signatory's name (the field's tooltip)
     * @param email     the signatory's address (the field's {@link #SIGNATORY})
     */
    public record Reservation(SignatureBox box, String signatory, String email) {
    }

    /** The sub-filter of a document timestamp. */
    public static final COSName RFC3161 = COSName.getPDFName("ETSI.RFC3161");
    /** The name (before a number) of the signature field of a document timestamp. */
    public static final String TIMESTAMP_FIELD = "memoflow-timestamp";
    static final COSName DSS = COSName.getPDFName("DSS");

    private final MemoRenderer stamps;
    /** gives each CMS signature its signature-time-stamp; null: none (level B) */
    private final TimestampAuthority tsa;
    /** what a signature-time-stamp adds to a CMS, as last seen: the first guess of the size to reserve */
    private final AtomicInteger timestampOverhead = new AtomicInteger();
    /** the length of a document timestamp token, as last seen */
    private final AtomicInteger documentTimestampSize = new AtomicInteger();

    /** @param stamps renders the visible appearance of party signatures ({@link MemoRenderer#renderStamp}) */
    public PdfSigner(MemoRenderer stamps) {
        this(stamps, null);
    }

    /**
     * @param stamps renders the visible appearance of party signatures
     * @param tsa    when not null, every CMS signature gets a signature-time-stamp from it (PAdES level T)
     */
    public PdfSigner(MemoRenderer stamps, TimestampAuthority tsa) {
        this.stamps = stamps;
        this.tsa = tsa;
    }

    /** Thrown inside one attempt when the signature turned out longer or shorter than the space reserved for it. */
    /** How often a timestamp is asked for again, for the same bytes, when its length differs from the space reserved. */
    private static final int SAME_SIZE_REQUESTS = 8;

    /**
     * What {@code make} gives, of exactly {@code size} bytes. A timestamp authority that signs with
     * ECDSA makes tokens a byte or two longer or shorter from one request to the next, so what holds
     * a token is made again (up to {@link #SAME_SIZE_REQUESTS} times, for the same bytes) before the
     * space is reserved anew ({@link WrongSize}); without a timestamp it is made once.
     */
    private byte[] ofSize(int size, Supplier<byte[]> make) {
        byte[] made = make.get();
        for (int i = 0; tsa != null && i < SAME_SIZE_REQUESTS && made.length != size; i++) {
            made = make.get();
        }
        if (made.length != size) {
            throw new WrongSize(made.length);
        }
        return made;
    }

    private static final class WrongSize extends RuntimeException {
        final int actual;

        WrongSize(int actual) {
            super(null, null, false, false);
            this.actual = actual;
        }
    }

    /**
     * Runs a signing attempt with the size to reserve for its /Contents; when a timestamp made the
     * signature's length differ from the guess, runs it again with the exact length (the signature
     * must fill its space exactly: no zero padding).
     */
    private byte[] exactly(SigningIdentity id, IntFunction<byte[]> attempt) {
        int base = id == null ? 0 : id.reservedContentsSize();
        AtomicInteger guess = id == null ? documentTimestampSize : timestampOverhead;
        int size = base + (tsa != null ? guess.get() : 0);
        // the built-in authority's tokens have a fixed length: one attempt, two the first time; an outside
        // authority signing with ECDSA varies by a byte or two, so a few attempts may be needed
        for (int i = 0; i < 12; i++) {
            try {
                return attempt.apply(Math.max(size, 64));
            } catch (WrongSize e) {
                if (tsa == null) {
                    throw new SigningException("The signature of " + id.label() + " has " + e.actual + " bytes, not the "
                            + base + " reserved for it: the certificate chain changed while signing?");
                }
                size = e.actual;
                guess.set(e.actual - base);
            }
        }
        throw new SigningException("The timestamps of " + tsa.label() + " change their length from one to the next,"
                + " so memoflow cannot reserve the exact space for them");
    }

    /** The name of the signature field of party {@code partyIndex} (0-based): party-1, party-2, ... */
    public static String partyField(int partyIndex) {
        return "party-" + (partyIndex + 1);
    }

    /**
     * Certifies an unsigned PDF with the seal (invisible signature, DocMDP P=2), as a new revision,
     * reserving an empty signature field for each party signature to come.
     *
     * @param reason       the signature's /Reason, e.g. "Certified by memoflow for ..."; may be null
     * @param reservations the party signatures to come, each in its block
     */
    public byte[] certify(byte[] pdf, SigningIdentity seal, Instant at, String reason, List<Reservation> reservations) {
        return exactly(seal, size -> certify(pdf, seal, at, reason, reservations, size));
    }

    private byte[] certify(byte[] pdf, SigningIdentity seal, Instant at, String reason, List<Reservation> reservations, int size) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (!doc.getSignatureDictionaries().isEmpty()) {
                throw new SigningException("This PDF is already signed: the seal's certification must be its first signature");
            }
            for (Reservation r : reservations) {
                reserve(doc, r);
            }
            PDSignature sig = signature(seal.commonName(), reason, at);
            docMdp(doc, sig, DOC_MDP_PERMISSIONS);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(size);
                doc.addSignature(sig, options);
            }
            PDSignatureField sealField = field(doc, sig);
            sealField.setPartialName(SEAL_FIELD);
            // the seal's field first, the reserved ones after it: validators list signatures in field order
            COSArray fields = doc.getDocumentCatalog().getAcroForm(null).getCOSObject().getCOSArray(COSName.FIELDS);
            for (int i = fields.size() - 1; i > 0; i--) {
                if (fields.getObject(i) == sealField.getCOSObject()) {
                    fields.remove(i);
                    fields.add(0, sealField.getCOSObject());
                }
            }
            return save(doc, pdf, sig, seal, at, size);
        } catch (IOException e) {
            throw new SigningException("Could not certify the PDF with " + seal.label() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Adds a party's visible approval signature in its box, as a new revision.
     *
     * @param lines    the appearance text (name, title, time), rendered by {@link MemoRenderer#renderStamp}
     * @param language the document's language, for the stamp
     * @param name     the signature's /Name (the signatory's name)
     * @param reason   the signature's /Reason; may be null
     */
    public byte[] sign(byte[] pdf, SigningIdentity signer, SignatureBox box, List<String> lines, String language,
                       String name, String reason, Instant at) {
        byte[] stamp = stamps.renderStamp(lines, language, box.width(), box.height());
        return exactly(signer, size -> sign(pdf, signer, box, stamp, name, reason, at, size));
    }

    private byte[] sign(byte[] pdf, SigningIdentity signer, SignatureBox box, byte[] stamp, String name, String reason, Instant at,
                        int size) {
        try (PDDocument doc = Loader.loadPDF(pdf); PDDocument stampDoc = Loader.loadPDF(stamp)) {
            if (box.pageIndex() < 0 || box.pageIndex() >= doc.getNumberOfPages()) {
                throw new SigningException("The signature box of party " + (box.partyIndex() + 1) + " is on page "
                        + (box.pageIndex() + 1) + ", but the PDF has " + doc.getNumberOfPages() + " pages");
            }
            if (stampDoc.getNumberOfPages() != 1) {
                throw new SigningException("The signature stamp should be a one-page PDF but has " + stampDoc.getNumberOfPages() + " pages");
            }
            PDSignature sig = signature(name, reason, at);
            PDSignatureField reserved = reserved(doc, partyField(box.partyIndex()));
            if (reserved != null) {
                reserved.getCOSObject().setItem(COSName.V, sig); // PDFBox then signs into this field
            }
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(size);
                options.setPage(box.pageIndex());
                doc.addSignature(sig, options);
            }
            PDSignatureField field = field(doc, sig);
            if (reserved == null) {
                field.setPartialName(uniqueName(doc, partyField(box.partyIndex())));
            }
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(box.x(), box.y(), box.width(), box.height()));
            widget.setAppearance(appearance(doc, stampDoc, box.width(), box.height()));
            return save(doc, pdf, sig, signer, at, size);
        } catch (IOException e) {
            throw new SigningException("Could not sign the PDF for " + signer.label() + ": " + e.getMessage(), e);
        }
    }

    /** An empty signature field in the party's block, on its page and in the form. */
    private static void reserve(PDDocument doc, Reservation r) throws IOException {
        SignatureBox box = r.box();
        if (box.pageIndex() < 0 || box.pageIndex() >= doc.getNumberOfPages()) {
            throw new SigningException("The signature box of party " + (box.partyIndex() + 1) + " is on page "
                    + (box.pageIndex() + 1) + ", but the PDF has " + doc.getNumberOfPages() + " pages");
        }
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form == null) {
            form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
        }
        String name = partyField(box.partyIndex());
        if (exists(form.getFields(), name)) {
            throw new SigningException("Two signatures are reserved for party " + (box.partyIndex() + 1) + " (field " + name + ")");
        }
        PDSignatureField field = new PDSignatureField(form);
        field.setPartialName(name);
        String who = r.signatory() == null || r.signatory().isBlank() ? r.email() : r.signatory().strip();
        String description = "Signature of " + who + (r.email() == null || r.email().isBlank() ? "" : " <" + r.email() + ">");
        field.setAlternateFieldName(description);
        if (r.email() != null && !r.email().isBlank()) {
            field.getCOSObject().setString(SIGNATORY, r.email());
        }
        PDPage page = doc.getPage(box.pageIndex());
        PDAnnotationWidget widget = field.getWidgets().get(0);
        widget.setRectangle(new PDRectangle(box.x(), box.y(), box.width(), box.height()));
        widget.setPage(page);
        widget.setPrinted(true);
        List<PDAnnotation> annots = page.getAnnotations();
        annots.add(widget);
        page.setAnnotations(annots);
        form.getFields().add(field);
        WidgetTags.tag(doc, widget, page, description);
    }

    /** The reserved, still empty signature field of this name, or null. */
    private static PDSignatureField reserved(PDDocument doc, String name) {
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        return form != null && form.getField(name) instanceof PDSignatureField f && f.getSignature() == null ? f : null;
    }

    private static PDSignature signature(String name, String reason, Instant at) {
        PDSignature sig = new PDSignature();
        sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
        sig.setSubFilter(SUB_FILTER);
        if (name != null && !name.isBlank()) {
            sig.setName(name);
        }
        if (reason != null && !reason.isBlank()) {
            sig.setReason(reason);
        }
        Calendar cal = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        cal.setTimeInMillis(at.toEpochMilli());
        sig.setSignDate(cal);
        return sig;
    }

    /** The DocMDP transform: /Reference in the signature, /Perms /DocMDP in the catalog (ISO 32000-1 12.8.2.2). */
    private static void docMdp(PDDocument doc, PDSignature sig, int p) {
        COSDictionary params = new COSDictionary();
        params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        params.setInt(COSName.P, p);
        params.setName(COSName.V, "1.2");
        COSDictionary ref = new COSDictionary();
        ref.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        ref.setItem(COSName.getPDFName("TransformMethod"), COSName.DOCMDP);
        ref.setItem(COSName.getPDFName("TransformParams"), params);
        COSArray refs = new COSArray();
        refs.add(ref);
        sig.getCOSObject().setItem(COSName.getPDFName("Reference"), refs);
        COSDictionary perms = new COSDictionary();
        perms.setItem(COSName.DOCMDP, sig);
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        catalog.setItem(COSName.PERMS, perms);
        catalog.setNeedToBeUpdated(true);
    }

    private static PDSignatureField field(PDDocument doc, PDSignature sig) throws IOException {
        for (PDSignatureField f : doc.getSignatureFields()) {
            if (f.getCOSObject().getDictionaryObject(COSName.V) == sig.getCOSObject()) {
                return f;
            }
        }
        throw new IOException("PDFBox did not create the signature field");
    }

    private static String uniqueName(PDDocument doc, String base) {
        var form = doc.getDocumentCatalog().getAcroForm(null);
        String name = base;
        for (int n = 2; form != null && exists(form.getFields(), name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    private static boolean exists(List<PDField> fields, String name) {
        for (PDField f : fields) {
            if (name.equals(f.getPartialName())) {
                return true;
            }
        }
        return false;
    }

    /** Wraps the stamp page, imported as a form XObject, in an appearance stream of the box's size. */
    private static PDAppearanceDictionary appearance(PDDocument doc, PDDocument stampDoc, float w, float h) throws IOException {
        PDFormXObject form = new LayerUtility(doc).importPageAsForm(stampDoc, 0);
        PDRectangle bbox = form.getBBox();
        float sx = bbox.getWidth() > 0 ? w / bbox.getWidth() : 1f;
        float sy = bbox.getHeight() > 0 ? h / bbox.getHeight() : 1f;
        PDAppearanceStream ap = new PDAppearanceStream(doc);
        ap.setBBox(new PDRectangle(w, h));
        PDResources res = new PDResources();
        COSName stampName = res.add(form);
        ap.setResources(res);
        String ops = String.format(Locale.ROOT, "q %s 0 0 %s %s %s cm /%s Do Q\n", num(sx), num(sy),
                num(-bbox.getLowerLeftX() * sx), num(-bbox.getLowerLeftY() * sy), stampName.getName());
        try (OutputStream out = ap.getContentStream().createOutputStream(COSName.FLATE_DECODE)) {
            out.write(ops.getBytes(StandardCharsets.US_ASCII));
        }
        PDAppearanceDictionary apd = new PDAppearanceDictionary();
        apd.setNormalAppearance(ap);
        return apd;
    }

    private static String num(float f) {
        String s = String.format(Locale.ROOT, "%.4f", f);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return "-0".equals(s) ? "0" : s;
    }

    private byte[] save(PDDocument doc, byte[] pdf, PDSignature sig, SigningIdentity id, Instant at, int size) throws IOException {
        // the trailer /ID depends on the signing time, not on the clock
        IncrementalUpdate.Signable update = IncrementalUpdate.withSignature(doc, pdf, sig.getCOSObject(), at.toEpochMilli());
        byte[] signature = id.cades(update.content());
        return update.finish(ofSize(size, () -> tsa == null ? signature : withSignatureTimestamp(signature)));
    }

    /** Adds the signature-time-stamp (unsigned attribute id-aa-signatureTimeStampToken) over the signature value. */
    private byte[] withSignatureTimestamp(byte[] cms) {
        try {
            CMSSignedData signed = new CMSSignedData(cms);
            SignerInformation si = signed.getSignerInfos().getSigners().iterator().next();
            byte[] token = tsa.timestamp(sha256(si.getSignature()));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, new DERSet(ASN1Primitive.fromByteArray(token))));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(si, new AttributeTable(v));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | IOException e) {
            throw new SigningException("Could not add the signature-time-stamp: " + e.getMessage(), e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    /** A change made to a loaded document before it is saved as the next revision. */
    @FunctionalInterface
    interface Change {
        void apply(PDDocument doc) throws IOException;
    }

    /**
     * Adds an {@code ETSI.RFC3161} document timestamp over the whole file, as a new revision (an
     * invisible signature field {@value #TIMESTAMP_FIELD}-N), filling its reserved space exactly.
     */
    public byte[] timestampDocument(byte[] pdf) {
        return timestampDocument(pdf, doc -> { });
    }

    /**
     * As {@link #timestampDocument(byte[])}, with {@code before} made in the same revision, under the
     * timestamp (PAdES LTA: the /DSS the timestamp protects, {@link ValidationData#addTo}).
     */
    byte[] timestampDocument(byte[] pdf, Change before) {
        if (tsa == null) {
            throw new SigningException("A document timestamp needs a timestamp authority");
        }
        return exactly(null, size -> {
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                before.apply(doc);
                PDSignature sig = new PDSignature();
                sig.setType(COSName.DOC_TIME_STAMP);
                sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                sig.setSubFilter(RFC3161);
                try (SignatureOptions options = new SignatureOptions()) {
                    options.setPreferredSignatureSize(size);
                    doc.addSignature(sig, options);
                }
                field(doc, sig).setPartialName(uniqueName(doc, TIMESTAMP_FIELD + "-1"));
                IncrementalUpdate.Signable update = IncrementalUpdate.withSignature(doc, pdf, sig.getCOSObject(), System.currentTimeMillis());
                byte[] digest = update.sha256();
                return update.finish(ofSize(size, () -> tsa.timestamp(digest)));
            } catch (IOException e) {
                throw new SigningException("Could not add the document timestamp: " + e.getMessage(), e);
            }
        });
    }
}
