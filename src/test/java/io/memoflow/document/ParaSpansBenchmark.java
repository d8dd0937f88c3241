package io.memoflow.document;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CPU time of {@link Para#spans} over the paragraphs of the three bench drafts (a benchmark, not a
 * test: run its main with the daemon's flags, e.g.
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/classes:target/test-classes io.memoflow.document.ParaSpansBenchmark}).
 * Prints the median and quartiles of the thread CPU time of one round (every paragraph, both patterns).
 */
final class ParaSpansBenchmark {

    private ParaSpansBenchmark() {
    }

    /** A bench draft's text, as {@code memoflow bench} fills in its number. */
    static String draft(String name) throws IOException {
        String resource = "/bench/" + name + ".md";
        try (InputStream in = ParaSpansBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No " + resource + " on the class path: build with mvn test-compile first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{n}}", "2026-0042");
        }
    }

    /** A text's blocks between blank lines, their lines joined by a space, as a paragraph is set. */
    static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            out.add(block.strip().replace('\n', ' '));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        List<String> paragraphs = new ArrayList<>();
        for (String draft : List.of("ar", "en", "bilingual")) {
            paragraphs.addAll(paragraphs(draft(draft)));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < rounds; i++) { // warm-up
            for (String p : paragraphs) {
                sink += Para.spans(Para.KEEP, p).length + Para.spans(Para.ISOLATE, p).length;
            }
        }
        long[] cpu = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (String p : paragraphs) {
                sink += Para.spans(Para.KEEP, p).length + Para.spans(Para.ISOLATE, p).length;
            }
            cpu[r] = threads.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(cpu);
        System.out.printf("ParaSpansBenchmark %d paragraphs, %d rounds: median %.1f us, q1 %.1f us, q3 %.1f us (sink %d)%n",
                paragraphs.size(), rounds, cpu[rounds / 2] / 1e3, cpu[rounds / 4] / 1e3, cpu[rounds * 3 / 4] / 1e3, sink);
    }
}
