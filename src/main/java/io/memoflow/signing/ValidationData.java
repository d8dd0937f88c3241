package io.memoflow.signing;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.GregorianCalendar;
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
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * PAdES level LT: a {@code /DSS} (document security store, ISO 32000-2 12.8.4.3) holding every
 * certificate and CRL needed to validate every signature and every timestamp in the file, with a
 * {@code /VRI} entry per signature naming its own, added as one incremental revision: its own at
 * level LT, the document timestamp's at LTA (the timestamp then covers it).
 */
final class ValidationData {

    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName VRI = COSName.getPDFName("VRI");
    private static final COSName CERT = COSName.getPDFName("Cert");
    private static final COSName CRL = COSName.getPDFName("CRL");

    private ValidationData() {
    }

    /** What one signature (or document timestamp) needs: its certificates, those of its timestamps, and the latest time stamped. */
    record Needs(byte[] contents, List<X509Certificate> certificates, Instant latestTimestamp) {
    }

    /** The certificates every signature and timestamp of the file carries, signature by signature. */
    static List<Needs> needs(PDDocument doc, byte[] pdf) throws IOException {
        List<Needs> out = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (PDSignature sig : doc.getSignatureDictionaries()) {
            byte[] contents = sig.getContents(pdf);
            byte[] der = PdfVerifier.stripPadding(contents);
            List<X509Certificate> certs = new ArrayList<>();
            Instant latest = null;
            try {
                CMSSignedData cms = new CMSSignedData(der);
                for (X509CertificateHolder h : cms.getCertificates().getMatches(null)) {
                    certs.add(conv.getCertificate(h));
                }
                if (PdfSigner.RFC3161.getName().equals(sig.getSubFilter())) {
                    latest = new TimeStampToken(cms).getTimeStampInfo().getGenTime().toInstant();
                } else {
                    for (SignerInformation si : cms.getSignerInfos().getSigners()) {
                        AttributeTable unsigned = si.getUnsignedAttributes();
                        Attribute a = unsigned == null ? null : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                        if (a != null) {
                            TimeStampToken t = TimestampAuthority.parse(a.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded());
                            for (X509CertificateHolder h : t.getCertificates().getMatches(null)) {
                                certs.add(conv.getCertificate(h));
                            }
                            Instant at = t.getTimeStampInfo().getGenTime().toInstant();
                            latest = latest == null || at.isAfter(latest) ? at : latest;
                        }
                    }
                }
            } catch (Exception e) {
                throw new SigningException("Signature '" + sig.getName() + "' cannot be read to gather its validation data: "
                        + e.getMessage(), e);
            }
            out.add(new Needs(contents, certs, latest));
        }
        return out;
    }

