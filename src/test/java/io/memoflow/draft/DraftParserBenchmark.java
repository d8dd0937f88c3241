package io.memoflow.draft;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not a test: prints the median time to parse typical and largest drafts. Run after
 * {@code mvn test-compile} with the test classpath (the fixtures are read from it), e.g.
 * {@code java -cp target/classes:target/test-classes:$(mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
 * -Dbasedir=$PWD io.memoflow.draft.DraftParserBenchmark}.
 */
public final class DraftParserBenchmark {

    private DraftParserBenchmark() {
    }

    public static void main(String[] args) {
        String sample = DraftParserTest.pastedArticle();
        String big = sample.repeat((int) (1.9 * 1024 * 1024 / sample.getBytes(StandardCharsets.UTF_8).length));
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("front matter example (UTF-8, " + DraftParserTest.PRODUCT_EXAMPLE.length() + " chars)",
                DraftParserTest.PRODUCT_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        inputs.put("pasted article (UTF-8, " + DraftParser.size(sample.getBytes(StandardCharsets.UTF_8).length) + ")", sample.getBytes(StandardCharsets.UTF_8));
        inputs.put("pasted article (windows-1256)", sample.getBytes(Charset.forName("windows-1256")));
        inputs.put("pasted article x" + (big.length() / sample.length()) + " (UTF-8, "
                + DraftParser.size(big.getBytes(StandardCharsets.UTF_8).length) + ")", big.getBytes(StandardCharsets.UTF_8));
        inputs.put("same, windows-1256 (" + DraftParser.size(big.getBytes(Charset.forName("windows-1256")).length) + ")",
                big.getBytes(Charset.forName("windows-1256")));
        inputs.put("same, ISO-8859-6", big.getBytes(Charset.forName("ISO-8859-6")));
        DraftParser parser = new DraftParser(DraftLimits.DEFAULT);
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            byte[] bytes = input.getValue();
            int reps = bytes.length > 100_000 ? 15 : 2000;
            for (int i = 0; i < reps; i++) {
                parser.parse(bytes, "bench.md"); // warm-up
            }
            long[] times = new long[reps];
            for (int i = 0; i < reps; i++) {
                long start = System.nanoTime();
                parser.parse(bytes, "bench.md");
                times[i] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf("%-55s median %8.3f ms  (p90 %8.3f ms, %d runs)%n", input.getKey(),
                    times[reps / 2] / 1e6, times[reps * 9 / 10] / 1e6, reps);
        }
    }
}
