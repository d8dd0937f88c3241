package io.memoflow.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate helpers: names, PEM files, and the small certificate factory of the demonstration CA. */
public final class Certificates {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** The common name of the certificate's subject, or the whole subject when it has none. */
    public static String commonName(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        if (cn.length > 0) {
            return text(cn[0].getFirst().getValue());
        }
        return cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** The common name of the certificate's issuer, or the whole issuer name when it has none. */
    public static String commonNameOfIssuer(X509Certificate cert) {
        X500Name name = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length > 0 ? text(cn[0].getFirst().getValue())
                : cert.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** An attribute value as plain text (not escaped as in a distinguished name). */
    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : IETFUtils.valueToString(value);
    }

    /** The e-mail address of the certificate's subject (subjectAltName rfc822Name, else emailAddress), or "". */
    public static String email(X509Certificate cert) {
        try {
            Collection<List<?>> alt = cert.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    if (entry.size() >= 2 && Integer.valueOf(GeneralName.rfc822Name).equals(entry.get(0))) {
                        return String.valueOf(entry.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall through to the subject attribute
        }
        X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        RDN[] mail = name.getRDNs(BCStyle.EmailAddress);
        return mail.length > 0 ? text(mail[0].getFirst().getValue()) : "";
    }

    /** Reads every certificate in a PEM (or DER) file. */
    public static List<X509Certificate> readPem(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new SigningException("Cannot read the certificate file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses PEM text holding one or more certificates, or a single DER certificate. */
    public static List<X509Certificate> parse(byte[] bytes, String what) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            String text = new String(bytes, StandardCharsets.US_ASCII);
            List<X509Certificate> out = new ArrayList<>();
            Matcher m = PEM.matcher(text);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            if (out.isEmpty()) {
                out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(bytes)));
            }
            return out;
        } catch (CertificateException | IllegalArgumentException e) {
            throw new SigningException(what + " holds no readable X.509 certificate (expected PEM "
                    + "'-----BEGIN CERTIFICATE-----' blocks): " + e.getMessage(), e);
        }
    }

    /** The certificate as PEM text. */
    public static String toPem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new SigningException("Cannot encode certificate " + cert.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    /** An X.500 name with the given common name (and organisation when not empty); values are escaped, never parsed. */
    static X500Name name(String commonName, String organisation) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        if (organisation != null && !organisation.isEmpty()) {
            b.addRDN(BCStyle.O, organisation);
        }
        b.addRDN(BCStyle.CN, commonName);
        return b.build();
    }

    /** A self-signed CA certificate. */
    static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Instant from, Instant to) {
        return issue(subject, keys.getPublic(), subject, keys.getPrivate(), keys.getPublic(), from, to, true, null);
    }

    /**
     * A certificate for an end entity that signs documents (digitalSignature and nonRepudiation,
     * no extended key usage, e-mail address as rfc822Name when given and ASCII).
     */
    static X509Certificate issueSigner(X500Name subject, PublicKey subjectKey, String email,
                                       X509Certificate issuer, PrivateKey issuerKey, Instant from, Instant to) {
        return issueSigner(subject, subjectKey, email, issuer, issuerKey, from, to, null);
    }

    /** As above, naming {@code crlUrl} as the certificate's CRL distribution point when not null. */
    static X509Certificate issueSigner(X500Name subject, PublicKey subjectKey, String email,
                                       X509Certificate issuer, PrivateKey issuerKey, Instant from, Instant to, String crlUrl) {
        return issue(subject, subjectKey, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey, issuer.getPublicKey(), from, to, false, email, false, crlUrl);
    }

    /**
     * A certificate for a timestamp authority: digitalSignature, and extended key usage
     * timeStamping alone, critical (RFC 3161 section 2.3).
     */
    static X509Certificate issueTsa(X500Name subject, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey,
                                    Instant from, Instant to) {
        return issueTsa(subject, subjectKey, issuer, issuerKey, from, to, null);
    }

    /** As above, naming {@code crlUrl} as the certificate's CRL distribution point when not null. */
    static X509Certificate issueTsa(X500Name subject, PublicKey subjectKey, X509Certificate issuer, PrivateKey issuerKey,
                                    Instant from, Instant to, String crlUrl) {
        return issue(subject, subjectKey, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                issuerKey, issuer.getPublicKey(), from, to, false, null, true, crlUrl);
    }

    /** True when the certificate's extended key usage is timeStamping alone, marked critical. */
    static boolean isTsa(X509Certificate cert) {
        try {
            return cert.getCriticalExtensionOIDs() != null
                    && cert.getCriticalExtensionOIDs().contains(Extension.extendedKeyUsage.getId())
                    && List.of(KeyPurposeId.id_kp_timeStamping.getId()).equals(cert.getExtendedKeyUsage());
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /**
     * A CRL of the issuer listing no revoked certificate, issued at {@code thisUpdate} (CRL
     * number: the issuing time in milliseconds, so later CRLs have larger numbers).
     */
    static X509CRL emptyCrl(X509Certificate issuer, PrivateKey issuerKey, Instant thisUpdate, Instant nextUpdate) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(thisUpdate.toEpochMilli())));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey()));
            String alg = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new SigningException("Could not issue a CRL of " + commonName(issuer) + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                         PublicKey issuerPublicKey, Instant from, Instant to, boolean ca, String email) {
        return issue(subject, subjectKey, issuer, issuerKey, issuerPublicKey, from, to, ca, email, false, null);
    }

    private static X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                         PublicKey issuerPublicKey, Instant from, Instant to, boolean ca, String email,
                                         boolean tsa, String crlUrl) {
        try {
            byte[] serial = new byte[16];
            RANDOM.nextBytes(serial);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(1, serial),
                    Date.from(from), Date.from(to), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerPublicKey));
            if (ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else if (tsa) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                if (email != null && !email.isEmpty() && email.chars().allMatch(ch -> ch > 32 && ch < 127)) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email.toLowerCase(Locale.ROOT))));
                }
            }
            if (crlUrl != null) {
                GeneralNames where = new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl));
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                        new DistributionPoint[] {new DistributionPoint(
                                new DistributionPointName(where), null, null)}));
            }
            String alg = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new SigningException("Could not create a certificate for " + subject + ": " + e.getMessage(), e);
        }
    }
}
