package io.memoflow.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * A private key with its certificate chain, ready to make CAdES signatures (CMS SignedData,
 * detached, with the signed attributes content-type, message-digest, signing-certificate-v2 and
 * CMS algorithm protection; no signing-time: PAdES puts the time in the signature dictionary's
 * {@code /M}). EC keys sign with deterministic ECDSA of a fixed length ({@link ExactLengthEcdsa}),
 * RSA keys with PKCS#1 v1.5: the same input gives the same bytes, and every CMS of an identity has
 * the same length. Immutable and thread safe; build once and cache.
 */
public final class SigningIdentity {

    private static final DigestCalculatorProvider DIGESTS;

    static {
        try {
            DIGESTS = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String label;
    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final X509CertificateHolder signerHolder;
    private final Store<X509CertificateHolder> certStore;
    private final AttributeTable extraSignedAttributes;
    private final AlgorithmIdentifier signatureAlgorithm;
    private final ExactLengthEcdsa ecdsa;
    private final int reservedContentsSize;

    /**
     * @param label a short description for messages (e.g. "seal", an e-mail address); never a secret
     * @param key   the private key (EC P-256/P-384 or RSA)
     * @param chain the signer's certificate first, then its issuers (the root may be included)
     */
    public SigningIdentity(String label, PrivateKey key, List<X509Certificate> chain) {
        if (key == null || chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("A signing identity needs a private key and at least its own certificate (" + label + ")");
        }
        this.label = label;
        this.key = key;
        this.chain = List.copyOf(chain);
        try {
            X509Certificate cert = this.chain.get(0);
            this.signerHolder = new X509CertificateHolder(cert.getEncoded());
            this.certStore = new JcaCertStore(this.chain);
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(signerHolder.getIssuer())),
                    signerHolder.getSerialNumber());
            // ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out
            ESSCertIDv2 certId = new ESSCertIDv2(certHash, issuerSerial);
            Attribute signingCertificate = new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId})));
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(signingCertificate);
            this.extraSignedAttributes = new AttributeTable(v);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("The certificate of " + label + " cannot be used: " + e.getMessage(), e);
        }
        if (key instanceof ECPrivateKey || "EC".equals(key.getAlgorithm())) {
            this.signatureAlgorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            this.ecdsa = new ExactLengthEcdsa(key); // deterministic, always the same length
        } else if (key instanceof RSAPrivateKey || "RSA".equals(key.getAlgorithm())) {
            this.signatureAlgorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
            this.ecdsa = null; // PKCS#1 v1.5: deterministic, always the modulus length
        } else {
            throw new IllegalArgumentException("The key of " + label + " is " + key.getAlgorithm()
                    + "; memoflow signs with EC (P-256) or RSA keys only");
        }
        // every signature of this identity has the same CMS length: reserve exactly that, no padding
        this.reservedContentsSize = cades(InputStream.nullInputStream()).length;
    }

    public String label() {
        return label;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    PrivateKey privateKey() {
        return key;
    }

    /**
     * The exact length of every CMS this identity makes, reserved for the signature's /Contents (the
     * hex string takes twice that); no zero padding is left.
     */
    public int reservedContentsSize() {
        return reservedContentsSize;
    }

    /** The signer's common name (or the whole subject when it has none). */
    public String commonName() {
        return Certificates.commonName(certificate());
    }

    /**
     * Makes a detached CAdES signature of the content.
     *
     * @return the DER bytes of the CMS ContentInfo
     */
    public byte[] cades(InputStream content) {
        try {
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(DIGESTS)
                    .setSignedAttributeGenerator(params -> new DefaultSignedAttributeTableGenerator(extraSignedAttributes)
                            .getAttributes(params).remove(CMSAttributes.signingTime))
                    .build(new StreamingSigner(), signerHolder);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(signerInfo);
            gen.addCertificates(certStore);
            CMSSignedData signed = gen.generate(new StreamContent(content), false);
            return signed.getEncoded(ASN1Encoding.DER);
        } catch (CMSException | OperatorCreationException | IOException e) {
            throw new SigningException("Could not make the signature of " + label + ": " + e.getMessage(), e);
        }
    }

    /** A content signer with this identity's key (a fresh one per signature: it collects what it signs). */
    ContentSigner contentSigner() {
        return new StreamingSigner();
    }

    /** Signs the DER signed attributes with the key; one instance per signature. */
    private final class StreamingSigner implements ContentSigner {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);

        @Override
        public AlgorithmIdentifier getAlgorithmIdentifier() {
            return signatureAlgorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return buffer;
        }

        @Override
        public byte[] getSignature() {
            try {
                if (ecdsa != null) {
                    return ecdsa.sign(MessageDigest.getInstance("SHA-256").digest(buffer.toByteArray()));
                }
                Signature s = Signature.getInstance("SHA256withRSA");
                s.initSign(key);
                s.update(buffer.toByteArray());
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new SigningException("The key of " + label + " could not sign: " + e.getMessage(), e);
            }
        }
    }

    /** Detached content read once from a stream (PDFBox hands over the signed byte ranges this way). */
    private static final class StreamContent implements CMSTypedData {
        private final InputStream in;

        StreamContent(InputStream in) {
            this.in = in;
        }

        @Override
        public ASN1ObjectIdentifier getContentType() {
            return CMSObjectIdentifiers.data;
        }

        @Override
        public void write(OutputStream out) throws IOException {
            in.transferTo(out);
        }

        @Override
        public Object getContent() {
            return in;
        }
    }

    @Override
    public String toString() {
        return "SigningIdentity[" + label + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
