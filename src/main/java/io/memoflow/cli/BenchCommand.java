package io.memoflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.audit.AuditLog;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.RenderedMemo;
import io.memoflow.draft.Draft;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.signing.MemoSigner;
import io.memoflow.store.AtomicFiles;
import io.memoflow.store.MemoStore;
import io.memoflow.web.Users;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memoflow bench}: measures memoflow on this machine. In a temporary home folder it starts
 * the real daemon (as {@code memoflow run}, with the launcher's JVM settings), drops single
 * drafts into the idle daemon, then a burst of drafts at once, all under the {@code auto}
 * workflow, and reports throughput, drop-to-signed latency, peak resident memory and time to
 * ready; plus the in-process cost of one render and one signature.
 */
@Command(name = "bench", description = "Measure throughput, latency, memory and start-up of the real daemon on this machine.")
public final class BenchCommand implements Callable<Integer> {

    /** The launcher's default JVM settings (see ./memoflow); MEMOFLOW_JAVA_OPTS overrides them. */
    public static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx320m -XX:MaxMetaspaceSize=128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k "
            + "-Dfile.encoding=UTF-8";

    @Option(names = "--drafts", description = "Drafts dropped at once in the burst (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int drafts;

    @Option(names = "--workers", description = "memoflow.workers of the daemon; 0: one per core (default ${DEFAULT-VALUE}).", defaultValue = "0")
    int workers;

    @Option(names = "--single", description = "Single drops into the idle daemon, one at a time (default ${DEFAULT-VALUE}).", defaultValue = "20")
    int single;

    @Option(names = "--preload", description = "Memoranda put into the store before the daemon starts (default ${DEFAULT-VALUE}).", defaultValue = "0")
    int preload;

    @Option(names = "--iterations", description = "Warm iterations of the in-process render and signature measurement (default ${DEFAULT-VALUE}).", defaultValue = "200")
    int iterations;

    @Option(names = "--keep", description = "Keep the temporary home folder.")
    boolean keep;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        Path home = Files.createTempDirectory("memoflow-bench-");
        out.println("memoflow bench on " + machine());
        out.println("home " + home + (keep ? " (kept)" : " (deleted afterwards)"));
        try {
            inProcess(home.resolveSibling(home.getFileName() + "-inproc"));
            if (preload > 0) {
                preload(home, preload);
            }
            daemon(home);
            return 0;
        } finally {
            if (!keep) {
                deleteTree(home);
                deleteTree(home.resolveSibling(home.getFileName() + "-inproc"));
            }
        }
    }

    // ------------------------------------------------------------------ in-process costs

    private void inProcess(Path dir) throws IOException {
        Files.createDirectories(dir);
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(dir, Map.of()), AdjustableClock.system());
        DraftParser parser = new DraftParser(DraftLimits.DEFAULT);
        List<MemoDocument> docs = new ArrayList<>();
        for (String kind : List.of("ar", "en", "bilingual")) {
            Draft d = parser.parse(draft(kind, 1).getBytes(StandardCharsets.UTF_8), kind + ".md");
            docs.add(new MemoDocument("MOU-2026-0001", 1, d.title(), d.language(), Instant.parse("2026-11-29T10:00:00Z"), d.body(),
                    d.parties(), List.of(Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-11-29T11:00:00Z")), false,
                    List.of(), AuditLog.GENESIS));
        }
        int warm = Math.max(20, iterations / 4);
        long[] render = new long[iterations];
        int pages = 0;
        for (int i = -warm; i < iterations; i++) {
            MemoDocument doc = docs.get(Math.floorMod(i, docs.size()));
            long t0 = System.nanoTime();
            RenderedMemo r = m.documents().renderer().render(doc);
            if (i >= 0) {
                render[i] = System.nanoTime() - t0;
                pages += r.pageCount();
            }
        }
        MemoSigner signer = m.documents().signer();
        RenderedMemo rendered = m.documents().renderer().render(docs.get(0));
        AuditLog audit = new AuditLog();
        var box = rendered.signatureBoxes().get(0);
        var party = new MemoSigner.PartySignature(box, "عبد اللطيف حموشي", "المدير العام", "dg@dgsn.example.ma", Instant.now());
        byte[] certified = signer.certify(rendered.pdf(), audit, "text".getBytes(StandardCharsets.UTF_8), "", Instant.now(),
                List.of(party));
        long[] sign = new long[iterations];
        int added = 0;
        for (int i = -warm; i < iterations; i++) {
            long t0 = System.nanoTime();
            byte[] signed = signer.signParty(certified, party, "ar");
            if (i >= 0) {
                sign[i] = System.nanoTime() - t0;
                added = signed.length - certified.length;
            }
        }
        out.printf("in-process, warm, %d iterations: render median %.1f ms (%.1f pages on average), one signature median %.1f ms "
                + "(+%d bytes)%n", iterations, median(render) / 1e6, pages / (double) iterations, median(sign) / 1e6, added);
    }

    // ------------------------------------------------------------------ the daemon

    private void daemon(Path home) throws Exception {
        int webPort = freePort();
        Files.writeString(home.resolve("memoflow.properties"), "memoflow.workflow.default=auto\nmemoflow.http.port=0\n"
                + "memoflow.workers=" + workers + "\nmemoflow.web.port=" + webPort + "\n");
        Path log = home.resolveSibling(home.getFileName() + ".log");
        Path inbox = home.resolve("inbox");
        Path signed = home.resolve("signed");
        long t0 = System.nanoTime();
        Process p = start(home, log);
        try {
            waitFor(() -> Files.exists(log) && Files.readString(log).contains("watching "), 60_000, "the daemon to be ready", log);
            double readyMs = (System.nanoTime() - t0) / 1e6;
            out.printf("daemon ready %.0f ms after start (pid %d, JVM: %s)%n", readyMs, p.pid(), javaOpts());

            Path staging = Files.createDirectories(home.resolve("staging"));
            if (single > 0) {
                long[] lat = new long[single];
                for (int i = 0; i < single; i++) {
                    Thread.sleep(500);
                    Path f = staging.resolve("single-" + i + ".md");
                    Files.writeString(f, draft(List.of("ar", "en", "bilingual").get(i % 3), 100_000 + i));
                    int before = count(signed);
                    long d0 = System.nanoTime();
                    Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    waitFor(() -> count(signed) > before, 60_000, "a single draft to be signed", log);
                    lat[i] = System.nanoTime() - d0;
                }
                out.printf("single drop into the idle daemon, %d drops: drop-to-signed p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", single,
                        pct(lat, 50) / 1e6, pct(lat, 95) / 1e6, Arrays.stream(lat).max().orElse(0) / 1e6);
            }
            apiDrafts(home, webPort, log);

            List<Path> files = new ArrayList<>();
            for (int i = 0; i < drafts; i++) {
                Path f = staging.resolve(String.format("burst-%05d.md", i));
                Files.writeString(f, draft(List.of("ar", "en", "bilingual").get(i % 3), i));
                files.add(f);
            }
            int base = count(signed);
            Set<String> seen = new HashSet<>(names(signed));
            Map<String, Long> firstSeen = new HashMap<>();
            long peakRss = rss(p.pid(), "VmHWM");
            long cpu0 = cpuMillis(p.pid());
            long b0 = System.nanoTime();
            for (Path f : files) {
                Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            long dropped = System.nanoTime();
            long lastReport = dropped;
            while (firstSeen.size() < drafts) {
                for (String n : names(signed)) {
                    if (seen.add(n)) {
                        firstSeen.put(n, System.nanoTime());
                    }
                }
                long now = System.nanoTime();
                if (now - lastReport > 1_000_000_000L) {
                    lastReport = now;
                    out.printf("  %d/%d signed, %.1f memos/s, RSS %d MB%n", firstSeen.size(), drafts,
                            firstSeen.size() / ((now - b0) / 1e9), rss(p.pid(), "VmRSS") / 1024);
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("the daemon died during the burst; see " + log);
                }
                if (now - b0 > TimeUnit.MINUTES.toNanos(30)) {
                    throw new IllegalStateException("the burst did not finish in 30 minutes");
                }
                Thread.sleep(20);
            }
            peakRss = Math.max(peakRss, rss(p.pid(), "VmHWM"));
            long cpuUsed = cpuMillis(p.pid()) - cpu0;
            long[] lat = firstSeen.values().stream().mapToLong(t -> t - b0).sorted().toArray();
            double total = (lat[lat.length - 1]) / 1e9;
            // sustained: between the 10th and the 90th percentile of completions
            double sustained = 0.8 * drafts / ((pct(lat, 90) - pct(lat, 10)) / 1e9);
            out.printf("burst of %d drafts dropped at once (moved in %.0f ms): all signed in %.1f s = %.1f memos/s overall, %.1f memos/s "
                            + "sustained (10%%..90%%)%n", drafts, (dropped - b0) / 1e6, total, drafts / total, sustained);
            out.printf("drop-to-signed latency in the burst: p50 %.2f s, p95 %.2f s, p99 %.2f s%n", pct(lat, 50) / 1e9, pct(lat, 95) / 1e9,
                    pct(lat, 99) / 1e9);
            out.printf("daemon CPU during the burst: %.1f s user+system = %.1f ms per memorandum (%.0f%% of %d cores)%n", cpuUsed / 1000.0,
                    cpuUsed / (double) drafts, 100.0 * cpuUsed / (total * 1000) / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
            out.printf("peak resident memory of the daemon: %d MB (VmHWM)%n", peakRss / 1024);
            if (base + drafts != count(signed)) {
                out.println("WARNING: " + count(signed) + " PDFs in signed/, expected " + (base + drafts));
            }
            // status, once the daemon is idle again, started as the launcher starts short-lived commands
            MemoStore store = Memoflow.openStore(home.resolve("data"));
            waitFor(() -> store.list().stream().mapToInt(s -> s.pendingWork()).sum() == 0, 300_000, "the daemon to finish its mails", log);
            long[] st = new long[5];
            for (int i = 0; i < st.length; i++) {
                long s0 = System.nanoTime();
                Process status = new ProcessBuilder(cliCommand(home, "status")).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                status.waitFor();
                st[i] = System.nanoTime() - s0;
            }
            out.printf("memoflow status with %d memoranda in the store: median %.0f ms of %d runs (a new JVM each, as ./memoflow starts it)%n",
                    store.list().size(), median(st) / 1e6, st.length);
        } finally {
            p.destroy();
            p.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private Process start(Path home, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(home, "run"));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    private static List<String> javaCommand(Path home, String command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(javaOpts().trim().split("\\s+")));
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.add(command);
        cmd.add("--home");
        cmd.add(home.toString());
        return cmd;
    }

    /** A short-lived command as the launcher starts it: client compiler, class-data archive when there is one. */
    private static List<String> cliCommand(Path home, String command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
        Path cds = jar().resolveSibling("memoflow-cli.jsa");
        if (Files.isRegularFile(cds)) {
            cmd.add("-XX:SharedArchiveFile=" + cds);
        }
        cmd.addAll(List.of("-jar", jar().toString(), command, "--home", home.toString()));
        return cmd;
    }

    private static String javaOpts() {
        String env = System.getenv("MEMOFLOW_JAVA_OPTS");
        return env == null || env.isBlank() ? DEFAULT_JAVA_OPTS : env;
    }

    private static Path jar() {
        try {
            Path p = Path.of(BenchCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(p)) {
                return p;
            }
            Path built = p.resolve("../memoflow.jar").normalize();
            if (Files.isRegularFile(built)) {
                return built;
            }
            throw new IllegalStateException("memoflow bench runs the packaged program: build it first (mvn -B -DskipTests package)");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ store preload

    /** Fills the store with completed memoranda (the store's own format), to measure a large store. */
    private void preload(Path home, int n) throws IOException {
        long t0 = System.nanoTime();
        Memoflow.createFolders(home);
        MemoStore store = Memoflow.openStore(home.resolve("data"));
        for (int i = 0; i < n; i++) {
            Memo m = new Memo();
            m.reference = store.allocateReference("MOU", 2025);
            m.title = "Preloaded memorandum " + i;
            m.language = "en";
            m.workflow = "auto";
            m.version = 1;
            m.state = MemoState.COMPLETED;
            m.created = Instant.parse("2025-06-01T10:00:00Z");
            m.updated = m.created;
            store.create(m);
        }
        store.close(); // compacts the index and marks it as trustworthy for the daemon that starts next
        AtomicFiles.write(home.resolve("data").resolve("clean-stop"), new byte[0]);
        out.printf("store preloaded with %d memoranda in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ helpers

    static String draft(String kind, int n) {
        try (InputStream in = BenchCommand.class.getResourceAsStream("/bench/" + kind + ".md")) {
            String t = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return t.replace("{{n2}}", String.format("%02d", n % 100)).replace("{{n}}", String.valueOf(n));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Path dir) throws IOException {
        return names(dir).size();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf") && !n.startsWith(".")).toList();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    /**
     * 20 sequential submissions through the API of the idle daemon (POST /api/drafts, HTTP Basic), each
     * timed from the request to its signed/REF.pdf; reports the median.
     */
    private void apiDrafts(Path home, int port, Path log) throws Exception {
        String user = "bench@memoflow.invalid";
        String password = "bench password " + System.nanoTime();
        new Users(home.resolve("data/web-users")).add(user, password.toCharArray());
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        long[] lat = new long[20];
        for (int i = 0; i < lat.length; i++) {
            Thread.sleep(300);
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/drafts"))
                    .header("Content-Type", "text/markdown; charset=utf-8").header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(draft(List.of("ar", "en", "bilingual").get(i % 3), 300_000 + i))).build();
            long d0 = System.nanoTime();
            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST /api/drafts answered " + r.statusCode() + ": " + r.body() + "; see " + log);
            }
            Path pdf = home.resolve("signed").resolve(new ObjectMapper().readTree(r.body()).get("reference").asText() + ".pdf");
            waitFor(() -> Files.exists(pdf), 60_000, "a draft posted to the API to be signed", log);
            lat[i] = System.nanoTime() - d0;
        }
        out.printf("POST /api/drafts to signed/REF.pdf, %d sequential: median %.0f ms, p95 %.0f ms, max %.0f ms%n", lat.length,
                median(lat) / 1e6, pct(lat, 95) / 1e6, Arrays.stream(lat).max().orElse(0) / 1e6);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(Check check, long ms, String what, Path log) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!check.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("gave up waiting for " + what + "; see " + log);
            }
            Thread.sleep(5);
        }
    }

    /** CPU time (user + system) of a process so far, in ms, from /proc/PID/stat; -1 when unknown. */
    private static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return ticks * 10; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** kB from /proc/PID/status (VmRSS, VmHWM). */
    private static long rss(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static double median(long[] v) {
        return pct(v, 50);
    }

    private static double pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException e) {
            // not Linux: the core count and Java version still say something
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), Java " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".log"));
    }
}
