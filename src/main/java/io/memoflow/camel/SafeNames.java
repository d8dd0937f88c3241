package io.memoflow.camel;

import io.memoflow.audit.AuditLog;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names for inputs moved out of the intake folders ({@code data/intake/}, {@code rejected/}):
 * anything but letters, digits, dot, dash and underscore replaced, shortened to fit any file
 * system, never hidden, unique per input.
 */
public final class SafeNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    public SafeNames() {
    }

    /**
     * The safe name of an input: its last-modified time, a short hash of its identity (name, size,
     * time) and its original name reduced to safe characters. The same input always gets the same
     * name, so an input read again after a crash ends up in one place with one reason file; two
     * different inputs with the same name get different names.
     */
    public String of(String original, long size, long lastModified) {
        String key = original + "\u0000" + size + "\u0000" + lastModified;
        String hash = AuditLog.sha256(key).substring(0, 8);
        return STAMP.format(Instant.ofEpochMilli(lastModified)) + "-" + hash + "-" + sanitize(original);
    }

    /** The original name reduced to safe characters; never empty, never a dot file, at most 80 characters. */
    public static String sanitize(String original) {
        String s = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') {
                sb.appendCodePoint(c);
            } else {
                sb.append('_');
            }
        });
        String out = sb.toString().replaceAll("_{2,}", "_").replaceAll("^[._]+", "");
        if (out.codePointCount(0, out.length()) > 80) {
            int dot = out.lastIndexOf('.');
            String ext = dot > 0 && out.length() - dot <= 10 ? out.substring(dot) : "";
            out = out.substring(0, out.offsetByCodePoints(0, 80 - ext.length())) + ext;
        }
        return out.isEmpty() ? "input" : out;
    }
}
