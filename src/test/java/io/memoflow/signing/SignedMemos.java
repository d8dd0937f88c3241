package io.memoflow.signing;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.RenderedMemo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One set of demonstration keys and one signed memorandum for the whole test run (key and PDF
 * generation are the slow part); tests that tamper with the PDF copy its bytes.
 */
final class SignedMemos {

    private static final java.util.Map<SigningLevel, SignedMemos> SHARED = new java.util.EnumMap<>(SigningLevel.class);

    final Path dataDir;
    final DemoKeys keys;
    final MemoSigner signer;
    final byte[] memorandum = Fixtures.memorandum();
    final AuditLog audit = Fixtures.audit(memorandum);
    final RenderedMemo rendered = Fixtures.rendered(audit);
    final byte[] signed;

    private SignedMemos(Path dataDir, SigningLevel level) {
        this.dataDir = dataDir;
        this.keys = DemoKeys.open(dataDir);
        this.signer = new MemoSigner(keys, new StubRenderer(), level);
        this.signed = sign(audit, memorandum);
    }

    /** The memorandum signed at level B (the signatures alone). */
    static SignedMemos get() {
        return get(SigningLevel.B);
    }

    /** The memorandum signed at the given level, with keys of its own. */
    static synchronized SignedMemos get(SigningLevel level) {
        return SHARED.computeIfAbsent(level, l -> {
            try {
                Path dir = Files.createTempDirectory("memoflow-signing-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
                return new SignedMemos(dir.resolve("data"), l);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Seals and signs the rendered memorandum with the given (possibly altered) log and text embedded. */
    byte[] sign(AuditLog embeddedLog, byte[] embeddedText) {
        return signer.sealAndSign(rendered, embeddedLog, embeddedText, "Directorate General of National Security", "en",
                Fixtures.T0.plusSeconds(240), Fixtures.parties(rendered));
    }

    List<X509Certificate> trusted() {
        return List.of(keys.caCertificate());
    }

    /** Writes bytes to a new file in the test folder (for poppler). */
    Path write(String name, byte[] pdf) {
        try {
            Path dir = dataDir.getParent().resolve("out");
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.write(file, pdf, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
