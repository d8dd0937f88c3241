package io.memoflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The real memoflow program as a separate process ({@code java -jar target/memoflow.jar}), for
 * end-to-end, restart and crash tests. Output goes to a log file in the home folder's parent.
 */
public final class DaemonProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target", "memoflow.jar").toAbsolutePath();

    private final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Path log;
    private Process process;
    private int starts;

    public DaemonProcess(Path home) {
        this(home, home.getFileName().toString());
    }

    /** A daemon on {@code home} logging to {@code NAME.log} beside it (several daemons on one home folder each have their own). */
    public DaemonProcess(Path home, String name) {
        this.home = home;
        this.log = home.resolveSibling(name + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("MEMOFLOW_HTTP_PORT", "0");
        env.put("MEMOFLOW_WEB_PORT", "0");
        env.put("MEMOFLOW_INBOX_POLL_MS", "100");
        env.put("MEMOFLOW_INBOX_STABLE_MS", "150");
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: end-to-end tests run after 'package' (mvn verify)");
        }
    }

    public DaemonProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the daemon and waits until it logs that it watches its folders. */
    public DaemonProcess start() {
        int before = logText().split("watching ", -1).length - 1;
        try {
            ProcessBuilder pb = new ProcessBuilder(command("run"));
            pb.environment().putAll(env);
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            process = pb.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> logText().split("watching ", -1).length - 1 > before || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("memoflow exited at start:\n" + logText());
        }
        return this;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM, then waits for the exit; returns how long it took. */
    public Duration stop() {
        long t0 = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("memoflow did not stop within 60 s of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** kill -9. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a command-line tool (status, decide, submit, verify) to its end. */
    public Result cli(String... args) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command(args));
            pb.environment().putAll(env);
            Path out = Files.createTempFile("memoflow-cli", ".out");
            Path err = Files.createTempFile("memoflow-cli", ".err");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("memoflow " + String.join(" ", args) + " did not finish in 60 s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true", "-jar", JAR.toString()));
        cmd.add(args[0]);
        cmd.add("--home");
        cmd.add(home.toString());
        for (int i = 1; i < args.length; i++) {
            cmd.add(args[i]);
        }
        return cmd;
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int starts() {
        return starts;
    }

    @Override
    public void close() {
        if (alive()) {
            stop();
        }
    }

    /** What a command-line tool printed, and its exit status. */
    public record Result(int exit, String out, String err) {
    }
}
