package io.memoflow.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSAKCalculator;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.asymmetric.util.ECUtil;

/**
 * Deterministic ECDSA whose DER signature always has the same length, so that the CMS fills the
 * PDF's reserved /Contents exactly and needs no zero padding (strict ASN.1 parsers, such as
 * BouncyCastle 1.87's {@code CMSSignedData(byte[])} used by EU DSS, reject trailing bytes).
 *
 * <p>The nonce is RFC 6979's; when the resulting (r, s) does not encode to the target length the
 * nonce is derived again from SHA-256(hash || counter) (RFC 6979 section 3.6, "additional data"
 * variant): still secret, still unique per message, and the result is still deterministic. The
 * target is the most likely length. Before that, the signature's other valid form (r, n - s), which
 * every ECDSA verifier accepts as well and which tells nothing the first does not, is tried: its s
 * has the other top bit, so almost every first attempt gives one of the target length.
 */
final class ExactLengthEcdsa {

    private final ECPrivateKeyParameters key;
    private final int targetLength;

    ExactLengthEcdsa(PrivateKey privateKey) {
        try {
            this.key = (ECPrivateKeyParameters) ECUtil.generatePrivateKeyParameter(privateKey);
        } catch (InvalidKeyException | ClassCastException e) {
            throw new SigningException("The EC key cannot be used for ECDSA: " + e.getMessage(), e);
        }
        int bits = key.getParameters().getN().bitLength();
        BigInteger high = BigInteger.ONE.shiftLeft(bits - 1);
        BigInteger lower = bits % 8 == 0 ? BigInteger.ONE.shiftLeft(bits - 2) : high;
        this.targetLength = der(high, lower).length;
    }

    int targetLength() {
        return targetLength;
    }

    /** Signs a message hash (already digested with the signature's hash algorithm). */
    byte[] sign(byte[] hash) {
        for (int counter = 0; counter < 256; counter++) {
            ECDSASigner signer = new ECDSASigner(new CountedK(counter));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(hash);
            byte[] der = der(rs[0], rs[1]);
            if (der.length != targetLength) {
                // (r, n - s) is the same signature's other valid form; its s has the other top bit, so one of the two
                // almost always has the target length and the nonce need not be derived again
                der = der(rs[0], key.getParameters().getN().subtract(rs[1]));
            }
            if (der.length == targetLength) {
                return der;
            }
        }
        throw new SigningException("Could not make an ECDSA signature of " + targetLength + " bytes in 256 attempts");
    }

    private static byte[] der(BigInteger r, BigInteger s) {
        try {
            return new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode an ECDSA signature", e);
        }
    }

    /** RFC 6979 nonces; for counter > 0 the HMAC-DRBG is seeded with SHA-256(hash || "memoflow" || counter). */
    private static final class CountedK implements DSAKCalculator {
        private final HMacDSAKCalculator inner = new HMacDSAKCalculator(new SHA256Digest());
        private final int counter;

        CountedK(int counter) {
            this.counter = counter;
        }

        @Override
        public boolean isDeterministic() {
            return true;
        }

        @Override
        public void init(BigInteger n, SecureRandom random) {
            throw new IllegalStateException("deterministic nonces only");
        }

        @Override
        public void init(BigInteger n, BigInteger d, byte[] message) {
            if (counter == 0) {
                inner.init(n, d, message);
                return;
            }
            SHA256Digest sha = new SHA256Digest();
            sha.update(message, 0, message.length);
            byte[] tag = ("memoflow" + counter).getBytes(StandardCharsets.US_ASCII);
            sha.update(tag, 0, tag.length);
            byte[] h = new byte[32];
            sha.doFinal(h, 0);
            inner.init(n, d, h);
        }

        @Override
        public BigInteger nextK() {
            return inner.nextK();
        }
    }
}
