package io.memoflow.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The personal decision links of the web desk ({@code {base-url}/decide/{token}}): the token
 * names the memorandum, version, stage and assignee it was issued for, and carries an
 * HMAC-SHA256 (128 bits) of them under the token secret of {@code data/keys/}, so a token is
 * checked without anything stored and cannot be made for another assignee, version or stage.
 * The HMAC is taken over a label of its own, so a link token never equals a mail token.
 */
public final class DecisionLinks {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder D64 = Base64.getUrlDecoder();
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN = 600;

    private final byte[] secret;

    public DecisionLinks(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("The token secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    /** What a link was issued for. */
    public record Link(String reference, int version, String stage, String assignee) {
    }

    /** The token of the link for one assignee of one stage of one version. */
    public String issue(String reference, int version, String stage, String assignee) {
        String payload = B64.encodeToString((reference + "\n" + version + "\n" + stage + "\n" + assignee.toLowerCase(Locale.ROOT))
                .getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac("link|" + payload));
    }

    /** What a token was issued for; empty when it is malformed or its HMAC does not match. */
    public Optional<Link> check(String token) {
        if (token == null || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] given = D64.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac("link|" + payload))) {
                return Optional.empty();
            }
            String[] parts = new String(D64.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            return Optional.of(new Link(parts[0], Integer.parseInt(parts[1]), parts[2], parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64 or not a number: not a link memoflow issued
        }
    }

    /**
     * A keyed check value for other short-lived values of the web desk (its form fields): the
     * first 16 bytes of HMAC-SHA256 under the token secret, over a label of their own.
     */
    public String seal(String label, String value) {
        return B64.encodeToString(mac(label + "|" + value));
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no HmacSHA256", e);
        }
    }
}