    /**
     * Adds (or extends) the /DSS with every certificate the file's signatures and timestamps carry
     * and a fresh CRL of each CA memoflow can issue one for, as a new revision.
     *
     * <p>The CRLs are issued no earlier than every timestamp in the file (a validator wants
     * revocation data issued after the time a signature is proven to exist; EU DSS accepts the
     * same second, CRL times being whole seconds); should a timestamp be dated ahead of this
     * machine's clock, this waits until then. The CRLs of outside CAs (an outside timestamp
     * authority's, configured keys') come from {@code outside}.
     *
     * @throws SigningException when revocation data for a certificate cannot be had
     */
    static byte[] add(byte[] pdf, SigningKeys keys, OutsideRevocation outside) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            addTo(doc, pdf, keys, outside);
            return IncrementalUpdate.write(doc, pdf, System.currentTimeMillis());
        } catch (IOException e) {
            throw new SigningException("Could not add the validation data (/DSS): " + e.getMessage(), e);
        }
    }

    /**
     * Adds (or extends) the /DSS of {@code doc}, loaded from {@code pdf}, marking what changed for
     * the next incremental save: the caller saves it, alone ({@link #add}) or with a document
     * timestamp in the same revision ({@link PdfSigner#timestampDocument(byte[], PdfSigner.Change)}).
     *
     * @throws SigningException when revocation data for a certificate cannot be had
     */
    static void addTo(PDDocument doc, byte[] pdf, SigningKeys keys, OutsideRevocation outside) throws IOException {
        try {
            List<Needs> needs = needs(doc, pdf);
            Instant latest = Instant.EPOCH;
            List<X509Certificate> all = new ArrayList<>();
            for (Needs n : needs) {
                if (n.latestTimestamp() != null && n.latestTimestamp().isAfter(latest)) {
                    latest = n.latestTimestamp();
                }
                for (X509Certificate c : n.certificates()) {
                    if (!all.contains(c)) {
                        all.add(c);
                    }
                }
            }
            Instant crlTime = waitPast(latest);
            List<X509CRL> crls = new ArrayList<>(keys.crls(all, crlTime));
            crls.addAll(outside.crls(all, crls, keys.trustAnchors(), Instant.now()));

            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = catalog.getCOSDictionary(PdfSigner.DSS);
            if (dss == null) {
                dss = new COSDictionary();
                dss.setDirect(false);
                catalog.setItem(PdfSigner.DSS, dss);
            }
            COSArray certArray = array(dss, CERTS);
            COSArray crlArray = array(dss, CRLS);
            COSDictionary vri = dss.getCOSDictionary(VRI);
            if (vri == null) {
                vri = new COSDictionary();
                dss.setItem(VRI, vri);
            }
            Map<String, COSStream> streams = new LinkedHashMap<>();
            existing(certArray, streams);
            existing(crlArray, streams);
            for (X509Certificate c : all) {
                certArray.add(stream(doc, c.getEncoded(), streams));
            }
            for (X509CRL crl : crls) {
                crlArray.add(stream(doc, crl.getEncoded(), streams));
            }
            for (Needs n : needs) {
                COSDictionary entry = new COSDictionary();
                COSArray ec = new COSArray();
                for (X509Certificate c : n.certificates()) {
                    ec.add(stream(doc, c.getEncoded(), streams));
                }
                COSArray er = new COSArray();
                for (X509CRL crl : crls) {
                    for (X509Certificate c : n.certificates()) {
                        if (c.getIssuerX500Principal().equals(crl.getIssuerX500Principal())) {
                            er.add(stream(doc, crl.getEncoded(), streams));
                            break;
                        }
                    }
                }
                entry.setItem(CERT, ec);
                entry.setItem(CRL, er);
                entry.setDate(COSName.getPDFName("TU"), GregorianCalendar.from(crlTime.atZone(ZoneOffset.UTC)));
                vri.setItem(COSName.getPDFName(sha1Hex(n.contents())), entry);
            }
            dedupe(certArray);
            dedupe(crlArray);
            dss.setNeedToBeUpdated(true);
            vri.setNeedToBeUpdated(true);
            certArray.setNeedToBeUpdated(true);
            crlArray.setNeedToBeUpdated(true);
            catalog.setNeedToBeUpdated(true);
        } catch (GeneralSecurityException e) {
            throw new SigningException("Could not add the validation data (/DSS): " + e.getMessage(), e);
        }
    }

    /** Now, in whole seconds, and not before {@code t}'s second: waits until then when needed. */
    static Instant waitPast(Instant t) {
        Instant after = t.truncatedTo(ChronoUnit.SECONDS);
        while (true) {
            Instant now = Instant.now();
            if (!now.isBefore(after)) {
                return now.truncatedTo(ChronoUnit.SECONDS);
            }
            try {
                Thread.sleep(Math.max(1, Duration.between(now, after).toMillis() + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SigningException("Interrupted while waiting to issue the CRL after the last timestamp", e);
            }
        }
    }

    private static COSArray array(COSDictionary d, COSName key) {
        COSArray a = d.getCOSArray(key);
        if (a == null) {
            a = new COSArray();
            d.setItem(key, a);
        }
        return a;
    }

    private static void existing(COSArray array, Map<String, COSStream> streams) throws IOException {
        for (int i = 0; i < array.size(); i++) {
            if (array.getObject(i) instanceof COSStream s) {
                try (var in = s.createInputStream()) {
                    streams.putIfAbsent(HexFormat.of().formatHex(PdfSigner.sha256(in.readAllBytes())), s);
                }
            }
        }
    }

    /** One stream per distinct content: the /VRI entries refer to the same streams as /Certs and /CRLs. */
    private static COSStream stream(PDDocument doc, byte[] data, Map<String, COSStream> streams) throws IOException {
        String key = HexFormat.of().formatHex(PdfSigner.sha256(data));
        COSStream s = streams.get(key);
        if (s == null) {
            s = doc.getDocument().createCOSStream();
            try (OutputStream out = s.createOutputStream(COSName.FLATE_DECODE)) {
                out.write(data);
            }
            s.setNeedToBeUpdated(true);
            streams.put(key, s);
        }
        return s;
    }

    /** Leaves each stream in the array once (a renewal adds the ones already there again). */
    private static void dedupe(COSArray array) {
        List<COSBase> keep = new ArrayList<>();
        Set<COSBase> added = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < array.size(); i++) {
            COSBase o = array.getObject(i);
            if (added.add(o)) {
                keep.add(array.get(i));
            }
        }
        array.clear();
        keep.forEach(array::add);
    }

    static String sha1Hex(byte[] data) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no SHA-1", e);
        }
    }

}
