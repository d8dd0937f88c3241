package io.memoflow.signing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** Where RFC 3161 timestamps come from. Implementations are thread safe. */
public interface TimestampAuthority {

    /**
     * A timestamp token over a SHA-256 digest.
     *
     * @return the DER bytes of the token (a CMS ContentInfo)
     * @throws SigningException when no timestamp could be had (say why and what to do)
     */
    byte[] timestamp(byte[] sha256);

    /** Who gives the timestamps, for messages. */
    String label();

    /**
     * memoflow's own RFC 3161 authority: BouncyCastle's TSP generator with the demonstration TSA
     * key (issued by the demonstration CA). Tokens have a fixed length (times in whole seconds,
     * serial numbers of 128 bits with the top bit set, deterministic ECDSA of a fixed length, no
     * nonce), so that what holds them fills its reserved space exactly.
     */
    static TimestampAuthority builtIn(SigningIdentity tsa) {
        return new BuiltIn(tsa);
    }

    /** The built-in authority. */
    final class BuiltIn implements TimestampAuthority {
        /** memoflow's timestamp policy: a UUID-based OID (ITU-T X.667), 2.25.<UUID>. */
        static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.199204786371307718127893735283316094712");
        private static final SecureRandom RANDOM = new SecureRandom();
        private final SigningIdentity tsa;
        /** made once, shared by every token: the authority's certificate, its chain, the digest calculators */
        private final X509CertificateHolder holder;
        private final JcaCertStore chain;
        private final DigestCalculatorProvider digests;

        BuiltIn(SigningIdentity tsa) {
            if (!Certificates.isTsa(tsa.certificate())) {
                throw new SigningException("The certificate of " + tsa.label() + " is not a timestamp authority's"
                        + " (extended key usage timeStamping, critical)");
            }
            this.tsa = tsa;
            try {
                this.holder = new JcaX509CertificateHolder(tsa.certificate());
                this.chain = new JcaCertStore(tsa.chain());
                this.digests = new JcaDigestCalculatorProviderBuilder().build();
            } catch (GeneralSecurityException | OperatorCreationException e) {
                throw new SigningException("The certificate of " + tsa.label() + " cannot be used: " + e.getMessage(), e);
            }
        }

        @Override
        public byte[] timestamp(byte[] sha256) {
            try {
                TimeStampRequestGenerator rg = new TimeStampRequestGenerator();
                rg.setCertReq(true);
                TimeStampRequest req = rg.generate(TSPAlgorithms.SHA256, sha256);
                DigestCalculator certDigest = digests.get(new AlgorithmIdentifier(
                        NISTObjectIdentifiers.id_sha256));
                TimeStampTokenGenerator tg = new TimeStampTokenGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                        .build(tsa.contentSigner(), holder), certDigest, POLICY);
                tg.addCertificates(chain);
                byte[] serial = new byte[16];
                RANDOM.nextBytes(serial);
                BigInteger sn = new BigInteger(1, serial).setBit(127);
                TimeStampResponse resp = new TimeStampResponseGenerator(tg, TSPAlgorithms.ALLOWED)
                        .generate(req, sn, Date.from(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
                TimeStampToken token = resp.getTimeStampToken();
                if (token == null) {
                    throw new SigningException("The built-in timestamp authority refused the request: " + resp.getStatusString());
                }
                return token.toCMSSignedData().getEncoded(ASN1Encoding.DER);
            } catch (SigningException e) {
                throw e;
            } catch (Exception e) {
                throw new SigningException("The built-in timestamp authority failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String label() {
            return "the built-in timestamp authority (" + tsa.commonName() + ")";
        }

        SigningIdentity identity() {
            return tsa;
        }
    }

    /** Parses a token's bytes. */
    static TimeStampToken parse(byte[] der) {
        try {
            return new TimeStampToken(new CMSSignedData(der));
        } catch (Exception e) {
            throw new SigningException("Not a readable RFC 3161 timestamp token: " + e.getMessage(), e);
        }
    }

}
