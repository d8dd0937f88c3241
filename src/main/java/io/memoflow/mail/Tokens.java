package io.memoflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-assignee decision tokens: an HMAC-SHA256 of (reference, version, stage, assignee) under a
 * secret kept in {@code data/keys/}, shortened to 16 base32 characters (80 bits). A token is
 * valid only for that assignee, that version and that stage; nothing about it is stored.
 */
public final class Tokens {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private final byte[] secret;

    public Tokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("The token secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    public String issue(String reference, int version, String stage, String assignee) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal((reference + "|" + version + "|" + stage + "|" + assignee.toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder("MF-");
            long bits = 0;
            int n = 0;
            int i = 0;
            while (sb.length() < 3 + 16) {
                if (n < 5) {
                    bits = (bits << 8) | (h[i++] & 0xff);
                    n += 8;
                }
                sb.append(ALPHABET[(int) ((bits >> (n - 5)) & 31)]);
                n -= 5;
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no HmacSHA256", e);
        }
    }

    /** True when the token is the one issued for exactly these values (constant-time compare). */
    public boolean matches(String token, String reference, int version, String stage, String assignee) {
        String expected = issue(reference, version, stage, assignee);
        return token != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                token.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
