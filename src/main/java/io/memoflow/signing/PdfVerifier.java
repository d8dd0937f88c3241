package io.memoflow.signing;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CRLException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks a signed memorandum offline: every signature (who, when, digest, signature value,
 * certificate chain to a trusted anchor, coverage of a whole revision), changes after the
 * certification (DocMDP) and after the last signature, and the embedded audit log (checked by
 * {@link AuditChainCheck}: hash chain, link to the embedded memorandum text, and the hash printed
 * on the audit page when one is found).
 * Revocation is not checked: the check is offline.
 */
public final class PdfVerifier {

    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    /** The problem of a file checked with no trust anchor at all. */
    static final String NO_ANCHOR = "Not trusted: no trust anchor given (use --trust CA.pem or --home DIR).";
    private static final String NOT_CHAINED = "its certificate does not chain to a trusted certificate";

    private PdfVerifier() {
    }

    /**
     * Verifies a PDF. What {@code memoflow verify FILE.pdf [--json] [--trust PEM]} prints is
     * {@link VerificationReport#toText()} or {@link VerificationReport#toJson()}, and it exits with
     * {@link VerificationReport#exitStatus()}.
     *
     * @param pdf     the file's bytes
     * @param trusted trusted CA certificates (the home folder's demonstration CA, any --trust PEM)
     */
    public static VerificationReport verify(byte[] pdf, Collection<X509Certificate> trusted) {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Long> revisionEnds = revisionEnds(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PdfVerifier.Run(pdf, doc, revisionEnds, trusted == null ? List.of() : List.copyOf(trusted),
                    problems, notes).run();
        } catch (IOException e) {
            problems.add("The file is not a readable PDF: " + e.getMessage());
            return new VerificationReport(false, revisionEnds.size(), anchors(trusted), List.of(), List.of(), "", null, problems,
                    false, notes);
        } catch (RuntimeException e) {
            problems.add("The PDF could not be checked, its structure is damaged or unusual: " + e);
            return new VerificationReport(false, revisionEnds.size(), anchors(trusted), List.of(), List.of(), "", null, problems,
                    false, notes);
        }
    }

    /** One verification; not shared between threads. */
    private static final class Run {
        private final byte[] pdf;
        private final PDDocument doc;
        private final List<Long> revisionEnds;
        private final List<X509Certificate> trusted;
        private final List<String> problems;
        private final List<String> notes;
        /** The problems that are about trust alone: the file is otherwise intact. */
        private final List<String> trustProblems = new ArrayList<>();

        Run(byte[] pdf, PDDocument doc, List<Long> revisionEnds, List<X509Certificate> trusted, List<String> problems,
            List<String> notes) {
            this.pdf = pdf;
            this.doc = doc;
            this.revisionEnds = revisionEnds;
            this.trusted = trusted;
            this.problems = problems;
            this.notes = notes;
        }

        VerificationReport run() throws IOException {
            Map<COSDictionary, String> fieldNames = new IdentityHashMap<>();
            for (PDSignatureField f : doc.getSignatureFields()) {
                if (f.getSignature() != null) {
                    fieldNames.put(f.getSignature().getCOSObject(), f.getFullyQualifiedName());
                }
            }
            COSDictionary certification = certificationSignature();
            List<Signed> signed = new ArrayList<>();
            for (PDSignature sig : doc.getSignatureDictionaries()) {
                signed.add(new Signed(sig, fieldNames.getOrDefault(sig.getCOSObject(), "?"),
                        sig.getCOSObject() == certification));
            }
            signed.sort(Comparator.comparingLong(Signed::end));
            List<VerificationReport.SignatureCheck> checks = new ArrayList<>();
            for (int i = 0; i < signed.size(); i++) {
                checks.add(check(i + 1, signed.get(i)));
            }
            if (signed.isEmpty()) {
                problems.add("The PDF has no signatures.");
            }
            for (VerificationReport.SignatureCheck c : checks) {
                for (String p : c.problems()) {
                    String problem = "Signature " + c.number() + " ('" + c.field() + "', " + c.signer() + "): " + p;
                    problems.add(problem);
                    if (p.startsWith(NOT_CHAINED)) {
                        trustProblems.add(problem);
                    }
                }
            }
            docMdp(signed);
            levels(signed, checks);
            Map<String, Signed> byField = new HashMap<>();
            signed.forEach(x -> byField.put(x.field, x));
            reservedSignatures(byField, checks, signed);
            List<String> appended = new ArrayList<>();
            String appendedKind = afterLastSignature(signed, appended);
            VerificationReport.AuditCheck audit = AuditChainCheck.check(doc, notes);
            for (String p : audit.problems()) {
                problems.add("Audit log: " + p);
            }
            boolean allLt = !checks.isEmpty() && checks.stream().allMatch(c -> c.documentTimestamp() || "LT".equals(c.level())
                    || "LTA".equals(c.level()));
            notes.add(allLt ? "Revocation was checked against the CRLs the file carries (/DSS), offline; chains were checked at each"
                    + " signing time." : "Revocation of certificates was not checked (offline check); chains were checked at each signing time.");
            if (trusted.isEmpty()) {
                problems.add(NO_ANCHOR);
                trustProblems.add(NO_ANCHOR);
            }
            boolean untrustedOnly = !problems.isEmpty() && trustProblems.containsAll(problems);
            return new VerificationReport(problems.isEmpty(), revisionEnds.size(), anchors(trusted), checks, appended, appendedKind,
                    audit, problems, untrustedOnly, notes);
        }

