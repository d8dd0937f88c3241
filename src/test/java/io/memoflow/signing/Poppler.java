package io.memoflow.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs poppler's command line tools (installed at /usr/bin; CI installs poppler-utils). */
final class Poppler {

    private Poppler() {
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 60 s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + command[0] + " (install poppler-utils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** pdfsig's output, one map of "key: value" lines per "Signature #n:" block (pdfsig exits 0 even for invalid signatures). */
    static List<Map<String, String>> pdfsig(String output) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("Signature #")) {
                current = new LinkedHashMap<>();
                out.add(current);
            } else if (current != null && line.startsWith("  - ")) {
                String body = line.substring(4);
                int colon = body.indexOf(':');
                if (colon > 0) {
                    current.put(body.substring(0, colon).trim(), body.substring(colon + 1).trim());
                } else {
                    current.put(body.trim(), "");
                }
            }
        }
        return out;
    }
}
