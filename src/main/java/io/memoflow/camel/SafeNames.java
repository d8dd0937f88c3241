package io.memoflow.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Names for inputs moved out of the intake folders: the time, a counter and the original name
 * with anything but letters, digits, dot, dash and underscore replaced, shortened to fit any
 * file system. Unique, so a second rejected {@code draft.md} never replaces the first.
 */
public final class SafeNames {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();

    public SafeNames(Clock clock) {
        this.clock = clock;
    }

    /** A unique safe name for an input called {@code original}, not present in any of {@code folders}. */
    public String next(String original, Path... folders) {
        String base = sanitize(original);
        while (true) {
            String name = STAMP.format(clock.instant()) + "-" + String.format("%04d", counter.incrementAndGet() % 10000) + "-" + base;
            boolean taken = false;
            for (Path f : folders) {
                if (Files.exists(f.resolve(name)) || Files.exists(f.resolve(name + ".error.txt"))) {
                    taken = true;
                }
            }
            if (!taken) {
                return name;
            }
        }
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
