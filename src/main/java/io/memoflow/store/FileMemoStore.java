package io.memoflow.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Reference;
import io.memoflow.memo.UnknownMemoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The store as files under {@code data/}:
 * <pre>
 * data/memos/REF/memo.json      the memorandum (every write atomic: temporary file, fsync, rename)
 * data/memos/REF/v1.md ...      each version's text, and cached PDFs
 * data/content/SHA256           which memorandum version a text belongs to (created atomically)
 * data/index.tsv                one summary line per change, for a fast status; rebuilt from
 *                               the memo files on start after an unclean stop
 * </pre>
 * A reference is reserved by creating its folder (atomic), so it is never handed out twice.
 * One daemon per home folder (the daemon holds {@code data/daemon.lock}); within it, each
 * memorandum has its own lock.
 */
public final class FileMemoStore implements MemoStore {

    private final Path memos;
    private final Path content;
    private final Path index;
    /** Present while no daemon runs on the store and the last one stopped cleanly: the index can then be trusted. */
    private final Path cleanStop;
    /** Loaded on first use, so that listing the store (memoflow status) starts fast. */
    private static final class Json {
        // enums are read case-insensitively: files written before work kinds became an enum say "mail" and "sign"
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final Object indexLock = new Object();
    private volatile int indexLines;
    private volatile int indexMemos;
    /** The index as last read: the periodic sweep and status read it again only when it changed. */
    private IndexRead indexRead;

    public FileMemoStore(Path dataDir) {
        this.cleanStop = dataDir.resolve("clean-stop");
        this.memos = dataDir.resolve("memos");
        this.content = dataDir.resolve("content");
        this.index = dataDir.resolve("index.tsv");
        try {
            AtomicFiles.createFolders(memos);
            AtomicFiles.createFolders(content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store folders in " + dataDir + ": " + e.getMessage()
                    + ". Check that the home folder is writable.", e);
        }
    }

    /**
     * The daemon starts on the store: when the last stop was not clean (or this is the first
     * start), a change may be in a memo file but not yet in the index, so the index is rebuilt
     * from the memo files. Returns the number of memoranda indexed then, or -1 when the index
     * could be trusted.
     */
    @Override
    public int open() {
        boolean clean;
        try {
            clean = Files.deleteIfExists(cleanStop);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + cleanStop + ": " + e.getMessage() + ". Check that data/ is writable.", e);
        }
        if (clean && Files.exists(index) && readIndex().size() == memoFiles()) {
            return -1;
        }
        return rebuildIndex(); // unclean stop, or an index that was removed or lost lines (a backup restored without it)
    }

    /** The daemon stops cleanly: the index is compacted and marked as trustworthy for the next start. */
    @Override
    public void close() {
        compactIndex();
        AtomicFiles.write(cleanStop, new byte[0]);
    }

    /** Periodic housekeeping: compacts the index when superseded lines outnumber the memoranda. */
    @Override
    public void maintain() {
        compactIfLarge();
    }

    @Override
    public String allocateReference(String prefix, int year) {
        String key = prefix + "-" + year;
        AtomicInteger counter = counters.computeIfAbsent(key, k -> new AtomicInteger(highestNumber(prefix, year)));
        while (true) {
            String ref = new Reference(prefix, year, counter.incrementAndGet()).toString();
            try {
                AtomicFiles.createFolder(memos.resolve(ref));
                return ref;
            } catch (FileAlreadyExistsException e) {
                // taken (by an earlier run or a crashed reservation): try the next number
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot reserve reference " + ref + " in " + memos + ": " + e.getMessage(), e);
            }
        }
    }

