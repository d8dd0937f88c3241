package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** poppler's pdfsig accepts every signature of a signed memorandum. */
class PdfsigTest {

    private static final List<Path> NSS_PEM_MODULE = List.of(Path.of("/usr/lib/x86_64-linux-gnu/nss/libnsspem.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/nss/libnsspem.so"), Path.of("/usr/lib64/nss/libnsspem.so"));

    @Test
    void pdfsigFindsThreeValidSignaturesAndTheLastCoversTheWholeDocument() {
        SignedMemos memos = SignedMemos.get();
        String output = Poppler.run("pdfsig", memos.write("signed.pdf", memos.signed).toString());
        List<Map<String, String>> sigs = Poppler.pdfsig(output);
        assertThat(sigs).as(output).hasSize(3);
        assertThat(sigs).extracting(s -> s.get("Signature Field Name")).containsExactly("memoflow-seal", "party-1", "party-2");
        assertThat(sigs).extracting(s -> s.get("Signer Certificate Common Name"))
                .containsExactly("memoflow demonstration seal", "Abdellatif Hammouchi", "Mikael Wern");
        for (Map<String, String> s : sigs) {
            assertThat(s.get("Signature Validation")).as(output).isEqualTo("Signature is Valid.");
            assertThat(s.get("Signature Type")).isEqualTo("ETSI.CAdES.detached");
            assertThat(s.get("Signing Hash Algorithm")).isEqualTo("SHA-256");
            // without an NSS database that trusts the demonstration CA, pdfsig cannot trust it
            assertThat(s.get("Certificate Validation")).isIn("Certificate issuer isn't Trusted.", "Certificate is Trusted.");
        }
        assertThat(sigs.get(0)).containsKey("Not total document signed");
        assertThat(sigs.get(1)).containsKey("Not total document signed");
        assertThat(sigs.get(2)).containsKey("Total document signed");
    }

    @Test
    void pdfsigTrustsTheSignaturesWhenItsNssDatabaseTrustsTheDemoCa(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path module = NSS_PEM_MODULE.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        assumeTrue(module != null, "the NSS PEM module (nss-plugin-pem) is not installed");
        SignedMemos memos = SignedMemos.get();
        Path db = tmp.resolve("nssdb");
        Files.createDirectories(db);
        createEmptyNssDatabase(db, module.getParent().getParent());
        Path ca = memos.dataDir.resolve("keys").resolve(DemoKeys.CA_PEM);
        // the PEM module loads the CA certificate as a trusted root (as curl's NSS build does for CA bundles)
        Files.writeString(db.resolve("pkcs11.txt"), "\nlibrary=" + module + "\nname=memoflow demo CA\nparameters=\"" + ca
                + "\"\nNSS=trustOrder=10\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        String output = Poppler.run("pdfsig", "-nssdir", "sql:" + db, memos.write("signed-nss.pdf", memos.signed).toString());
        List<Map<String, String>> sigs = Poppler.pdfsig(output);
        assertThat(sigs).as(output).hasSize(3);
        for (Map<String, String> s : sigs) {
            assertThat(s.get("Signature Validation")).as(output).isEqualTo("Signature is Valid.");
            assertThat(s.get("Certificate Validation")).as(output).isEqualTo("Certificate is Trusted.");
        }
    }

    /** Lets NSS (through the JDK's PKCS#11 provider, not registered) create an empty sql: database. */
    private static void createEmptyNssDatabase(Path db, Path libDir) throws Exception {
        Path cfg = db.getParent().resolve("nss.cfg");
        Files.writeString(cfg, "name = memoflowTestNss\nnssLibraryDirectory = " + libDir + "\nnssSecmodDirectory = sql:" + db
                + "\nnssDbMode = readWrite\nnssModule = keystore\n");
        Provider base = Security.getProvider("SunPKCS11");
        assumeTrue(base != null, "this JDK has no SunPKCS11 provider");
        try {
            base.configure(cfg.toString());
        } catch (RuntimeException e) {
            assumeTrue(false, "NSS could not create a database: " + e.getMessage());
        }
        assumeTrue(Files.isRegularFile(db.resolve("cert9.db")) && Files.isRegularFile(db.resolve("pkcs11.txt")),
                "NSS did not create cert9.db and pkcs11.txt");
    }
}
