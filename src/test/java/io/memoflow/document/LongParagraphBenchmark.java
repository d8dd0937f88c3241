package io.memoflow.document;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import io.memoflow.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How long one very long paragraph takes to store and to render and sign (a benchmark, not run by
 * {@code mvn verify}: its name does not end in Test). Run it with
 * {@code mvn -B -Dtest=LongParagraphBenchmark -Dsurefire.failIfNoSpecifiedTests=false test}; it
 * prints one line per size. Rendering must grow with the text, not with its square.
 */
class LongParagraphBenchmark {
    @Test
    void probe() throws Exception {
        Path home = Files.createTempDirectory("probe");
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of("memoflow.workflow.default", "auto")), AdjustableClock.system());
        String[] bases = {"مذكرة ", "مذكرة", "memorandum "};
        int n = 0;
        for (String base : bases) {
            for (int kb : new int[] {256, 512, 1024}) {
                StringBuilder sb = new StringBuilder("Title " + kb + "\n\n");
                while (sb.length() < kb * 1024 / 2) sb.append(base);
                long t0 = System.nanoTime();
                String ref = m.service().submit(sb.toString().getBytes(StandardCharsets.UTF_8), "p.txt", new Intake("file", "", "k" + (n++), "p.txt")).reference();
                long t1 = System.nanoTime();
                byte[] pdf = m.documents().sign(m.service().memo(ref));
                long t2 = System.nanoTime();
                System.out.printf("LongParagraphBenchmark '%s' %d KiB: submit %.2f s, sign %.2f s, %d bytes%n", base, kb, (t1 - t0) / 1e9, (t2 - t1) / 1e9, pdf.length);
            }
        }
    }
}
