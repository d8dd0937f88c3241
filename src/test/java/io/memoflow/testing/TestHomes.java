package io.memoflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** Home folders for tests under target/test-homes, and small helpers to look into them. */
public final class TestHomes {

    private TestHomes() {
    }

    /** An empty home folder target/test-homes/NAME (deleted first if it exists). */
    public static Path fresh(String name) {
        Path home = Path.of("target", "test-homes", name).toAbsolutePath();
        delete(home);
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops a file into a folder the way a user would: written elsewhere, then moved in. */
    public static Path drop(Path folder, String name, String text) {
        return drop(folder, name, text.getBytes(StandardCharsets.UTF_8));
    }

    public static Path drop(Path folder, String name, byte[] bytes) {
        try {
            Path tmp = folder.resolve("." + name + ".writing.tmp");
            Files.write(tmp, bytes);
            return Files.move(tmp, folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> files(Path folder, String glob) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var s = Files.newDirectoryStream(folder, glob)) {
            List<Path> out = new java.util.ArrayList<>();
            s.forEach(out::add);
            out.sort(Comparator.naturalOrder());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the folder has at least {@code n} files matching the glob; returns them. */
    public static List<Path> await(Path folder, String glob, int n, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> files(folder, glob).size() >= n);
        return files(folder, glob);
    }
}
