package io.memoflow.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.audit.AuditLog;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Reference;
import io.memoflow.store.MemoStore.ContentClaim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Copies a file store ({@code data/}) into a PostgreSQL store, for {@code memoflow migrate}:
 * every memorandum with its files, every content claim, and the reference counters (so that no
 * reference is handed out again). Idempotent: what the target holds already is left as it is,
 * so a run can be repeated after an interruption. After copying, every memorandum's audit chain
 * is verified as the target holds it.
 */
public final class StoreMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did. */
    public record Report(int memoranda, int memorandaThere, int files, int claims, int chainsVerified, List<String> brokenChains) {

        public String toText() {
            return "memoranda copied: " + memoranda + " (already there: " + memorandaThere + "), files copied: " + files
                    + ", content claims copied: " + claims + ", audit chains verified: " + chainsVerified
                    + (brokenChains.isEmpty() ? "" : ", BROKEN: " + String.join("; ", brokenChains));
        }
    }

    private StoreMigration() {
    }

    /** Copies the file store in {@code dataFolder} into {@code target} and verifies every audit chain there. */
    public static Report copy(Path dataFolder, PostgresMemoStore target) {
        FileMemoStore source = new FileMemoStore(dataFolder);
        Path memos = dataFolder.resolve("memos");
        int copied = 0;
        int there = 0;
        int files = 0;
        Map<String, Integer> highest = new HashMap<>();
        List<String> references = new ArrayList<>();
        try (var dirs = Files.list(memos)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                Optional<Reference> ref = Reference.parse(dir.getFileName().toString());
                if (ref.isEmpty()) {
                    continue;
                }
                String reference = ref.get().toString();
                highest.merge(ref.get().prefix() + "\t" + ref.get().year(), ref.get().number(), Math::max);
                Optional<Memo> memo = source.find(reference);
                if (memo.isEmpty()) {
                    continue; // reserved, never used (a crash between reserving and storing)
                }
                references.add(reference);
                List<String> held = target.fileNames(reference);
                try (var inside = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) inside::iterator) {
                        String name = file.getFileName().toString();
                        if (!name.equals("memo.json") && !held.contains(name) && Files.isRegularFile(file)
                                && name.matches("[a-z0-9][a-z0-9.-]{0,60}") && !name.endsWith(".tmp")) {
                            target.putFile(reference, name, Files.readAllBytes(file));
                            files++;
                        }
                    }
                }
                if (target.find(reference).isPresent()) {
                    there++;
                } else {
                    target.create(memo.get()); // files first: a memorandum in the target always has its files
                    copied++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the file store in " + dataFolder + ": " + e.getMessage(), e);
        }
        highest.forEach((series, number) -> {
            String[] parts = series.split("\t");
            target.reserveUpTo(parts[0], Integer.parseInt(parts[1]), number);
        });
        int claims = 0;
        Path content = dataFolder.resolve("content");
        if (Files.isDirectory(content)) {
            try (var shas = Files.list(content)) {
                for (Path file : (Iterable<Path>) shas::iterator) {
                    String sha = file.getFileName().toString();
                    if (sha.matches("[0-9a-f]{64}")) {
                        ContentClaim claim = JSON.readValue(Files.readAllBytes(file), ContentClaim.class);
                        if (target.claimContent(sha, claim).isEmpty()) {
                            claims++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the content claims in " + content + ": " + e.getMessage(), e);
            }
        }
        int verified = 0;
        List<String> broken = new ArrayList<>();
        for (String reference : references) {
            Memo copy = target.find(reference).orElseThrow(() -> new IllegalStateException(reference + " was not copied"));
            List<String> problems = AuditLog.verify(copy.audit);
            if (problems.isEmpty()) {
                verified++;
            } else {
                broken.add(reference + ": " + String.join(", ", problems));
            }
        }
        return new Report(copied, there, files, claims, verified, broken);
    }
}
