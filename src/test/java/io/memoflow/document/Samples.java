package io.memoflow.document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-world samples, read in place (../shared/samples from the project's base directory). */
final class Samples {

    private Samples() {
    }

    static Path dir() {
        return io.memoflow.testing.TestHomes.samplesDir();
    }

    static String arabicSample() {
        Path file = dir().resolve("ar-news-security-cooperation.txt");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The Arabic sample " + file + " could not be read; the tests read the shared "
                    + "samples in place (../shared/samples, or -Dmemoflow.samples=DIR).", e);
        }
    }
}
