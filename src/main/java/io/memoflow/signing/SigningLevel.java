package io.memoflow.signing;

import java.util.Locale;

/**
 * PAdES baseline levels ({@code memoflow.signing.level}): what a signed memorandum carries beyond
 * its signatures.
 */
public enum SigningLevel {
    /** the signatures alone (their time is the claimed /M) */
    B,
    /** each signature carries an RFC 3161 signature-time-stamp: a trusted time for it */
    T,
    /** then, after the last signature, a /DSS with every certificate and CRL needed to validate every signature and timestamp */
    LT,
    /** then an ETSI.RFC3161 document timestamp over the whole file */
    LTA;

    /** At least as much as {@code other}. */
    public boolean includes(SigningLevel other) {
        return compareTo(other) >= 0;
    }

    /** Parses B, T, LT or LTA (any case). */
    public static SigningLevel parse(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (SigningLevel l : values()) {
            if (l.name().equals(t)) {
                return l;
            }
        }
        throw new IllegalArgumentException("memoflow.signing.level is '" + text + "': use B, T, LT or LTA");
    }
}