    private int highestNumber(String prefix, int year) {
        int max = 0;
        try (var dirs = Files.list(memos)) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                Optional<Reference> ref = Reference.parse(p.getFileName().toString());
                if (ref.isPresent() && ref.get().inSeries(prefix, year)) {
                    max = Math.max(max, ref.get().number());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + memos + ": " + e.getMessage(), e);
        }
        return max;
    }

    @Override
    public void create(Memo memo) {
        ReentrantLock lock = lockFor(memo.reference);
        lock.lock();
        try {
            Path dir = memoDir(memo.reference);
            AtomicFiles.createFolders(dir);
            if (Files.exists(dir.resolve("memo.json"))) {
                throw new IllegalStateException("A memorandum " + memo.reference + " already exists");
            }
            write(memo);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + memo.reference + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Memo> find(String reference) {
        if (!validReference(reference)) {
            return Optional.empty();
        }
        Path file = memoDir(reference).resolve("memo.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(read(file));
    }

    @Override
    public <T> T update(String reference, Function<Memo, T> change) {
        if (!validReference(reference)) {
            throw new UnknownMemoException(reference);
        }
        ReentrantLock lock = lockFor(reference);
        lock.lock();
        try {
            Path file = memoDir(reference).resolve("memo.json");
            if (!Files.exists(file)) {
                throw new UnknownMemoException(reference);
            }
            // the file's bytes are what the memorandum serialises to (the store wrote them), so the change is
            // serialised once and compared with them; a file in an older form is rewritten once in the current one
            byte[] before = readBytes(file);
            Memo memo = parse(file, before);
            T result = change.apply(memo);
            byte[] after = serialize(memo);
            if (!Arrays.equals(before, after)) {
                writeSerialized(memo, after);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void putFile(String reference, String name, byte[] bytes) {
        checkName(name);
        try {
            Path dir = memoDir(reference);
            AtomicFiles.createFolders(dir);
            AtomicFiles.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + name + " of " + reference + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> getFile(String reference, String name) {
        checkName(name);
        if (!validReference(reference)) {
            return Optional.empty();
        }
        Path p = memoDir(reference).resolve(name);
        try {
            return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name + " of " + reference + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ContentClaim> claimContent(String sha256, ContentClaim claim) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        Path p = content.resolve(sha256);
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(claim);
            if (AtomicFiles.create(p, bytes)) {
                return Optional.empty();
            }
            return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(p), ContentClaim.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record the text's fingerprint in " + content + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ContentClaim> findClaim(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256: " + sha256);
        }
        Path p = content.resolve(sha256);
        try {
            return Files.exists(p) ? Optional.of(Json.MAPPER.readValue(Files.readAllBytes(p), ContentClaim.class)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the text's fingerprint in " + content + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<MemoSummary> list() {
        Map<String, MemoSummary> latest = readIndex();
        List<MemoSummary> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparing(MemoSummary::reference).reversed());
        return out;
    }

    @Override
    public List<String> unfinished() {
        List<String> out = new ArrayList<>();
        for (MemoSummary s : readIndex().values()) {
            if (!s.finished()) {
                out.add(s.reference());
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * Rebuilds {@code index.tsv} from the memo files: after an unclean stop, a change may be in
     * a memo file but not yet in the index. Returns the number of memoranda indexed.
     */
    public int rebuildIndex() {
        return rebuildIndex(true);
    }

    /** @param removeStrays also removes temporary files a crash left (only when nothing else writes: on start) */
    private int rebuildIndex(boolean removeStrays) {
        List<String> lines = new ArrayList<>();
        try (var dirs = Files.list(memos)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (removeStrays) {
                    AtomicFiles.removeStrayTemporaries(dir);
                }
                Path file = dir.resolve("memo.json");
                if (Files.exists(file)) {
                    lines.add(MemoSummary.of(read(file)).toLine());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rebuild the store index from " + memos + ": " + e.getMessage(), e);
        }
        if (removeStrays) {
            AtomicFiles.removeStrayTemporaries(content);
        }
        synchronized (indexLock) {
            AtomicFiles.write(index, (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        }
        return lines.size();
    }

    /** How many memoranda the memo files hold. */
    private int memoFiles() {
        int n = 0;
        try (var dirs = Files.list(memos)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (Files.exists(dir.resolve("memo.json"))) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + memos + ": " + e.getMessage(), e);
        }
        return n;
    }

    /** Rewrites the index with one line per memorandum (the latest), dropping superseded lines. */
    public void compactIndex() {
        synchronized (indexLock) {
            Map<String, MemoSummary> latest = readIndex();
            StringBuilder sb = new StringBuilder();
            for (MemoSummary s : latest.values()) {
                sb.append(s.toLine()).append('\n');
            }
            AtomicFiles.write(index, sb.toString().getBytes(StandardCharsets.UTF_8));
            indexLines = latest.size();
        }
    }

    /** Compacts the index when superseded lines outnumber the memoranda (called by the periodic sweep). */
    public boolean compactIfLarge() {
        if (indexLines > 1000 && indexLines > 3 * Math.max(1, indexMemos)) {
            compactIndex();
            return true;
        }
        return false;
    }

    private Map<String, MemoSummary> readIndex() {
        Map<String, MemoSummary> latest = new LinkedHashMap<>();
        int count = 0;
        if (!Files.exists(index)) {
            // no index yet (the daemon writes it): read the memo files themselves, changing nothing
            try (var dirs = Files.list(memos)) {
                for (Path dir : (Iterable<Path>) dirs::iterator) {
                    Path file = dir.resolve("memo.json");
                    if (Files.exists(file)) {
                        MemoSummary s = MemoSummary.of(read(file));
                        latest.put(s.reference(), s);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + memos + ": " + e.getMessage(), e);
            }
            return latest;
        }
        BasicFileAttributes seen;
        try {
            seen = Files.readAttributes(index, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store index " + index + ": " + e.getMessage(), e);
        }
        synchronized (indexLock) {
            if (indexRead != null && indexRead.sameAs(seen)) {
                return new LinkedHashMap<>(indexRead.latest());
            }
        }
        try {
            byte[] bytes = Files.readAllBytes(index);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--; // a last line without its line end is being appended (by the daemon, while status reads): not yet
            }
            // decoded leniently: a line torn by a crash is skipped below, it does not stop the reading
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                MemoSummary s = MemoSummary.fromLine(line);
                if (s != null) { // a line torn by a crash is skipped: the memo files are the truth and rebuildIndex() restores it
                    latest.put(s.reference(), s);
                }
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the store index " + index + ": " + e.getMessage(), e);
        }
        indexLines = count;
        indexMemos = latest.size();
        synchronized (indexLock) {
            // what was read is at least what the file held when looked at: kept until the file changes (every change
            // appends to it or replaces it, so its size, time or identity then differ)
            indexRead = new IndexRead(seen.size(), seen.lastModifiedTime(), seen.fileKey(), new LinkedHashMap<>(latest));
        }
        return latest;
    }

    /** The index as last read, and the file's size, time and identity looked at just before reading it. */
    private record IndexRead(long size, FileTime modified, Object fileKey, Map<String, MemoSummary> latest) {
        boolean sameAs(BasicFileAttributes a) {
            return fileKey != null && a.size() == size && a.lastModifiedTime().equals(modified) && fileKey.equals(a.fileKey());
        }
    }

    private void write(Memo memo) {
        writeSerialized(memo, serialize(memo));
    }

    private void writeSerialized(Memo memo, byte[] serialized) {
        AtomicFiles.write(memoDir(memo.reference).resolve("memo.json"), serialized);
        appendIndex(memo);
    }

    private void appendIndex(Memo memo) {
        try {
            byte[] line = (MemoSummary.of(memo).toLine() + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (indexLock) {
                if (!Files.exists(index)) {
                    // the index was removed while memoflow ran: rebuilt from the memo files (this one's included)
                    rebuildIndex(false);
                    return;
                }
                try (FileChannel ch = FileChannel.open(index, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND), AtomicFiles.fileAttributes())) {
                    ByteBuffer buf = ByteBuffer.wrap(line);
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot update the store index " + index + ": " + e.getMessage(), e);
        }
    }

    private byte[] serialize(Memo memo) {
        try {
            return Json.MAPPER.writeValueAsBytes(memo);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + memo.reference + ": " + e.getMessage(), e);
        }
    }

    private Memo read(Path file) {
        return parse(file, readBytes(file));
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage()
                    + ". The file may be damaged; restore it from a backup of data/.", e);
        }
    }

    private static Memo parse(Path file, byte[] bytes) {
        try {
            return Json.MAPPER.readValue(bytes, Memo.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage()
                    + ". The file may be damaged; restore it from a backup of data/.", e);
        }
    }

    private Path memoDir(String reference) {
        if (!validReference(reference)) {
            throw new UnknownMemoException(String.valueOf(reference));
        }
        return memos.resolve(reference);
    }

    private ReentrantLock lockFor(String reference) {
        return locks.computeIfAbsent(reference, r -> new ReentrantLock());
    }

    /** References are the only names from outside that reach a path, so they are checked strictly. */
    private static boolean validReference(String reference) {
        return Reference.isValid(reference);
    }

    private static void checkName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9.-]{0,60}")) {
            throw new IllegalArgumentException("Not a store file name: " + name);
        }
    }
}
