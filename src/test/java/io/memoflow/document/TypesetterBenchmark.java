package io.memoflow.document;

import io.memoflow.draft.Party;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Render timings (a main class, not a test): a two-page Arabic memorandum (title block and the
 * pasted article of the test fixtures as body on page 1, the signature page), rendered warm. Prints the median and
 * quartiles of single renders (wall clock, and CPU time, which a loaded machine disturbs less),
 * and the throughput of parallel renders on all cores.
 *
 * <p>Run from the project folder:
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.memoflow.document.TypesetterBenchmark [rounds]
 * </pre>
 */
public final class TypesetterBenchmark {

    private TypesetterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        MemoDocument doc = twoPageMemo(body());
        Typesetter typesetter = new Typesetter();
        RenderedMemo first = typesetter.render(doc);
        if (first.pageCount() != 2) {
            throw new IllegalStateException("The benchmark memorandum should have 2 pages, it has " + first.pageCount());
        }
        System.out.printf("document: %d pages (title block and %d words of Arabic body, signature page), %d bytes%n",
                first.pageCount(), PdfTools.words(doc.body()).size(), first.pdf().length);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) {
            typesetter.render(doc); // warm up
        }
        long[] wall = new long[rounds];
        long[] cpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            typesetter.render(doc);
            wall[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf("single render, warm, wall clock: median %.2f ms, p25 %.2f ms, p75 %.2f ms, min %.2f ms (%d renders)%n",
                wall[rounds / 2] / 1e6, wall[rounds / 4] / 1e6, wall[rounds * 3 / 4] / 1e6, wall[0] / 1e6, rounds);
        System.out.printf("single render, warm, CPU time of the rendering thread: median %.2f ms, p25 %.2f ms, p75 %.2f ms%n",
                cpu[rounds / 2] / 1e6, cpu[rounds / 4] / 1e6, cpu[rounds * 3 / 4] / 1e6);
        System.out.printf("system load average during the run: %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());

        int cores = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
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
            System.out.printf("parallel on %d threads: %d renders in %.0f ms, %.2f ms per render%n", cores, n, ms, ms / n);
        } finally {
            pool.shutdown();
        }
    }

    /** The pasted article of the fixtures without its comment form, set as typed: with the title block it fills one page. */
    static String body() {
        String article = io.memoflow.testing.Fixtures.text(io.memoflow.testing.Fixtures.PASTED_ARTICLE);
        int end = article.indexOf("مشاركة\n\nأضف تعليقا");
        if (end < 0) {
            throw new IllegalStateException("The pasted article fixture has no comment form any more");
        }
        return PlainText.toMarkdown(article.substring(0, end));
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
