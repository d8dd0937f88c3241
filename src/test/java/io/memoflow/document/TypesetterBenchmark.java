package io.memoflow.document;

import io.memoflow.draft.Party;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Render timings (not a test): a two-page Arabic memorandum (the sample article as body, one
 * signature page), rendered warm. Prints the median and quartiles of single renders, and the
 * throughput of parallel renders on all cores.
 *
 * <p>Run: {@code mvn -q test-compile exec:java} is not configured; use
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.memoflow.document.TypesetterBenchmark [rounds]}
 * with the test class path ({@code mvn dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class TypesetterBenchmark {

    private TypesetterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        MemoDocument doc = twoPageMemo(Samples.arabicSample());
        Typesetter typesetter = new Typesetter();
        RenderedMemo first = typesetter.render(doc);
        System.out.printf("document: %d pages, %d bytes%n", first.pageCount(), first.pdf().length);
        for (int i = 0; i < 200; i++) {
            typesetter.render(doc); // warm up
        }
        long[] ns = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            typesetter.render(doc);
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("single render, warm: median %.2f ms, p25 %.2f ms, p75 %.2f ms, min %.2f ms (%d renders)%n",
                ns[rounds / 2] / 1e6, ns[rounds / 4] / 1e6, ns[rounds * 3 / 4] / 1e6, ns[0] / 1e6, rounds);

        int threads = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            int n = rounds;
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<RenderedMemo>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> typesetter.render(doc)));
            }
            for (java.util.concurrent.Future<RenderedMemo> f : futures) {
                f.get();
            }
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf("parallel on %d threads: %d renders in %.0f ms, %.2f ms per render%n", threads, n, ms, ms / n);
        } finally {
            pool.shutdown();
        }
    }

    static MemoDocument twoPageMemo(String body) {
        List<Party> parties = List.of(
                new Party("المديرية العامة للأمن الوطني", "عبد اللطيف حموشي", "المدير العام", "dg@dgsn.example.ma"),
                new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk"));
        return new MemoDocument("MOU-2026-0007", 1, "مذكرة تفاهم بشأن التعاون الأمني", "ar",
                Instant.parse("2026-01-27T10:00:00Z"), body, parties,
                Arrays.asList(Instant.parse("2026-01-29T10:00:00Z"), null), false, List.of(), null);
    }
}
