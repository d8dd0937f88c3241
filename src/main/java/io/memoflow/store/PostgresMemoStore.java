package io.memoflow.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Reference;
import io.memoflow.memo.UnknownMemoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store in a PostgreSQL database, shared by several memoflow instances (selected by
 * {@code memoflow.store.url=jdbc:postgresql://...}). The schema is Flyway's
 * ({@code db/migration}): one row per memorandum (its JSON as the file store writes it, plus
 * the summary status lists), its files, the content claims, the reference counters and the
 * files made once per cluster ({@link #shareFolder}). {@link #update} is one transaction that
 * holds the memorandum's row ({@code SELECT ... FOR UPDATE}), so changes on different nodes are
 * serialised as the file store serialises them within one daemon.
 */
public final class PostgresMemoStore implements MemoStore {

    /** The advisory-lock key under which {@link #shareFolder} runs (one cluster-wide critical section). */
    private static final long SHARE_LOCK = 0x6d656d6f666c6f77L; // "memoflow"

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final HikariDataSource pool;
    private final String url;

    /**
     * Connects (a pool of at most {@code poolSize} connections) and brings the schema up to date.
     *
     * @throws IllegalStateException when the database cannot be reached or migrated, saying why
     */
    public PostgresMemoStore(String url, String user, String password, int poolSize) {
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("memoflow.store.url must start with jdbc:postgresql:// (it is " + url + ")");
        }
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setPoolName("memoflow-store");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(15_000);
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to the store " + url + " as " + user + ": " + e.getMessage()
                    + ". Check memoflow.store.url, memoflow.store.user and the password, and that PostgreSQL runs.", e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("Cannot bring the schema of " + url + " up to date: " + e.getMessage(), e);
        }
    }

    /** The pooled connections (for the cluster's idempotent repository, leases and locks). */
    public DataSource dataSource() {
        return pool;
    }

    /** Where it connects, without the password. */
    public String url() {
        return url;
    }

    @Override
    public int open() {
        return -1; // every change is a committed transaction: nothing to recover
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void maintain() {
        // PostgreSQL's autovacuum keeps the tables compact
    }

    @Override
    public String allocateReference(String prefix, int year) {
        String series = prefix + "-" + year;
        return sql("reserve a reference in " + series, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reference_counter (series, last) VALUES (?, 1) "
                    + "ON CONFLICT (series) DO UPDATE SET last = reference_counter.last + 1 RETURNING last")) {
                ps.setString(1, series);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Reference(prefix, year, rs.getInt(1)).toString();
                }
            }
        });
    }

    /** Makes sure the series' counter is at least {@code number} (migrate: references already used are never handed out). */
    public void reserveUpTo(String prefix, int year, int number) {
        sql("reserve references", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO reference_counter (series, last) VALUES (?, ?) "
                    + "ON CONFLICT (series) DO UPDATE SET last = GREATEST(reference_counter.last, EXCLUDED.last)")) {
                ps.setString(1, prefix + "-" + year);
                ps.setInt(2, number);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void create(Memo memo) {
        String body = serialize(memo);
        sql("store " + memo.reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memo (reference, body, summary, state, finished) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (reference) DO NOTHING")) {
                bindRow(ps, memo, body);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalStateException("A memorandum " + memo.reference + " already exists");
                }
                return null;
            }
        });
    }

    @Override
    public Optional<Memo> find(String reference) {
        if (!Reference.isValid(reference)) {
            return Optional.empty();
        }
        return sql("read " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM memo WHERE reference = ?")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(reference, rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public <T> T update(String reference, Function<Memo, T> change) {
        if (!Reference.isValid(reference)) {
            throw new UnknownMemoException(reference);
        }
        return transaction("change " + reference, c -> {
            String before;
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM memo WHERE reference = ? FOR UPDATE")) {
                ps.setString(1, reference);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new UnknownMemoException(reference);
                    }
                    before = rs.getString(1);
                }
            }
            Memo memo = read(reference, before);
            String reread = serialize(memo);
            T result = change.apply(memo);
            String after = serialize(memo);
            if (!after.equals(reread)) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE memo SET body = ?, summary = ?, state = ?, finished = ?, "
                        + "updated_at = now() WHERE reference = ?")) {
                    ps.setString(1, after);
                    MemoSummary s = MemoSummary.of(memo);
                    ps.setString(2, s.toLine());
                    ps.setString(3, s.state().name());
                    ps.setBoolean(4, s.finished());
                    ps.setString(5, reference);
                    ps.executeUpdate();
                }
            }
            return result;
        });
    }

    @Override
    public void putFile(String reference, String name, byte[] bytes) {
        checkName(name);
        checkReference(reference);
        sql("store " + name + " of " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memo_file (reference, name, bytes) VALUES (?, ?, ?) "
                    + "ON CONFLICT (reference, name) DO UPDATE SET bytes = EXCLUDED.bytes")) {
                ps.setString(1, reference);
                ps.setString(2, name);
                ps.setBytes(3, bytes);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<byte[]> getFile(String reference, String name) {
        checkName(name);
        if (!Reference.isValid(reference)) {
            return Optional.empty();
        }
        return sql("read " + name + " of " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT bytes FROM memo_file WHERE reference = ? AND name = ?")) {
                ps.setString(1, reference);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** The names of a memorandum's files (migrate copies them). */
    public List<String> fileNames(String reference) {
        return sql("list the files of " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM memo_file WHERE reference = ? ORDER BY name")) {
                ps.setString(1, reference);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<ContentClaim> claimContent(String sha256, ContentClaim claim) {
        checkSha(sha256);
        return transaction("record the text's fingerprint", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO content_claim (sha256, reference, version, intake_key) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING")) {
                ps.setString(1, sha256);
                ps.setString(2, claim.reference());
                ps.setInt(3, claim.version());
                ps.setString(4, claim.intakeKey());
                if (ps.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            return readClaim(c, sha256);
        });
    }

    @Override
    public Optional<ContentClaim> findClaim(String sha256) {
        checkSha(sha256);
        return sql("read the text's fingerprint", c -> readClaim(c, sha256));
    }

    private static Optional<ContentClaim> readClaim(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT reference, version, intake_key FROM content_claim WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ContentClaim(rs.getString(1), rs.getInt(2), rs.getString(3))) : Optional.empty();
            }
        }
    }

    @Override
    public List<MemoSummary> list() {
        return sql("list the memoranda", c -> {
            List<MemoSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT summary FROM memo ORDER BY reference DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(MemoSummary.fromLine(rs.getString(1)));
                }
            }
            return out;
        });
    }

    @Override
    public List<String> unfinished() {
        return sql("list the unfinished memoranda", c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT reference FROM memo WHERE NOT finished ORDER BY reference");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public boolean leaseWork(String reference, String node, Duration ttl) {
        return sql("take the work of " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO work_lease (reference, node, expires_at) "
                    + "VALUES (?, ?, now() + ? * interval '1 millisecond') ON CONFLICT (reference) DO UPDATE "
                    + "SET node = EXCLUDED.node, expires_at = EXCLUDED.expires_at "
                    + "WHERE work_lease.node = EXCLUDED.node OR work_lease.expires_at < now()")) {
                ps.setString(1, reference);
                ps.setString(2, node);
                ps.setLong(3, ttl.toMillis());
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseWork(String reference, String node) {
        sql("give up the work of " + reference, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM work_lease WHERE reference = ? AND node = ?")) {
                ps.setString(1, reference);
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int renewWork(String node, Duration ttl) {
        return sql("renew the work leases of " + node, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE work_lease SET expires_at = now() + ? * interval '1 millisecond' "
                    + "WHERE node = ?")) {
                ps.setLong(1, ttl.toMillis());
                ps.setString(2, node);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public String describe() {
        return "PostgreSQL " + url;
    }

    /**
     * Makes a folder's files the same on every node, created once per cluster (the token secret,
     * the demonstration keys): under a cluster-wide lock, the files the database holds are written
     * to the folder (replacing a node's own), then {@code create} runs (it creates what is still
     * missing), then the folder's files the database does not hold yet are stored. The first node
     * to start makes them; every other node gets the same.
     */
    public void shareFolder(Path folder, Runnable create) {
        transaction("share the files of " + folder, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, SHARE_LOCK);
                ps.execute();
            }
            Set<String> held = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, bytes FROM cluster_file");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    held.add(name);
                    Path file = folder.resolve(name);
                    byte[] bytes = rs.getBytes(2);
                    if (!Files.isRegularFile(file) || !Arrays.equals(Files.readAllBytes(file), bytes)) {
                        AtomicFiles.write(file, bytes);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the cluster's shared files to " + folder + ": " + e.getMessage(), e);
            }
            create.run();
            try (var files = Files.list(folder);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO cluster_file (name, bytes) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (Files.isRegularFile(file) && !held.contains(name) && !name.endsWith(".tmp")) {
                        ps.setString(1, name);
                        ps.setBytes(2, Files.readAllBytes(file));
                        ps.executeUpdate();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the files of " + folder + " to share them: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** One statement's work on a pooled connection (autocommit). */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection in autocommit mode; an SQL error becomes an exception saying what failed. */
    public <T> T sql(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("Cannot " + what + " in the store " + url + ": " + e.getMessage()
                + " (SQL state " + e.getSQLState() + "). Check that PostgreSQL runs and is reachable.", e);
    }

    private static void bindRow(PreparedStatement ps, Memo memo, String body) throws SQLException {
        MemoSummary s = MemoSummary.of(memo);
        ps.setString(1, memo.reference);
        ps.setString(2, body);
        ps.setString(3, s.toLine());
        ps.setString(4, s.state().name());
        ps.setBoolean(5, s.finished());
    }

    private static String serialize(Memo memo) {
        try {
            return JSON.writeValueAsString(memo);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + memo.reference + ": " + e.getMessage(), e);
        }
    }

    private static Memo read(String reference, String body) {
        try {
            return JSON.readValue(body, Memo.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the memorandum " + reference + " from the store: " + e.getMessage()
                    + ". The row may be damaged; restore it from a backup of the database.", e);
        }
    }

    private static void checkReference(String reference) {
        if (!Reference.isValid(reference)) {
            throw new UnknownMemoException(String.valueOf(reference));
        }
    }

    private static void checkSha(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
    }

    private static void checkName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9.-]{0,60}")) {
            throw new IllegalArgumentException("Not a store file name: " + name);
        }
    }
}
