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
import io.memoflow.store.MemoSummary;
import io.memoflow.web.Users;
import java.io.File;
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
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code memoflow bench}: measures memoflow on this machine. For each run, in temporary home
 * folders, it starts the real daemon (as {@code memoflow run}, with the launcher's JVM settings)
 * at the default signing level and at {@code B}, all under the {@code auto} workflow: single
 * drafts dropped into the idle daemon's folder and handed over as {@code memoflow submit} does
 * (default level only; at {@code B} as many drafts handed over one at a time, unmeasured, so that
 * both bursts find a daemon equally warmed up), then a burst of drafts at once. It reports throughput, the daemon's CPU
 * per memorandum, drop-to-signed latency, peak resident memory, time to ready, the time of
 * {@code memoflow status} on a store of many memoranda, and, when {@code soffice} is installed,
 * LibreOffice's batch conversion of the same texts. With {@code --runs N} every figure is the
 * median of the runs, each run's value beside it.
 */
@Command(name = "bench", description = "Measure throughput, CPU, latency, memory, start-up and status of the real daemon on this machine.")
public final class BenchCommand implements Callable<Integer> {

    /** The launcher's default JVM settings (see ./memoflow); MEMOFLOW_JAVA_OPTS overrides them. */
    public static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx320m -XX:MaxMetaspaceSize=128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k "
            + "-Dfile.encoding=UTF-8";

    private static final List<String> KINDS = List.of("ar", "en", "bilingual");

    @Option(names = "--drafts", description = "Drafts dropped at once in each burst (default ${DEFAULT-VALUE}).", defaultValue = "1000")
    int drafts;

    @Option(names = "--runs", description = "Runs; every figure is the median of the runs (default ${DEFAULT-VALUE}).", defaultValue = "1")
    int runs;

    @Option(names = "--workers", description = "memoflow.workers of the daemon; 0: two per core (default ${DEFAULT-VALUE}).", defaultValue = "0")
    int workers;

    @Option(names = "--single", description = "Single folder drops, and as many hand-overs as memoflow submit makes, into the idle "
            + "daemon, one at a time (default ${DEFAULT-VALUE}).", defaultValue = "20")
    int single;

    @Option(names = "--status-memos", description = "Memoranda in the store memoflow status is measured on (default ${DEFAULT-VALUE}; 0: "
            + "not measured).", defaultValue = "10000")
    int statusMemos;

    @Option(names = "--office-drafts", description = "Texts LibreOffice converts in one batch, when soffice is installed (default "
            + "${DEFAULT-VALUE}; 0: not measured).", defaultValue = "200")
    int officeDrafts;

    @Option(names = "--iterations", description = "Warm iterations of the in-process render and signature measurement (default "
            + "${DEFAULT-VALUE}; 0: not measured).", defaultValue = "100")
    int iterations;

    @Option(names = "--keep", description = "Keep the temporary home folders.")
    boolean keep;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private final Progress progress = new Progress(out);
    /** Figure name to the value of each run, in the order the figures were first measured. */
    private final Map<String, List<Double>> figures = new LinkedHashMap<>();
    private final Map<String, String> units = new HashMap<>();
    private final List<String> notes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if (drafts < 10 || runs < 1) {
            System.err.println("memoflow: --drafts must be at least 10 and --runs at least 1.");
            return 2;
        }
        Path root = Files.createTempDirectory("memoflow-bench-");
        String level = MemoflowSettings.of(root, Map.of()).get("memoflow.signing.level", "LTA").toUpperCase(Locale.ROOT);
        out.println("memoflow bench on " + machine());
        out.println("daemon JVM: " + javaOpts());
        out.println("folders under " + root + (keep ? " (kept)" : " (deleted afterwards)"));
        try {
            if (iterations > 0) {
                inProcess(root.resolve("inproc"));
            }
            Path statusHome = statusMemos > 0 ? statusStore(root.resolve("status"), statusMemos) : null;
            for (int r = 1; r <= runs; r++) {
                String run = runs > 1 ? "run " + r + "/" + runs + ", " : "";
                daemon(root.resolve("run" + r + "-" + level), level, true, run);
                daemon(root.resolve("run" + r + "-B"), "B", false, run);
                if (statusHome != null) {
                    status(statusHome, run);
                }
                if (officeDrafts > 0) {
                    office(root.resolve("office" + r), level, run);
                }
            }
            progress.done();
            report(level);
            return 0;
        } finally {
            progress.done();
            if (!keep) {
                deleteTree(root);
            }
        }
    }

    // ------------------------------------------------------------------ the report

    private void record(String figure, String unit, double value) {
        figures.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
        units.put(figure, unit);
    }

    private void report(String level) {
        out.println();
        out.printf("memoflow bench: %d run(s), bursts of %d drafts, auto workflow, default level %s%s%n", runs, drafts, level,
                runs > 1 ? "; median of the runs (each run)" : "");
        out.println();
        out.println("| figure | " + (runs > 1 ? "median of " + runs + " runs" : "value") + " |");
        out.println("|---|---|");
        for (Map.Entry<String, List<Double>> e : figures.entrySet()) {
            String unit = units.get(e.getKey());
            double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            String each = runs > 1 && v.length > 1
                    ? " (" + Arrays.stream(v).mapToObj(x -> format(x, unit)).collect(Collectors.joining(", ")) + ")" : "";
            out.println("| " + e.getKey() + " | " + format(medianOf(v), unit) + " " + unit + each + " |");
        }
        for (String n : notes) {
            out.println();
            out.println(n);
        }
    }

    private static String format(double v, String unit) {
        return switch (unit) {
            case "s" -> String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
            case "memos/s", "ms", "docs/s", "x" -> String.format(Locale.ROOT, unit.equals("ms") && v >= 100 ? "%.0f" : "%.1f", v);
            default -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    // ------------------------------------------------------------------ in-process costs

    private void inProcess(Path dir) throws IOException {
        progress.show("in-process render and signature, " + iterations + " warm iterations");
        Files.createDirectories(dir);
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(dir, Map.of()), AdjustableClock.system());
        DraftParser parser = new DraftParser(DraftLimits.DEFAULT);
        List<MemoDocument> docs = new ArrayList<>();
        for (String kind : KINDS) {
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
        for (int i = -warm; i < iterations; i++) {
            long t0 = System.nanoTime();
            signer.signParty(certified, party, "ar");
            if (i >= 0) {
                sign[i] = System.nanoTime() - t0;
            }
        }
        notes.add(String.format(Locale.ROOT, "In-process, warm, %d iterations: render median %.1f ms (%.1f pages on average), one party "
                + "signature median %.1f ms.", iterations, median(render) / 1e6, pages / (double) iterations, median(sign) / 1e6));
    }

    // ------------------------------------------------------------------ the daemon

    private void daemon(Path home, String level, boolean singles, String run) throws Exception {
        Files.createDirectories(home);
        int webPort = freePort();
        Files.writeString(home.resolve("memoflow.properties"), "memoflow.workflow.default=auto\nmemoflow.http.port=0\n"
                + "memoflow.workers=" + workers + "\nmemoflow.signing.level=" + level + "\nmemoflow.web.port=" + webPort + "\n");
        Path log = home.resolveSibling(home.getFileName() + ".log");
        Path inbox = home.resolve("inbox");
        Path signed = home.resolve("signed");
        String phase = run + "level " + level + ": ";
        progress.show(phase + "starting the daemon");
        long t0 = System.nanoTime();
        Process p = start(home, log);
        try {
            waitFor(() -> Files.exists(log) && Files.readString(log).contains("watching "), 60_000, "the daemon to be ready", log);
            double readyMs = (System.nanoTime() - t0) / 1e6;
            if (singles) {
                record("daemon ready after start", "ms", readyMs);
            }
            Path staging = Files.createDirectories(home.resolveSibling(home.getFileName() + "-staging"));
            if (singles && single > 0) {
                MemoflowSettings settings = MemoflowSettings.load(home, Map.of());
                long[] drop = new long[single];
                long[] handOver = new long[single];
                for (int i = 0; i < single; i++) {
                    progress.show(phase + "single drops " + (i + 1) + "/" + single);
                    Thread.sleep(300);
                    // a folder drop: written just now, then moved in; the daemon waits until it is complete
                    Path f = staging.resolve("single-" + i + ".md");
                    Files.writeString(f, draft(KINDS.get(i % 3), 100_000 + i));
                    int before = count(signed);
                    long d0 = System.nanoTime();
                    Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    waitFor(() -> count(signed) > before, 60_000, "a single draft to be signed", log);
                    drop[i] = System.nanoTime() - d0;
                }
                for (int i = 0; i < single; i++) {
                    progress.show(phase + "hand-overs as memoflow submit makes them " + (i + 1) + "/" + single);
                    Thread.sleep(300);
                    handOver[i] = handOverAndWait(home, staging.resolve("submitted-" + i + ".md"), draft(KINDS.get(i % 3), 200_000 + i),
                            settings, log);
                }
                long stable = settings.getLong("memoflow.inbox.stable-ms", 2000);
                record("folder drop into the idle daemon, drop to signed PDF, p50", "s", pct(drop, 50) / 1e9);
                record("folder drop into the idle daemon, drop to signed PDF, p95", "s", pct(drop, 95) / 1e9);
                record("memoflow submit into the idle daemon, hand-over to signed PDF, p50", "s", pct(handOver, 50) / 1e9);
                record("memoflow submit into the idle daemon, hand-over to signed PDF, p95", "s", pct(handOver, 95) / 1e9);
                long[] api = apiSubmissions(home, webPort, phase, log);
                record("API submission (POST /api/drafts) into the idle daemon, to signed PDF, p50", "s", pct(api, 50) / 1e9);
                record("API submission (POST /api/drafts) into the idle daemon, to signed PDF, p95", "s", pct(api, 95) / 1e9);
                if (!notes.stream().anyMatch(n -> n.startsWith("A folder drop"))) {
                    notes.add("A folder drop is a draft written just before it is moved into inbox/: it waits until it has not changed for "
                            + "memoflow.inbox.stable-ms (" + stable + " ms here) and for the next look at the folder. memoflow submit "
                            + "hands a draft over complete and pays no such wait.");
                }
            }
            if (!singles) {
                warmUp(home, staging, phase, log);
            }
            burst(p, home, staging, level, phase, log);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** What the daemon of the default level handles before its burst: the single drops, hand-overs and API submissions. */
    private int warmUpMemos() {
        return 3 * single;
    }

    /**
     * As many memoranda as the default level's daemon handles before its burst, handed over one at a
     * time as there and not measured: so that each burst measures a daemon whose compiler has seen the
     * work, at both levels alike (sustained throughput, not the first minute of a new process).
     */
    private void warmUp(Path home, Path staging, String phase, Path log) throws Exception {
        int n = warmUpMemos();
        if (n == 0) {
            return;
        }
        progress.show(phase + "warming the daemon up with " + n + " memoranda (not measured)");
        MemoflowSettings settings = MemoflowSettings.load(home, Map.of());
        for (int i = 0; i < n; i++) {
            handOverAndWait(home, staging.resolve("warm-up-" + i + ".md"), draft(KINDS.get(i % 3), 400_000 + i), settings, log);
        }
    }

    /** Writes {@code text} to {@code file}, hands it over as memoflow submit does, and waits for its signed PDF; the nanoseconds that took. */
    private static long handOverAndWait(Path home, Path file, String text, MemoflowSettings settings, Path log) throws Exception {
        Files.writeString(file, text);
        Path signed = home.resolve("signed");
        int before = count(signed);
        long d0 = System.nanoTime();
        SubmitCommand.handOver(home, file, settings);
        waitFor(() -> count(signed) > before, 60_000, "a handed-over draft to be signed", log);
        return System.nanoTime() - d0;
    }

    /**
     * Sequential submissions through the API of the idle daemon (POST /api/drafts, HTTP Basic, as a
     * bench user added to its users file), each timed from the request to its signed/REF.pdf, in nanoseconds.
     */
    private long[] apiSubmissions(Path home, int port, String phase, Path log) throws Exception {
        String user = "bench@memoflow.invalid";
        String password = "bench password " + System.nanoTime();
        new Users(home.resolve("data/web-users")).add(user, password.toCharArray());
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        long[] lat = new long[single];
        for (int i = 0; i < lat.length; i++) {
            progress.show(phase + "API submissions " + (i + 1) + "/" + lat.length);
            Thread.sleep(300);
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/drafts"))
                    .header("Content-Type", "text/markdown; charset=utf-8").header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString(draft(KINDS.get(i % 3), 300_000 + i))).build();
            long d0 = System.nanoTime();
            HttpResponse<String> r = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("POST /api/drafts answered " + r.statusCode() + ": " + r.body() + "; see " + log);
            }
            Path pdf = home.resolve("signed").resolve(new ObjectMapper().readTree(r.body()).get("reference").asText() + ".pdf");
            waitFor(() -> Files.exists(pdf), 60_000, "a draft posted to the API to be signed", log);
            lat[i] = System.nanoTime() - d0;
        }
        return lat;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void burst(Process p, Path home, Path staging, String level, String phase, Path log) throws Exception {
        Path inbox = home.resolve("inbox");
        Path signed = home.resolve("signed");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < drafts; i++) {
            Path f = staging.resolve(String.format("burst-%05d.md", i));
            Files.writeString(f, draft(KINDS.get(i % 3), i));
            // dated before the completeness wait, as a draft written a while ago and moved in: what is measured is the pipeline
            Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            files.add(f);
        }
        Set<String> seen = new HashSet<>(names(signed));
        int base = seen.size();
        Map<String, Long> firstSeen = new HashMap<>();
        // the signed PDFs are seen as they appear (inotify), not by listing signed/ again and again: a poller that lists
        // the folder every few milliseconds takes CPU from the daemon it measures, and the folder's lock from its renames
        try (WatchService watch = signed.getFileSystem().newWatchService()) {
            signed.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long cpu0 = cpuMillis(p.pid());
            long b0 = System.nanoTime();
            for (Path f : files) {
                Files.move(f, inbox.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            long shown = 0;
            while (firstSeen.size() < drafts) {
                WatchKey key = watch.poll(100, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (key != null) {
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                            for (String n : names(signed)) { // events were lost: what is there now, seen now
                                if (seen.add(n)) {
                                    firstSeen.put(n, now);
                                }
                            }
                        } else if (e.context() instanceof Path name) {
                            String n = name.toString();
                            if (n.endsWith(".pdf") && !n.startsWith(".") && seen.add(n)) {
                                firstSeen.put(n, now);
                            }
                        }
                    }
                    key.reset();
                }
                if (now - shown > TimeUnit.MILLISECONDS.toNanos(500)) {
                    shown = now;
                    progress.show(String.format(Locale.ROOT, "%sburst %d/%d signed, %.1f memos/s, RSS %d MB", phase, firstSeen.size(),
                            drafts, firstSeen.size() / ((now - b0) / 1e9), rss(p.pid(), "VmRSS") / 1024));
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("the daemon died during the burst; see " + log);
                }
                if (now - b0 > TimeUnit.MINUTES.toNanos(30)) {
                    throw new IllegalStateException("the burst did not finish in 30 minutes; see " + log);
                }
            }
            finish(p, home, signed, level, phase, log, firstSeen, b0, cpu0, base);
        }
    }

    /** The figures of a burst whose signed PDFs were all seen: throughput, latency, and, once its mails are sent, CPU and memory. */
    private void finish(Process p, Path home, Path signed, String level, String phase, Path log, Map<String, Long> firstSeen, long b0,
                        long cpu0, int base) throws Exception {
        long[] lat = firstSeen.values().stream().mapToLong(t -> t - b0).sorted().toArray();
        // sustained: between the 10th and the 90th percentile of completions
        double sustained = 0.8 * drafts / ((pct(lat, 90) - pct(lat, 10)) / 1e9);
        double total = lat[lat.length - 1] / 1e9;
        // the daemon's whole work for the burst: up to the last completion mail
        MemoStore store = Memoflow.openStore(home.resolve("data"));
        progress.show(phase + "burst signed, the daemon sends the completion mails");
        waitFor(() -> store.list().stream().mapToInt(MemoSummary::pendingWork).sum() == 0, 600_000, 100,
                "the daemon to finish its mails", log);
        long cpu = cpuMillis(p.pid()) - cpu0;
        long peak = rss(p.pid(), "VmHWM");
        String at = "level " + level;
        record("throughput at " + at + ", 10th to 90th percentile of completions", "memos/s", sustained);
        record("throughput at " + at + ", first drop to last signed PDF", "memos/s", drafts / total);
        record("daemon CPU per memorandum at " + at + " (through its completion mails)", "ms", cpu / (double) drafts);
        record("drop-to-signed latency in the burst at " + at + ", p50", "s", pct(lat, 50) / 1e9);
        record("drop-to-signed latency in the burst at " + at + ", p95", "s", pct(lat, 95) / 1e9);
        record("peak resident memory of the daemon at " + at + " (VmHWM)", "MB", peak / 1024.0);
        int pdfs = count(signed);
        if (pdfs != base + drafts) {
            notes.add("WARNING (" + phase.trim() + "): " + pdfs + " PDFs in signed/, expected " + (base + drafts));
        }
    }

    private Process start(Path home, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(home, "run"));
        pb.environment().keySet().removeIf(k -> k.startsWith("MEMOFLOW_") && !k.equals("MEMOFLOW_JAVA_OPTS"));
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

    /** A short-lived command as the launcher starts it: client compiler, class-data archive (made on first use, as ./memoflow does). */
    private static List<String> cliCommand(Path home, String command) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-Dfile.encoding=UTF-8"));
        Path cds = jar().resolveSibling("memoflow-cli.jsa");
        cmd.add((Files.isRegularFile(cds) ? "-XX:SharedArchiveFile=" : "-XX:ArchiveClassesAtExit=") + cds);
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

    // ------------------------------------------------------------------ memoflow status on a large store

    /**
     * A store of {@code n} completed memoranda in the store's own format, made quickly: one
     * memorandum stored through the store, copied under further references, and the index written
     * once (no fsync per file: this store is only read).
     */
    private Path statusStore(Path home, int n) throws IOException {
        progress.show("making a store of " + n + " memoranda for memoflow status");
        long t0 = System.nanoTime();
        Memoflow.createFolders(home);
        Path data = home.resolve("data");
        MemoStore store = Memoflow.openStore(data);
        Memo m = new Memo();
        m.reference = store.allocateReference("MOU", 2025);
        m.title = "Completed memorandum of the status measurement";
        m.language = "en";
        m.workflow = "auto";
        m.version = 1;
        m.state = MemoState.COMPLETED;
        m.created = Instant.parse("2025-06-01T10:00:00Z");
        m.updated = m.created;
        store.create(m);
        store.close();
        String template = Files.readString(data.resolve("memos").resolve(m.reference).resolve("memo.json"));
        String line = MemoSummary.of(m).toLine();
        StringBuilder index = new StringBuilder(line).append('\n');
        for (int i = 2; i <= n; i++) {
            String ref = String.format("MOU-2025-%04d", i);
            Path dir = Files.createDirectories(data.resolve("memos").resolve(ref));
            Files.writeString(dir.resolve("memo.json"), template.replace(m.reference, ref));
            index.append(line.replace(m.reference, ref)).append('\n');
        }
        Files.writeString(data.resolve("index.tsv"), index, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE);
        notes.add(String.format(Locale.ROOT, "memoflow status was measured on a store of %d memoranda (made in %.1f s), each time in a new "
                + "JVM as ./memoflow starts it (client compiler, class-data archive), median of 5.", n, (System.nanoTime() - t0) / 1e9));
        return home;
    }

    private void status(Path home, String run) throws Exception {
        long[] st = new long[5];
        for (int i = -1; i < st.length; i++) { // the first, not counted, makes the class-data archive when there is none
            progress.show(run + "memoflow status with " + statusMemos + " memoranda " + (i + 2) + "/" + (st.length + 1));
            long s0 = System.nanoTime();
            Process status = new ProcessBuilder(cliCommand(home, "status")).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (status.waitFor() != 0) {
                throw new IllegalStateException("memoflow status failed on the bench store " + home);
            }
            if (i >= 0) {
                st[i] = System.nanoTime() - s0;
            }
        }
        record("memoflow status with " + statusMemos + " memoranda", "s", median(st) / 1e9);
    }

    // ------------------------------------------------------------------ LibreOffice

    /**
     * LibreOffice converting the same texts to PDF in one batch (no signing, no workflow), when
     * {@code soffice} is on the PATH: documents per second, and memoflow's throughput at {@code B}
     * and at the default level as a multiple of it.
     */
    private void office(Path dir, String level, String run) throws Exception {
        Optional<Path> soffice = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(s -> !s.isBlank()).map(s -> Path.of(s, "soffice")).filter(Files::isExecutable).findFirst();
        if (soffice.isEmpty()) {
            if (notes.stream().noneMatch(n -> n.startsWith("LibreOffice"))) {
                notes.add("LibreOffice (soffice) is not installed: its batch conversion was not measured.");
            }
            return;
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        Path pdfs = Files.createDirectories(dir.resolve("out"));
        String profile = "-env:UserInstallation=" + dir.resolve("profile").toUri();
        Path warm = Files.writeString(dir.resolve("warm-up.txt"), draft("en", 0));
        progress.show(run + "LibreOffice: first start (profile)");
        runOffice(List.of(soffice.get().toString(), profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir",
                dir.toString(), warm.toString()));
        List<String> cmd = new ArrayList<>(List.of(soffice.get().toString(), profile, "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", pdfs.toString()));
        for (int i = 0; i < officeDrafts; i++) {
            cmd.add(Files.writeString(in.resolve(String.format("text-%05d.txt", i)), draft(KINDS.get(i % 3), i)).toString());
        }
        progress.show(run + "LibreOffice: converting " + officeDrafts + " texts in one batch");
        long t0 = System.nanoTime();
        runOffice(cmd);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int converted = count(pdfs);
        if (converted != officeDrafts) {
            notes.add("WARNING: LibreOffice converted " + converted + " of " + officeDrafts + " texts.");
        }
        double rate = converted / seconds;
        record("LibreOffice, " + officeDrafts + " of the same texts to PDF in one batch (no signing, no workflow)", "docs/s", rate);
        List<Double> b = figures.get("throughput at level B, 10th to 90th percentile of completions");
        List<Double> d = figures.get("throughput at level " + level + ", 10th to 90th percentile of completions");
        record("memoflow's throughput at level B as a multiple of LibreOffice's", "x", b.get(b.size() - 1) / rate);
        record("memoflow's throughput at level " + level + " as a multiple of LibreOffice's", "x", d.get(d.size() - 1) / rate);
    }

    private static void runOffice(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("LibreOffice did not finish converting in 30 minutes");
        }
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
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pdf") && !n.startsWith(".")).toList();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, long ms, String what, Path log) throws Exception {
        waitFor(check, ms, 5, what, log);
    }

    /** Waits until {@code check} holds, looking every {@code everyMs} (5 ms where a latency is timed, longer where only CPU is). */
    private static void waitFor(Check check, long ms, long everyMs, String what, Path log) throws Exception {
        long end = System.currentTimeMillis() + ms;
        while (!check.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("gave up waiting for " + what + "; see " + log);
            }
            Thread.sleep(everyMs);
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

    private static double medianOf(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
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
    }

    /** One progress line, rewritten in place on a terminal; elsewhere a line every 5 seconds at most. */
    private static final class Progress {
        private final PrintStream out;
        private final boolean terminal = System.console() != null;
        private long last;
        private int width;

        Progress(PrintStream out) {
            this.out = out;
        }

        void show(String text) {
            long now = System.nanoTime();
            if (terminal) {
                if (now - last > 200_000_000L) {
                    last = now;
                    out.print("\r" + text + " ".repeat(Math.max(0, width - text.length())));
                    width = text.length();
                }
            } else if (now - last > 5_000_000_000L) {
                last = now;
                out.println("  " + text);
            }
        }

        void done() {
            if (terminal && width > 0) {
                out.print("\r" + " ".repeat(width) + "\r");
                width = 0;
            }
        }
    }
}
