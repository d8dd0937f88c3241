package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code memoflow verify} trusts only what it is told to: the CA files given with --trust and the
 * demonstration CA of a home folder given with --home, never the data/keys/demo-ca.pem of
 * whatever folder it happens to run in.
 */
class VerifyCommandTrustTest {

    @TempDir
    static Path someonesHome;
    static Path pdf;
    static Path ca;

    /** A sealed memorandum (auto workflow) made in someone's home folder, which holds its demonstration CA. */
    @BeforeAll
    static void signedMemorandum() throws Exception {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(someonesHome, Map.of("memoflow.workflow.default", "auto")), AdjustableClock.system());
        byte[] draft = "---\ntitle: Memorandum\nlanguage: en\n---\n\nThe text.\n".getBytes(StandardCharsets.UTF_8);
        String ref = m.service().submit(draft, "memo.md", new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
        pdf = Files.write(someonesHome.resolve(ref + ".pdf"), m.documents().sign(m.service().memo(ref)));
        ca = someonesHome.resolve("data/keys/demo-ca.pem");
        assertThat(ca).isRegularFile();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run verify(String... args) {
        VerifyCommand command = new VerifyCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        command.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(command).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runInAFolderHoldingSomeonesDemoCaWithoutOptionsNothingIsTrusted() {
        String before = System.getProperty("user.dir");
        System.setProperty("user.dir", someonesHome.toString()); // where the command used to look for data/keys/demo-ca.pem
        try {
            Run r = verify(pdf.toString());
            assertThat(r.exit()).as(r.out()).isEqualTo(3);
            assertThat(r.out()).startsWith("NOT VALID: 1 signature")
                    .contains("Trust:        not trusted: no trust anchor given (use --trust CA.pem or --home DIR)")
                    .contains("digest:       matches the signed bytes").contains("signature:    verifies")
                    .contains("certificate:  NOT TRUSTED (no trust anchor given)");
        } finally {
            System.setProperty("user.dir", before);
        }
    }

    @Test
    void withHomeTheHomeFoldersDemoCaIsTrustedAndItsFingerprintPrinted() throws Exception {
        Run r = verify("--home", someonesHome.toString(), pdf.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("VALID: 1 signature")
                .contains("Trust:        memoflow demonstration CA, SHA-256 " + fingerprint(ca));
    }

    @Test
    void withTrustTheGivenCaIsTrustedAndItsFingerprintPrinted() throws Exception {
        Run r = verify("--trust", ca.toString(), pdf.toString());
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("VALID: 1 signature")
                .contains("Trust:        memoflow demonstration CA, SHA-256 " + fingerprint(ca))
                .contains("certificate:  trusted");
        Run json = verify("--trust", ca.toString(), "--json", pdf.toString());
        assertThat(json.out()).contains("\"sha256\" : \"" + fingerprint(ca) + "\"").contains("\"trusted\" : true");
    }

    @Test
    void aHomeWithoutADemoCaSaysToGiveTheCaWithTrust() throws Exception {
        Path empty = Files.createDirectories(someonesHome.resolve("empty-home"));
        Run r = verify("--home", empty.toString(), pdf.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("has no demonstration CA (data/keys/demo-ca.pem); give the CA that issued the signers'"
                + " certificates with --trust CA.pem.");
    }

    /** The fingerprint as openssl x509 -noout -fingerprint -sha256 prints it, worked out here independently. */
    private static String fingerprint(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }
    }
}
