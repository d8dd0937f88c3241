package io.memoflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests, started once per test JVM through
 * {@code scripts/postgres-localhost.sh} (Debian's PostgreSQL 15 in a temporary folder, on a free
 * port in 15432-15460 or {@code -Dpostgres.ports=FIRST-LAST}, 127.0.0.1 only) and stopped when the JVM's tests end. Use it as an
 * extension ({@code @ExtendWith(Postgres.class)}) and take a fresh, empty database per test with
 * {@link #freshDatabase()}.
 */
public final class Postgres implements BeforeAllCallback {

    private static final Path SCRIPT = Path.of("scripts", "postgres-localhost.sh").toAbsolutePath();
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static Server server;

    /** Where a test connects: the settings memoflow takes, plus the password itself. */
    public record Database(String url, String user, String password, Path passwordFile) {

        /** memoflow's settings for this database (memoflow.store.*). */
        public Map<String, String> settings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("memoflow.store.url", url);
            m.put("memoflow.store.user", user);
            m.put("memoflow.store.password-file", passwordFile.toString());
            return m;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private record Server(int port, Path folder, String url, String password, Path passwordFile) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Postgres.class.getName(), k -> {
                    start();
                    return new Stopper();
                });
    }

    /** Stops the server when the root context (the test JVM's run) closes. */
    private static final class Stopper implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            stop();
        }
    }

    /** The server, started on first use (also usable without the extension: then a shutdown hook stops it). */
    public static synchronized Database server() {
        if (server == null) {
            start();
            Runtime.getRuntime().addShutdownHook(new Thread(Postgres::stop));
        }
        return new Database(server.url, "memoflow", server.password, server.passwordFile);
    }

    /** A new, empty database on the server, owned by the test user. */
    public static Database freshDatabase() {
        Database main = server();
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = main.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(main.url.substring(0, main.url.lastIndexOf('/') + 1) + name, main.user, main.password, main.passwordFile);
    }

    private static synchronized void start() {
        if (server != null) {
            return;
        }
        String[] range = System.getProperty("postgres.ports", "15432-15460").split("-"); // -Dpostgres.ports=FIRST-LAST
        int first = Integer.parseInt(range[0].trim());
        int size = Integer.parseInt(range[1].trim()) - first + 1;
        for (int port = first + (int) (ProcessHandle.current().pid() % size), tries = 0; tries < size;
                tries++, port = first + (port - first + 1) % size) {
            if (!free(port)) {
                continue;
            }
            Path folder;
            try {
                folder = Files.createTempDirectory("memoflow-postgres-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Run r = run("start", String.valueOf(port), folder.toString());
            if (r.exit != 0) {
                run("stop", folder.toString());
                if (free(port)) {
                    throw new IllegalStateException("scripts/postgres-localhost.sh could not start PostgreSQL:\n" + r.output);
                }
                continue; // another process took the port meanwhile
            }
            Map<String, String> settings = new LinkedHashMap<>();
            for (String line : r.output.split("\n")) {
                int eq = line.indexOf('=');
                if (line.startsWith("memoflow.store.") && eq > 0) {
                    settings.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
            Path passwordFile = Path.of(settings.get("memoflow.store.password-file"));
            try {
                server = new Server(port, folder, settings.get("memoflow.store.url"),
                        Files.readString(passwordFile, StandardCharsets.UTF_8).trim(), passwordFile);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        throw new IllegalStateException("No free port for PostgreSQL in " + first + "-" + (first + size - 1) + " (-Dpostgres.ports)");
    }

    private static synchronized void stop() {
        if (server != null) {
            run("stop", server.folder.toString());
            server = null;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) {
        try {
            String[] cmd = new String[args.length + 1];
            cmd[0] = SCRIPT.toString();
            System.arraycopy(args, 0, cmd, 1, args.length);
            Path out = Files.createTempFile("postgres-localhost", ".out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("scripts/postgres-localhost.sh " + String.join(" ", args) + " did not finish in 120 s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            return new Run(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
