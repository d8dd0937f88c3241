package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Demonstration keys made on first start, and PKCS#12 keystores from the configuration. */
class SigningKeysTest {

    @TempDir
    static Path home;
    private static DemoKeys demo;

    @BeforeAll
    static void firstStart() {
        demo = (DemoKeys) SigningKeys.fromConfig(key -> null, key -> null, home.resolve("data"));
    }

    @Test
    void withNoKeysConfiguredTheFirstStartMakesADemonstrationCaAndSealAndSaysSo() throws Exception {
        Path keys = home.resolve("data/keys");
        assertThat(demo.demonstration()).isTrue();
        assertThat(demo.description()).startsWith("DEMONSTRATION KEYS").contains("demo-ca.pem").doesNotContain(
                Files.readString(keys.resolve(DemoKeys.PASSWORD)).trim());
        assertThat(keys.resolve("demo-ca.p12")).isRegularFile();
        assertThat(keys.resolve("seal.p12")).isRegularFile();
        List<X509Certificate> pem = Certificates.readPem(keys.resolve("demo-ca.pem"));
        assertThat(pem).containsExactly(demo.caCertificate());
        assertThat(SigningKeys.demoCa(home.resolve("data"))).contains(demo.caCertificate());
        assertThat(demo.trustAnchors()).containsExactly(demo.caCertificate());
        assertThat(demo.seal().chain()).hasSize(2).last().isEqualTo(demo.caCertificate());
        assertThat(demo.seal().certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(Files.getPosixFilePermissions(keys.resolve("seal.p12")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aRestartLoadsTheSameKeysInsteadOfMakingNewOnes() {
        DemoKeys again = DemoKeys.open(home.resolve("data"));
        assertThat(again.caCertificate()).isEqualTo(demo.caCertificate());
        assertThat(again.seal().certificate()).isEqualTo(demo.seal().certificate());
    }

    @Test
    void theDemonstrationKeystoresOpenInOpensslWithFewKeyRoundsForTheirPasswordLiesBesideThem() throws Exception {
        Path keys = home.resolve("data/keys");
        for (String name : List.of("demo-ca.p12", "seal.p12", "tsa.p12")) {
            Process p = new ProcessBuilder("openssl", "pkcs12", "-in", keys.resolve(name).toString(), "-passin",
                    "file:" + keys.resolve(DemoKeys.PASSWORD), "-info", "-noout").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as("openssl pkcs12 on %s:%n%s", name, out).isZero();
            assertThat(out).as(name).contains("MAC: sha256, Iteration " + KeyStores.DEMO_ITERATIONS)
                    .contains("Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration " + KeyStores.DEMO_ITERATIONS + ", PRF hmacWithSHA256")
                    .contains("Certificate bag");
        }
    }

    @Test
    void signatoryKeysAreMadeOnDemandInFilesNamedByAHashOfTheAddress() throws Exception {
        String hostile = "../../etc/Passwd;$(rm)@evil.example";
        SigningIdentity id = demo.signatory(hostile, "Eve <script>");
        assertThat(id.commonName()).isEqualTo("Eve <script>");
        assertThat(Certificates.email(id.certificate())).isEqualTo(hostile.toLowerCase(java.util.Locale.ROOT));
        assertThat(id.chain().get(1)).isEqualTo(demo.caCertificate());
        try (Stream<Path> files = Files.list(home.resolve("data/keys"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains(DemoKeys.signatoryFileName(hostile));
            assertThat(names).allMatch(n -> n.matches("[a-z0-9.-]+"));
        }
        assertThat(DemoKeys.signatoryFileName(hostile)).matches("signatory-[0-9a-f]{32}\\.p12");
        assertThat(DemoKeys.signatoryFileName("MW@Politi.example.dk ")).isEqualTo(DemoKeys.signatoryFileName("mw@politi.example.dk"));
        // text that is no mailbox (here: white space) stays out of the certificate's subjectAltName
        assertThat(Certificates.email(demo.signatory("a b@evil.example", "A B").certificate())).isEmpty();
        // cached: the same identity, not a new key
        assertThat(demo.signatory(hostile.toUpperCase(java.util.Locale.ROOT), "Eve <script>")).isSameAs(id);
        // and kept on disk: a restart signs with the same key
        assertThat(DemoKeys.open(home.resolve("data")).signatory(hostile, "Eve <script>").certificate()).isEqualTo(id.certificate());
    }

    @Test
    void aSignatoryWithoutAnAddressCannotHaveADemonstrationKey() {
        assertThatThrownBy(() -> demo.signatory(" ", "Nobody")).isInstanceOf(SigningException.class)
                .hasMessageContaining("e-mail address");
    }

    @Test
    void configuredKeystoresAreLoadedWithPasswordsFromTheEnvironmentOrAFile() throws Exception {
        Path dir = Files.createDirectories(home.resolve("configured"));
        writeKeystore(dir.resolve("seal.p12"), "Ministry seal", "", "seal-secret", "RSA");
        writeKeystore(dir.resolve("dg.p12"), "Abdellatif Hammouchi", "dg@dgsn.example.ma", "dg-secret", "EC");
        Files.writeString(dir.resolve("dg.password"), "dg-secret\n", StandardCharsets.UTF_8);
        Map<String, String> config = new HashMap<>();
        config.put("memoflow.keys.seal.file", "configured/seal.p12");
        config.put("memoflow.keys.seal.password-env", "MEMOFLOW_SEAL_PASSWORD");
        config.put("memoflow.keys.signatories.1.email", "DG@dgsn.example.ma");
        config.put("memoflow.keys.signatories.1.file", "configured/dg.p12");
        config.put("memoflow.keys.signatories.1.password-file", "configured/dg.password");
        SigningKeys keys = SigningKeys.fromConfig(config::get, Map.of("MEMOFLOW_SEAL_PASSWORD", "seal-secret")::get,
                home.resolve("data"));
        assertThat(keys.demonstration()).isFalse();
        assertThat(keys.seal().commonName()).isEqualTo("Ministry seal");
        assertThat(keys.signatory("dg@DGSN.example.ma", "ignored").commonName()).isEqualTo("Abdellatif Hammouchi");
        assertThat(keys.trustAnchors()).containsExactly(demo.caCertificate());
        assertThat(keys.description()).doesNotContain("secret");
        assertThatThrownBy(() -> keys.signatory("someone@else.example", "Someone")).isInstanceOf(SigningException.class)
                .hasMessageContaining("No signing key is configured for signatory 'someone@else.example'")
                .hasMessageContaining("memoflow.keys.signatories.N.email");

        // an RSA seal signs too, and its signatures verify
        MemoSigner signer = new MemoSigner(keys, new StubRenderer());
        SignedMemos memos = SignedMemos.get();
        byte[] pdf = signer.certify(memos.rendered.pdf(), memos.audit, memos.memorandum, "Ministry", Fixtures.T0.plusSeconds(240),
                List.of());
        VerificationReport r = PdfVerifier.verify(pdf, keys.trustAnchors());
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signer()).isEqualTo("Ministry seal");
            assertThat(s.valid()).as(r.toText()).isTrue();
        });
    }

    @Test
    void aWrongOrMissingPasswordIsReportedWithoutRevealingIt() throws Exception {
        Path dir = Files.createDirectories(home.resolve("wrong"));
        writeKeystore(dir.resolve("seal.p12"), "Seal", "", "right-password", "EC");
        Map<String, String> config = Map.of("memoflow.keys.seal.file", "wrong/seal.p12",
                "memoflow.keys.seal.password-env", "SEAL_PW");
        assertThatThrownBy(() -> SigningKeys.fromConfig(config::get, Map.of("SEAL_PW", "guessed-password")::get, home.resolve("data")))
                .isInstanceOf(SigningException.class).hasMessageContaining("wrong password")
                .hasMessageNotContaining("guessed-password").hasMessageNotContaining("right-password");
        assertThatThrownBy(() -> SigningKeys.fromConfig(config::get, key -> null, home.resolve("data")))
                .isInstanceOf(SigningException.class).hasMessageContaining("environment variable SEAL_PW");
        Map<String, String> noPassword = Map.of("memoflow.keys.seal.file", "wrong/seal.p12");
        assertThatThrownBy(() -> SigningKeys.fromConfig(noPassword::get, key -> null, home.resolve("data")))
                .isInstanceOf(SigningException.class).hasMessageContaining("memoflow.keys.seal.password-env");
        Map<String, String> missing = Map.of("memoflow.keys.seal.file", "wrong/nothing.p12", "memoflow.keys.seal.password-env", "SEAL_PW");
        assertThatThrownBy(() -> SigningKeys.fromConfig(missing::get, Map.of("SEAL_PW", "x")::get, home.resolve("data")))
                .isInstanceOf(SigningException.class).hasMessageContaining("does not exist");
    }

    /** A keystore holding a key and a certificate issued by the demonstration CA. */
    private static void writeKeystore(Path file, String cn, String email, String password, String algorithm) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize("RSA".equals(algorithm) ? 2048 : 256);
        KeyPair pair = g.generateKeyPair();
        char[] caPw = KeyStores.passwordFromFile(home.resolve("data/keys").resolve(DemoKeys.PASSWORD), "test");
        SigningIdentity ca = KeyStores.load(home.resolve("data/keys").resolve(DemoKeys.CA_P12), caPw, null, "CA");
        Instant now = Instant.now();
        X509Certificate cert = Certificates.issueSigner(Certificates.name(cn, "Test"), pair.getPublic(), email, ca.certificate(),
                ca.privateKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        Files.write(file, KeyStores.pkcs12("key", pair.getPrivate(), List.of(cert, ca.certificate()), password.toCharArray()));
    }
}