        private COSDictionary certificationSignature() {
            COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
            if (perms == null) {
                return null;
            }
            COSBase mdp = perms.getDictionaryObject(COSName.DOCMDP);
            return mdp instanceof COSDictionary d ? d : null;
        }

        private final class Signed {
            final PDSignature sig;
            final String field;
            final boolean certification;
            final boolean timestamp;
            final int[] br;
            /** the signer's certificate chain as carried, and the signature-time-stamp's authority's, once checked */
            X509Certificate signerCert;
            X509Certificate tsaCert;
            boolean timestampValid;

            Signed(PDSignature sig, String field, boolean certification) {
                this.sig = sig;
                this.field = field;
                this.certification = certification;
                this.timestamp = PdfSigner.RFC3161.getName().equals(sig.getSubFilter())
                        || COSName.DOC_TIME_STAMP.equals(sig.getCOSObject().getCOSName(COSName.TYPE));
                int[] r;
                try {
                    r = sig.getByteRange();
                } catch (RuntimeException e) {
                    r = new int[0];
                }
                this.br = r;
            }

            long end() {
                return br.length == 4 ? (long) br[2] + br[3] : Long.MAX_VALUE;
            }
        }

        private VerificationReport.SignatureCheck check(int number, Signed s) {
            List<String> sp = new ArrayList<>();
            PDSignature sig = s.sig;
            String subFilter = sig.getSubFilter() == null ? "none" : sig.getSubFilter();
            Calendar m = sig.getSignDate();
            Instant time = m == null ? null : m.toInstant();
            List<Long> range = new ArrayList<>();
            for (int v : s.br) {
                range.add((long) v);
            }
            int[] br = s.br;
            boolean rangeOk = br.length == 4 && br[0] == 0 && br[1] > 0 && br[2] > br[1] + 1 && br[3] >= 0
                    && (long) br[2] + br[3] <= pdf.length && pdf[br[1]] == '<' && pdf[br[2] - 1] == '>'
                    && isHex(pdf, br[1] + 1, br[2] - 1);
            int revision = 0;
            byte[] contents = null;
            if (!rangeOk) {
                sp.add("its byte range " + range + " does not start at 0 and leave out exactly a hex string for the signature");
            } else {
                byte[] hole = hexDecode(pdf, br[1] + 1, br[2] - 1);
                byte[] own = sig.getCOSObject().getDictionaryObject(COSName.CONTENTS) instanceof COSString cs
                        ? cs.getBytes() : null;
                if (own == null || !Arrays.equals(hole, own)) {
                    sp.add("the part of the file its byte range leaves out is not its own /Contents");
                }
                contents = stripPadding(hole);
                long end = (long) br[2] + br[3];
                revision = revisionOf(end);
                if (revision == 0) {
                    sp.add("its byte range ends at byte " + end + ", which is not the end of a revision (%%EOF)");
                }
            }
            if (s.timestamp) {
                return documentTimestamp(number, s, contents, range, rangeOk && revision > 0, revision, sp);
            }
            if (!PdfSigner.SUB_FILTER.getName().equals(subFilter)) {
                sp.add("its format is " + subFilter + ", not ETSI.CAdES.detached (PAdES)");
            }
            if (time == null) {
                sp.add("it has no signing time (/M)");
            }
            String signer = "unknown signer";
            String email = "";
            Instant tsTime = null;
            String tsAuthority = "";
            boolean digestOk = false;
            boolean signatureOk = false;
            boolean essOk = false;
            boolean chainOk = false;
            List<String> chain = new ArrayList<>();
            if (contents != null) {
                try {
                    CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedBytes(br)), contents);
                    Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
                    if (signers.size() != 1) {
                        sp.add("its CMS holds " + signers.size() + " signers instead of one");
                    }
                    if (!signers.isEmpty()) {
                        SignerInformation si = signers.iterator().next();
                        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
                        List<X509Certificate> certs = new ArrayList<>();
                        for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
                            certs.add(conv.getCertificate(h));
                        }
                        @SuppressWarnings("unchecked")
                        Collection<X509CertificateHolder> mine = cms.getCertificates().getMatches(si.getSID());
                        if (mine.isEmpty()) {
                            sp.add("its CMS does not carry the signer's certificate");
                        } else {
                            X509Certificate cert = conv.getCertificate(mine.iterator().next());
                            signer = Certificates.commonName(cert);
                            email = Certificates.email(cert);
                            digestOk = digestMatches(si, br);
                            if (!digestOk) {
                                sp.add("the signed bytes were changed: their digest is not the one in the signature");
                            }
                            signatureOk = verifies(si, cert);
                            if (!signatureOk && digestOk) {
                                sp.add("the signature value does not verify with the signer's certificate");
                            }
                            essOk = signingCertificateV2(si, cert);
                            if (!essOk) {
                                sp.add("the signing-certificate-v2 attribute is missing or does not name the signer's certificate");
                            }
                            if (si.getSignedAttributes() != null && si.getSignedAttributes().get(CMSAttributes.signingTime) != null) {
                                notes.add("Signature " + number + " carries a CMS signing-time attribute, which PAdES baseline does not use.");
                            }
                            chainOk = chain(cert, certs, time, chain, sp);
                            s.signerCert = cert;
                            tsTime = signatureTimestamp(s, si, sp);
                            if (s.tsaCert != null) {
                                tsAuthority = Certificates.commonName(s.tsaCert);
                            }
                        }
                    }
                } catch (CMSException | CertificateException | RuntimeException e) {
                    sp.add("its CMS cannot be read: " + e.getMessage());
                }
            }
            int p = s.certification ? docMdpP(sig.getCOSObject(), sp) : 0;
            return new VerificationReport.SignatureCheck(number, s.field, signer, email, time, subFilter, s.certification, p,
                    digestOk, signatureOk, essOk, chainOk, chain, rangeOk && revision > 0, revision, range, sp, false, "B", tsTime,
                    tsAuthority);
        }

        /** Checks a timestamp token: readable, its signature and TSA certificate (timeStamping, critical), the digest it stamps. */
        private TimeStampToken token(byte[] der, byte[] stamped, String what, List<String> sp, List<String> names) {
            TimeStampToken token;
            try {
                token = new TimeStampToken(new CMSSignedData(der));
            } catch (CMSException | TSPException | IOException | RuntimeException e) {
                sp.add(what + " cannot be read: " + e.getMessage());
                return null;
            }
            try {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> mine = token.getCertificates().getMatches(token.getSID());
                if (mine.isEmpty()) {
                    sp.add(what + " does not carry its authority's certificate");
                    return null;
                }
                JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
                X509Certificate tsa = conv.getCertificate(mine.iterator().next());
                List<X509Certificate> carried = new ArrayList<>();
                for (X509CertificateHolder h : token.getCertificates().getMatches(null)) {
                    carried.add(conv.getCertificate(h));
                }
                boolean ok = true;
                try {
                    // the signature, the signing-certificate attribute, and the certificate: valid then, timeStamping alone, critical
                    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
                } catch (TSPException | OperatorCreationException e) {
                    sp.add(what + " does not verify: " + e.getMessage());
                    ok = false;
                }
                DigestCalculator calc = new JcaDigestCalculatorProviderBuilder().build()
                        .get(token.getTimeStampInfo().getHashAlgorithm());
                try (var out = calc.getOutputStream()) {
                    out.write(stamped);
                }
                if (!MessageDigest.isEqual(calc.getDigest(), token.getTimeStampInfo().getMessageImprintDigest())) {
                    sp.add(what + " stamps other bytes than the ones it should: the file was changed");
                    ok = false;
                }
                List<String> sub = new ArrayList<>();
                if (!chain(tsa, carried, token.getTimeStampInfo().getGenTime().toInstant(), names, sub) && !trusted.isEmpty()) {
                    sub.forEach(x -> sp.add(x.startsWith(NOT_CHAINED) ? NOT_CHAINED + " (" + what + ")" + x.substring(NOT_CHAINED.length())
                            : what + ": " + x));
                    ok = false;
                }
                return ok ? token : null;
            } catch (CertificateException | OperatorCreationException | IOException | RuntimeException e) {
                sp.add(what + " cannot be checked: " + e.getMessage());
                return null;
            }
        }

        /** The signature-time-stamp of a CMS signature (PAdES level T), checked; its time, or null when it has none. */
        private Instant signatureTimestamp(Signed s, SignerInformation si, List<String> sp) {
            AttributeTable unsigned = si.getUnsignedAttributes();
            Attribute a = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (a == null) {
                return null;
            }
            try {
                List<String> names = new ArrayList<>();
                TimeStampToken t = token(a.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded(), si.getSignature(),
                        "its signature-time-stamp", sp, names);
                if (t == null) {
                    return null;
                }
                s.tsaCert = new JcaX509CertificateConverter().getCertificate(
                        (X509CertificateHolder) t.getCertificates().getMatches(t.getSID()).iterator().next());
                s.timestampValid = true;
                return t.getTimeStampInfo().getGenTime().toInstant();
            } catch (IOException | CertificateException | RuntimeException e) {
                sp.add("its signature-time-stamp cannot be read: " + e.getMessage());
                return null;
            }
        }

        /** An ETSI.RFC3161 document timestamp: a timestamp token over the bytes of its byte range. */
        private VerificationReport.SignatureCheck documentTimestamp(int number, Signed s, byte[] contents, List<Long> range,
                                                                     boolean covers, int revision, List<String> sp) {
            List<String> chain = new ArrayList<>();
            String authority = "unknown authority";
            Instant at = null;
            boolean ok = false;
            if (!PdfSigner.RFC3161.getName().equals(s.sig.getSubFilter())) {
                sp.add("it is a document timestamp (/Type /DocTimeStamp) but its format is " + s.sig.getSubFilter()
                        + ", not ETSI.RFC3161");
            }
            if (contents != null) {
                TimeStampToken t = token(contents, signedBytes(s.br), "the timestamp token", sp, chain);
                if (t != null) {
                    ok = true;
                    at = t.getTimeStampInfo().getGenTime().toInstant();
                    s.timestampValid = true;
                }
                if (!chain.isEmpty()) {
                    authority = chain.get(0);
                }
            }
            boolean trusted = sp.stream().noneMatch(x -> x.startsWith(NOT_CHAINED)) && !trusted().isEmpty() && contents != null;
            return new VerificationReport.SignatureCheck(number, s.field, authority, "", at, s.sig.getSubFilter() == null ? "none"
                    : s.sig.getSubFilter(), false, 0, ok, ok, false, trusted && !chain.isEmpty(), chain, covers, revision, range, sp,
                    true, "", at, authority);
        }

        private List<X509Certificate> trusted() {
            return trusted;
        }

        private int docMdpP(COSDictionary sig, List<String> sp) {
            COSArray refs = sig.getCOSArray(COSName.getPDFName("Reference"));
            if (refs != null) {
                for (int i = 0; i < refs.size(); i++) {
                    if (refs.getObject(i) instanceof COSDictionary ref
                            && COSName.DOCMDP.equals(ref.getCOSName(COSName.getPDFName("TransformMethod")))) {
                        COSDictionary params = ref.getCOSDictionary(COSName.getPDFName("TransformParams"));
                        int p = params == null ? 2 : params.getInt(COSName.P, 2);
                        if (p < 1 || p > 3) {
                            sp.add("its DocMDP permission level P=" + p + " is not 1, 2 or 3");
                        }
                        return p;
                    }
                }
            }
            sp.add("the catalog names it as the certification (/Perms /DocMDP) but it has no DocMDP reference");
            return 2;
        }

        private byte[] signedBytes(int[] br) {
            byte[] out = new byte[br[1] + br[3]];
            System.arraycopy(pdf, 0, out, 0, br[1]);
            System.arraycopy(pdf, br[2], out, br[1], br[3]);
            return out;
        }

        private boolean digestMatches(SignerInformation si, int[] br) {
            AttributeTable attrs = si.getSignedAttributes();
            Attribute md = attrs == null ? null : attrs.get(CMSAttributes.messageDigest);
            if (md == null) {
                return false;
            }
            try {
                DigestCalculator calc = new JcaDigestCalculatorProviderBuilder().build().get(si.getDigestAlgorithmID());
                try (var out = calc.getOutputStream()) {
                    out.write(pdf, 0, br[1]);
                    out.write(pdf, br[2], br[3]);
                }
                byte[] expected = ASN1OctetString.getInstance(md.getAttrValues().getObjectAt(0)).getOctets();
                return MessageDigest.isEqual(expected, calc.getDigest());
            } catch (OperatorCreationException | IOException | RuntimeException e) {
                return false;
            }
        }

        private boolean verifies(SignerInformation si, X509Certificate cert) {
            try {
                return si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert));
            } catch (CMSException | OperatorCreationException | RuntimeException e) {
                return false;
            }
        }

        private boolean signingCertificateV2(SignerInformation si, X509Certificate cert) {
            AttributeTable attrs = si.getSignedAttributes();
            Attribute a = attrs == null ? null : attrs.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (a == null) {
                return false;
            }
            try {
                SigningCertificateV2 scv2 = SigningCertificateV2.getInstance(a.getAttrValues().getObjectAt(0));
                ESSCertIDv2 id = scv2.getCerts()[0];
                DigestCalculator calc = new JcaDigestCalculatorProviderBuilder().build().get(id.getHashAlgorithm());
                try (var out = calc.getOutputStream()) {
                    out.write(cert.getEncoded());
                }
                return MessageDigest.isEqual(id.getCertHash(), calc.getDigest());
            } catch (GeneralSecurityException | OperatorCreationException | IOException | RuntimeException e) {
                return false;
            }
        }

        private boolean chain(X509Certificate cert, List<X509Certificate> carried, Instant at, List<String> names, List<String> sp) {
            names.add(Certificates.commonName(cert));
            if (trusted.isEmpty()) {
                if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
                    names.add(Certificates.commonNameOfIssuer(cert));
                }
                return false; // reported once for the file: no trust anchor given
            }
            try {
                Set<TrustAnchor> anchors = new HashSet<>();
                for (X509Certificate t : trusted) {
                    anchors.add(new TrustAnchor(t, null));
                }
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(cert);
                PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
                params.setRevocationEnabled(false);
                params.setDate(Date.from(at == null ? Instant.now() : at));
                List<X509Certificate> pool = new ArrayList<>(carried);
                pool.add(cert);
                params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
                PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
                names.clear();
                result.getCertPath().getCertificates().forEach(c -> names.add(Certificates.commonName((X509Certificate) c)));
                names.add(Certificates.commonName(result.getTrustAnchor().getTrustedCert()));
                return true;
            } catch (GeneralSecurityException e) {
                if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
                    names.add(Certificates.commonNameOfIssuer(cert));
                }
                sp.add(NOT_CHAINED + " at the signing time (" + e.getMessage() + ")");
                return false;
            }
        }

        /**
         * The PAdES baseline level of each signature: T with a valid signature-time-stamp; LT when the
         * file's /DSS also holds a CRL, not listing them, for the signer's and the timestamp
         * authority's certificates; LTA when a valid document timestamp covers such a /DSS.
         */
        private void levels(List<Signed> signed, List<VerificationReport.SignatureCheck> checks) throws IOException {
            Map<Long, List<X509CRL>> crlsAt = new HashMap<>();
            for (int i = 0; i < signed.size(); i++) {
                Signed s = signed.get(i);
                if (s.timestamp) {
                    continue;
                }
                String level = "B";
                if (s.timestampValid && s.signerCert != null && s.tsaCert != null) {
                    level = "T";
                    List<X509Certificate> need = List.of(s.signerCert, s.tsaCert);
                    if (covered(crls((long) pdf.length, crlsAt), need, checks.get(i))) {
                        level = "LT";
                        for (int j = i + 1; j < signed.size(); j++) {
                            Signed t = signed.get(j);
                            if (t.timestamp && t.timestampValid && revisionOf(t.end()) > 0
                                    && covered(crls(t.end(), crlsAt), need, null)) {
                                level = "LTA";
                                break;
                            }
                        }
                    }
                }
                checks.set(i, checks.get(i).withLevel(level));
            }
        }

        /** The CRLs in the /DSS of the revision ending at {@code end}. */
        private List<X509CRL> crls(long end, Map<Long, List<X509CRL>> cache) throws IOException {
            List<X509CRL> known = cache.get(end);
            if (known != null) {
                return known;
            }
            List<X509CRL> out = new ArrayList<>();
            PDDocument d = end == pdf.length ? doc : Loader.loadPDF(Arrays.copyOf(pdf, (int) end));
            try {
                COSDictionary dss = d.getDocumentCatalog().getCOSObject().getCOSDictionary(PdfSigner.DSS);
                COSArray array = dss == null ? null : dss.getCOSArray(COSName.getPDFName("CRLs"));
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                for (int i = 0; array != null && i < array.size(); i++) {
                    if (array.getObject(i) instanceof COSStream st) {
                        try (var in = st.createInputStream()) {
                            out.add((X509CRL) cf.generateCRL(in));
                        } catch (CRLException | IOException e) {
                            notes.add("A CRL in the /DSS cannot be read: " + e.getMessage());
                        }
                    }
                }
            } catch (CertificateException e) {
                throw new IllegalStateException("This Java runtime cannot read X.509 CRLs", e);
            } finally {
                if (d != doc) {
                    d.close();
                }
            }
            cache.put(end, out);
            return out;
        }

        /** True when every certificate that is not a trust anchor has a CRL of its issuer that does not list it. */
        private boolean covered(List<X509CRL> crls, List<X509Certificate> need,
                                VerificationReport.SignatureCheck check) {
            for (X509Certificate c : need) {
                if (trusted.contains(c)) {
                    continue;
                }
                boolean found = false;
                for (X509CRL crl : crls) {
                    if (crl.getIssuerX500Principal().equals(c.getIssuerX500Principal()) && issuedBy(crl)) {
                        found = true;
                        if (crl.isRevoked(c) && check != null) {
                            problems.add("Signature " + check.number() + " ('" + check.field() + "'): the certificate of "
                                    + Certificates.commonName(c) + " is revoked according to the CRL in the file (/DSS).");
                        }
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        /** True when a trusted certificate of the CRL's issuer verifies it (or nothing is trusted: trust is reported anyway). */
        private boolean issuedBy(X509CRL crl) {
            if (trusted.isEmpty()) {
                return true;
            }
            for (X509Certificate t : trusted) {
                if (t.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                    try {
                        crl.verify(t.getPublicKey());
                        return true;
                    } catch (GeneralSecurityException e) {
                        // not this one
                    }
                }
            }
            return false;
        }

        /** The certified revision (the one the certification signature covers), once {@link #docMdp} has run. */
        private DocumentState certified;

        /**
         * Every signature the certified revision reserved (an empty signature field naming its
         * signatory) must be in the file: a file cut back to an earlier revision lacks the later ones,
         * though its sealed audit log records the approvals that called for them.
         */
        private void reservedSignatures(Map<String, Signed> byField, List<VerificationReport.SignatureCheck> checks,
                                        List<Signed> signed) {
            if (certified == null) {
                return;
            }
            Map<String, String> approvals = approvalsOfLastVersion();
            int n = 0;
            for (Map.Entry<String, String> r : certified.reserved.entrySet()) {
                n++;
                String email = r.getValue();
                Signed s = byField.get(r.getKey());
                String who = email.isEmpty() ? "a party" : email;
                if (s == null) {
                    problems.add((approvals.containsKey(email)
                            ? "The audit log records the approval of " + email + " (" + approvals.get(email) + "), whose signature "
                            + "the certified document reserved in field '" + r.getKey() + "'"
                            : "The certified document reserved a signature for " + who + " in field '" + r.getKey() + "'")
                            + ", but the file has no such signature: it may have been cut back to an earlier revision.");
                    continue;
                }
                VerificationReport.SignatureCheck c = checks.get(signed.indexOf(s));
                if (!email.isEmpty() && !c.email().isEmpty() && !c.email().equalsIgnoreCase(email)) {
                    problems.add("Signature " + c.number() + " is in field '" + r.getKey() + "', which the certified document reserved for "
                            + email + ", but its certificate is " + c.email() + "'s.");
                }
            }
            if (n > 0) {
                notes.add("The certified document reserved " + n + (n == 1 ? " party signature" : " party signatures")
                        + "; every one is checked to be in the file.");
            }
        }

        /** The addresses that approved the last version recorded in the attached audit log, each with when. */
        private Map<String, String> approvalsOfLastVersion() {
            Map<String, String> out = new LinkedHashMap<>();
            try {
                byte[] log = MemoAttachments.extract(doc).audit();
                if (log == null) {
                    return out;
                }
                List<AuditEvent> events = new ArrayList<>();
                int version = 0;
                for (String line : AuditLog.parseJsonl(log)) {
                    try {
                        AuditEvent e = AuditLog.parse(line);
                        events.add(e);
                        if ("version".equals(e.type())) {
                            version = e.version();
                        }
                    } catch (IllegalArgumentException e) {
                        // reported by the audit chain check
                    }
                }
                for (AuditEvent e : events) {
                    if (e.version() == version && "decision".equals(e.type()) && "approve".equals(e.detail().get("decision"))) {
                        out.put(e.actor(), "approved version " + version + " at " + e.at());
                    }
                }
            } catch (IOException | RuntimeException e) {
                notes.add("The audit log could not be read to find the approvals it records: " + e.getMessage());
            }
            return out;
        }

        private void docMdp(List<Signed> signed) throws IOException {
            int c = -1;
            for (int i = 0; i < signed.size(); i++) {
                if (signed.get(i).certification) {
                    c = i;
                }
            }
            if (c < 0) {
                problems.add("The document is not certified: no signature is named in /Perms /DocMDP.");
                return;
            }
            if (c != 0) {
                problems.add("The certification signature is not the first signature: it is signature " + (c + 1) + ".");
            }
            int p = 2;
            COSArray refs = signed.get(c).sig.getCOSObject().getCOSArray(COSName.getPDFName("Reference"));
            if (refs != null && refs.size() > 0 && refs.getObject(0) instanceof COSDictionary ref
                    && ref.getCOSDictionary(COSName.getPDFName("TransformParams")) != null) {
                p = ref.getCOSDictionary(COSName.getPDFName("TransformParams")).getInt(COSName.P, 2);
            }
            // signing means filling in a field the certified revision reserved, in its place; a new
            // signature field (which could put a signature's appearance anywhere) is not signing
            // document timestamps (and /DSS, which no kind of change names) are allowed at every level (ISO 32000-2 12.8.2.2.2)
            Set<DocumentState.Kind> allowed = p == 1 ? EnumSet.of(DocumentState.Kind.TIMESTAMP)
                    : p == 2 ? EnumSet.of(DocumentState.Kind.SIGNATURE, DocumentState.Kind.TIMESTAMP)
                    : EnumSet.of(DocumentState.Kind.SIGNATURE, DocumentState.Kind.ANNOTATION, DocumentState.Kind.TIMESTAMP);
            DocumentState before = null;
            for (int i = c; i < signed.size(); i++) {
                long end = signed.get(i).end();
                if (revisionOf(end) == 0) {
                    before = null;
                    continue;
                }
                DocumentState state = stateAt(end);
                if (i == c) {
                    certified = state;
                }
                if (before != null) {
                    for (DocumentState.Change ch : DocumentState.diff(before, state)) {
                        if (!allowed.contains(ch.kind())) {
                            problems.add("After the certification (DocMDP P=" + p + ", " + permissions(p) + "), before signature "
                                    + (i + 1) + ": " + ch.text() + ".");
                        }
                    }
                }
                before = state;
            }
        }

        private String afterLastSignature(List<Signed> signed, List<String> appended) throws IOException {
            if (signed.isEmpty()) {
                return "";
            }
            long end = signed.get(signed.size() - 1).end();
            if (end > pdf.length || revisionOf(end) == 0) {
                return "";
            }
            long tail = end;
            while (tail < pdf.length && Character.isWhitespace(pdf[(int) tail])) {
                tail++;
            }
            if (tail >= pdf.length) {
                return "";
            }
            DocumentState last = stateAt(end);
            DocumentState now = DocumentState.of(doc);
            List<DocumentState.Change> changes = DocumentState.diff(last, now);
            if (changes.isEmpty() && !last.dss.equals(now.dss)) {
                notes.add("After the last " + (signed.get(signed.size() - 1).timestamp ? "document timestamp" : "signature")
                        + ", validation data (/DSS: certificates and revocation data) was added, and nothing else a reader sees.");
                return "";
            }
            Set<DocumentState.Kind> kinds = EnumSet.noneOf(DocumentState.Kind.class);
            for (DocumentState.Change ch : changes) {
                appended.add(ch.text());
                kinds.add(ch.kind());
            }
            String kind;
            if (kinds.contains(DocumentState.Kind.PAGES)) {
                kind = "pages were added or removed";
            } else if (kinds.contains(DocumentState.Kind.CONTENT)) {
                kind = "page content (text) was added or changed";
            } else if (kinds.equals(EnumSet.of(DocumentState.Kind.ANNOTATION))) {
                kind = "an annotation only";
            } else if (kinds.contains(DocumentState.Kind.ATTACHMENT)) {
                kind = "embedded files were changed";
            } else if (kinds.isEmpty()) {
                kind = "an update that changes nothing visible";
                appended.add((pdf.length - end) + " bytes were appended after the last signature");
            } else {
                kind = "the document was changed";
            }
            problems.add("After the last signature, " + kind + ": " + String.join("; ", appended)
                    + ". These changes are not covered by any signature.");
            return kind;
        }

        private DocumentState stateAt(long end) throws IOException {
            if (end == pdf.length) {
                return DocumentState.of(doc);
            }
            try (PDDocument rev = Loader.loadPDF(Arrays.copyOf(pdf, (int) end))) {
                return DocumentState.of(rev);
            }
        }

        private int revisionOf(long end) {
            for (int i = 0; i < revisionEnds.size(); i++) {
                long r = revisionEnds.get(i);
                if (r == end || r - end >= 0 && r - end <= 2 && endsWithEof(end)) {
                    return i + 1;
                }
            }
            return 0;
        }

        private boolean endsWithEof(long end) {
            return end >= EOF.length && Arrays.equals(pdf, (int) end - EOF.length, (int) end, EOF, 0, EOF.length);
        }
    }

    /**
     * The certificates {@code memoflow verify} trusts: the home folder's demonstration CA
     * ({@code dataDir/keys/demo-ca.pem}, when there is one) and every certificate in the given PEM files.
     */
    public static List<X509Certificate> trustedCertificates(Path dataDir, Collection<Path> pemFiles) {
        List<X509Certificate> out = new ArrayList<>();
        if (dataDir != null) {
            SigningKeys.demoCa(dataDir).ifPresent(out::add);
        }
        for (Path pem : pemFiles) {
            out.addAll(Certificates.readPem(pem));
        }
        return out;
    }

    /** The trust anchors as the report names them: common name and SHA-256 fingerprint. */
    static List<VerificationReport.Anchor> anchors(Collection<X509Certificate> trusted) {
        List<VerificationReport.Anchor> out = new ArrayList<>();
        if (trusted != null) {
            for (X509Certificate c : trusted) {
                out.add(new VerificationReport.Anchor(Certificates.commonName(c), fingerprint(c)));
            }
        }
        return out;
    }

    /** The SHA-256 fingerprint of a certificate, as {@code openssl x509 -noout -fingerprint -sha256} prints it (AB:CD:...). */
    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot take the SHA-256 fingerprint of " + Certificates.commonName(cert) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Offsets just past each %%EOF marker and its end of line: where each revision ends. */
    static List<Long> revisionEnds(byte[] pdf) {
        List<Long> ends = new ArrayList<>();
        for (int i = 0; i + EOF.length <= pdf.length; i++) {
            if (pdf[i] == '%' && Arrays.equals(pdf, i, i + EOF.length, EOF, 0, EOF.length)) {
                int e = i + EOF.length;
                if (e < pdf.length && pdf[e] == '\r') {
                    e++;
                }
                if (e < pdf.length && pdf[e] == '\n') {
                    e++;
                }
                ends.add((long) e);
                i = e - 1;
            }
        }
        return ends;
    }

    /** The DER object at the start of the /Contents, without the zero padding after it. */
    static byte[] stripPadding(byte[] contents) {
        if (contents.length < 2 || contents[0] != 0x30) {
            return contents;
        }
        int first = contents[1] & 0xff;
        long len;
        int header;
        if (first < 0x80) {
            len = first;
            header = 2;
        } else {
            int n = first & 0x7f;
            if (n == 0 || n > 4 || contents.length < 2 + n) {
                return contents;
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = (len << 8) | (contents[2 + i] & 0xff);
            }
            header = 2 + n;
        }
        long total = header + len;
        if (total > contents.length) {
            return contents;
        }
        for (long i = total; i < contents.length; i++) {
            if (contents[(int) i] != 0) {
                return contents; // something other than padding follows: let the CMS parser judge
            }
        }
        return Arrays.copyOf(contents, (int) total);
    }

    private static boolean isHex(byte[] b, int from, int to) {
        if ((to - from) % 2 != 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(b[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hexDecode(byte[] b, int from, int to) {
        return HexFormat.of().parseHex(new String(b, from, to - from, StandardCharsets.US_ASCII));
    }

    static String permissions(int p) {
        return switch (p) {
            case 1 -> "no changes allowed";
            case 2 -> "only form fill-in and signing allowed";
            default -> "form fill-in, signing and annotations allowed";
        };
    }
}
