package io.memoflow.signing;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.Typesetter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What each signing level (memoflow.signing.level) adds to one memorandum: the same memorandum,
 * rendered once by the real typesetter (Arabic, a table and a list: {@link ArchivalSignedMemoTest#BODY}),
 * sealed and signed by two parties at B, T, LT and LTA in turn, round after round, so that a
 * machine shared with other work slows every level alike. Wall time and the signing thread's CPU
 * time, median and 90th percentile, and the size of the signed file. Not a test: run it by hand, e.g.
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * nice -n 10 java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.memoflow.signing.LevelsBenchmark [rounds] [warm-up rounds]
 * </pre>
 * The built-in timestamp authority answers in the signing thread, so its work is in the CPU time.
 * The demonstration CA's CRL is issued once per second and shared by every /DSS made in that second
 * (as in the daemon); its cost alone is printed last.
 */
public final class LevelsBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path dir = Files.createTempDirectory("memoflow-levels-bench");
        DemoKeys keys = DemoKeys.open(dir.resolve("data"));
        Typesetter typesetter = new Typesetter();
        byte[] md = ArchivalSignedMemoTest.BODY.getBytes(StandardCharsets.UTF_8);
        AuditLog log = Fixtures.audit(md);
        MemoDocument d = Fixtures.document(log);
        MemoDocument doc = new MemoDocument(d.reference(), d.version(), "مذكرة تفاهم بشأن التعاون الأمني", "ar", d.date(),
                ArchivalSignedMemoTest.BODY, d.parties(), d.approvals(), false, d.audit(), d.auditHash(), false);
        RenderedMemo memo = typesetter.render(doc);
        List<MemoSigner.PartySignature> parties = Fixtures.parties(memo);
        Instant sealedAt = Fixtures.T0.plusSeconds(240);

        Map<SigningLevel, MemoSigner> signers = new EnumMap<>(SigningLevel.class);
        for (SigningLevel level : SigningLevel.values()) {
            signers.put(level, new MemoSigner(keys, typesetter, level));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<SigningLevel, long[]> wall = new EnumMap<>(SigningLevel.class);
        Map<SigningLevel, long[]> cpu = new EnumMap<>(SigningLevel.class);
        Map<SigningLevel, Integer> size = new EnumMap<>(SigningLevel.class);
        for (SigningLevel level : SigningLevel.values()) {
            wall.put(level, new long[rounds]);
            cpu.put(level, new long[rounds]);
        }
        for (int r = -warmUp; r < rounds; r++) {
            for (SigningLevel level : SigningLevel.values()) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                byte[] pdf = signers.get(level).sealAndSign(memo, log, md, "DGSN", "ar", sealedAt, parties);
                long t1 = System.nanoTime();
                long c1 = threads.getCurrentThreadCpuTime();
                if (r >= 0) {
                    wall.get(level)[r] = t1 - t0;
                    cpu.get(level)[r] = c1 - c0;
                    size.put(level, pdf.length);
                }
            }
        }
        System.out.printf(Locale.ROOT, "rendered memorandum: %d B, %d rounds after %d warm-up rounds, levels interleaved%n",
                memo.pdf().length, rounds, warmUp);
        double baseWall = median(wall.get(SigningLevel.B));
        double baseCpu = median(cpu.get(SigningLevel.B));
        int baseSize = size.get(SigningLevel.B);
        for (SigningLevel level : SigningLevel.values()) {
            System.out.printf(Locale.ROOT, "level %-3s: wall median %7.2f ms p90 %7.2f ms (%+6.2f ms against B) | thread CPU median %7.2f ms"
                            + " p90 %7.2f ms (%+6.2f ms against B) | file %d B (%+d B against B)%n",
                    level, median(wall.get(level)), p90(wall.get(level)), median(wall.get(level)) - baseWall,
                    median(cpu.get(level)), p90(cpu.get(level)), median(cpu.get(level)) - baseCpu, size.get(level),
                    size.get(level) - baseSize);
        }

        // one demonstration CA CRL, issued anew each time (a distinct second each)
        List<X509Certificate> chain = keys.seal().chain();
        long[] crl = new long[rounds];
        for (int i = -warmUp; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            keys.crls(chain, Instant.ofEpochSecond(2_000_000_000L + i + warmUp));
            if (i >= 0) {
                crl[i] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        System.out.printf(Locale.ROOT, "one fresh demonstration CA CRL: thread CPU median %.3f ms%n", median(crl));
    }

    private static double median(long[] nanos) {
        long[] t = nanos.clone();
        Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    private static double p90(long[] nanos) {
        long[] t = nanos.clone();
        Arrays.sort(t);
        return t[t.length * 9 / 10] / 1e6;
    }
}
