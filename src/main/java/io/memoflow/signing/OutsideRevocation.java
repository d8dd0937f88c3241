package io.memoflow.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Revocation data of CAs that are not memoflow's own (an outside timestamp authority's CA, the
 * CA of configured keys), for level LT and above: read from the CRL files the configuration
 * names ({@code memoflow.keys.crl-files}), or fetched from the certificate's CRL distribution
 * points over HTTP(S) with a timeout, no redirects, never from any other scheme. A CRL is used
 * only when its issuer's key verifies it and its next update is still ahead. When no usable CRL
 * can be had for a certificate, {@link #crls} throws a {@link SigningException} naming the
 * certificate, the addresses tried and what to configure: the signing step fails and is retried,
 * nothing is silently left without revocation data. Thread safe.
 */
public final class OutsideRevocation {

    /** No CRL files; downloads with a 10-second timeout. */
    static final OutsideRevocation DEFAULT = new OutsideRevocation(List.of(), Duration.ofSeconds(10));

    private final List<X509CRL> files;
    private final HttpClient http;
    private final Duration timeout;

    OutsideRevocation(List<X509CRL> files, Duration timeout) {
        this.files = List.copyOf(files);
        this.timeout = timeout;
        this.http = timeout == null ? null : HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param crlFiles  {@code memoflow.keys.crl-files}: PEM or DER CRL files, relative to the home folder
     * @param timeoutMs {@code memoflow.revocation.timeout-ms}: for each CRL download
     * @throws SigningException when a named file is missing or holds no CRL
     */
    public static OutsideRevocation fromConfig(List<String> crlFiles, long timeoutMs, Path home) {
        List<X509CRL> crls = new ArrayList<>();
        for (String name : crlFiles) {
            if (name == null || name.isBlank()) {
                continue;
            }
            Path file = home.resolve(name.trim());
            Collection<X509CRL> read;
            try {
                read = read(Files.readAllBytes(file));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new SigningException("The CRL file " + file + " (memoflow.keys.crl-files) cannot be read: " + e.getMessage()
                        + ". Give PEM or DER CRL files, relative to the home folder " + home, e);
            }
            if (read.isEmpty()) {
                throw new SigningException("The CRL file " + file + " (memoflow.keys.crl-files) holds no CRL");
            }
            crls.addAll(read);
        }
        return new OutsideRevocation(crls, Duration.ofMillis(Math.max(1, timeoutMs)));
    }

    private static Collection<X509CRL> read(byte[] data) throws GeneralSecurityException {
        List<X509CRL> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(data))) {
            out.add((X509CRL) c);
        }
        return out;
    }

    /**
     * A CRL for each certificate in {@code certificates} that is not self-signed and whose issuer
     * has no CRL in {@code have} yet.
     *
     * @param anchors further certificates where an issuer may be found
     * @throws SigningException when a certificate's issuer is unknown, no usable CRL can be had, or
     *                          a CRL lists the certificate as revoked
     */
    List<X509CRL> crls(Collection<X509Certificate> certificates, Collection<X509CRL> have, Collection<X509Certificate> anchors,
                       Instant now) {
        List<X509CRL> out = new ArrayList<>();
        for (X509Certificate c : certificates) {
            if (c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            if (covers(have, c) || covers(out, c)) {
                continue;
            }
            X509Certificate issuer = issuer(c, certificates, anchors);
            List<String> tried = new ArrayList<>();
            X509CRL found = null;
            for (X509CRL crl : files) {
                if (usable(crl, issuer, now, tried, "a CRL file")) {
                    found = crl;
                    break;
                }
            }
            if (found == null) {
                for (String url : distributionPoints(c)) {
                    found = fetch(url, issuer, now, tried);
                    if (found != null) {
                        break;
                    }
                }
            }
            if (found == null) {
                String issuerName = Certificates.commonName(issuer);
                // certificate and addresses first: status shows the start of the message
                throw new SigningException("No CRL for '" + Certificates.commonName(c) + "': "
                        + (tried.isEmpty() ? "it names no http(s) CRL address and no CRL file of its CA is configured"
                        : String.join("; ", tried))
                        + ". Levels LT and LTA embed revocation data of every certificate: let this machine reach the CRL"
                        + " address of '" + issuerName + "', or put a current CRL of it in a file named in"
                        + " memoflow.keys.crl-files; the signing is tried again later");
            }
            if (found.isRevoked(c)) {
                throw new SigningException("The certificate '" + Certificates.commonName(c) + "' is revoked according to the CRL of '"
                        + Certificates.commonName(issuer) + "': replace that key");
            }
            out.add(found);
        }
        return out;
    }

    private static boolean covers(Collection<X509CRL> crls, X509Certificate c) {
        return crls.stream().anyMatch(crl -> crl.getIssuerX500Principal().equals(c.getIssuerX500Principal()));
    }

    private static X509Certificate issuer(X509Certificate c, Collection<X509Certificate> certificates,
                                          Collection<X509Certificate> anchors) {
        List<X509Certificate> pool = new ArrayList<>(certificates);
        pool.addAll(anchors);
        for (X509Certificate i : pool) {
            if (i.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                try {
                    c.verify(i.getPublicKey());
                    return i;
                } catch (GeneralSecurityException e) {
                    // another certificate of the same name: keep looking
                }
            }
        }
        throw new SigningException("The certificate '" + Certificates.commonName(c) + "' comes without its issuer's certificate ("
                + c.getIssuerX500Principal().getName() + "), so its revocation data cannot be checked: add that CA certificate"
                + " to memoflow.keys.trust.file, or to the keystore's chain");
    }

    /** True when the CRL is the issuer's, verifies against its key and is current; else notes why not in {@code tried}. */
    private static boolean usable(X509CRL crl, X509Certificate issuer, Instant now, List<String> tried, String from) {
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException e) {
            tried.add(from + " has a CRL of that name its CA's key does not verify");
            return false;
        }
        if (crl.getNextUpdate() == null || !crl.getNextUpdate().toInstant().isAfter(now)) {
            tried.add(from + " has a CRL that is out of date (next update "
                    + (crl.getNextUpdate() == null ? "not given" : crl.getNextUpdate().toInstant()) + ")");
            return false;
        }
        return true;
    }

    private X509CRL fetch(String url, X509Certificate issuer, Instant now, List<String> tried) {
        if (http == null) {
            tried.add(url + " not fetched (no downloads configured)");
            return null;
        }
        try {
            HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) {
                tried.add(url + " answered HTTP " + resp.statusCode());
                return null;
            }
            for (X509CRL crl : read(resp.body())) {
                if (usable(crl, issuer, now, tried, url)) {
                    return crl;
                }
            }
            tried.add(url + " gave no usable CRL of that CA");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            tried.add(url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningException("Interrupted while fetching the CRL " + url, e);
        }
        return null;
    }

    /** The certificate's http:// and https:// CRL distribution points; other schemes are never fetched. */
    static List<String> distributionPoints(X509Certificate c) {
        List<String> out = new ArrayList<>();
        byte[] ext = c.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (ext == null) {
            return out;
        }
        try {
            CRLDistPoint dp = CRLDistPoint.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets()));
            for (DistributionPoint p : dp.getDistributionPoints()) {
                DistributionPointName n = p.getDistributionPoint();
                if (n == null || n.getType() != DistributionPointName.FULL_NAME) {
                    continue;
                }
                for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                    if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
                        String url = g.getName().toString();
                        String lower = url.toLowerCase(Locale.ROOT);
                        if (lower.startsWith("http://") || lower.startsWith("https://")) {
                            out.add(url);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new SigningException("The CRL distribution points of '" + Certificates.commonName(c) + "' cannot be read: "
                    + e.getMessage(), e);
        }
        return out;
    }
}
