package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demonstration CA publishes where its revocation data is: every certificate it newly issues
 * (seal, timestamp authority, signatories) names http://memoflow.invalid/demo-ca.crl as its CRL
 * distribution point; certificates already in a key folder are kept as they are.
 */
class DemoCrlAddressTest {

    @TempDir
    Path data;

    @Test
    void newDemonstrationCertificatesNameTheDemoCasCrlAddress() {
        DemoKeys keys = DemoKeys.open(data);
        List<X509Certificate> issued = List.of(keys.seal().certificate(), KeyStores.load(data.resolve("keys").resolve(DemoKeys.TSA_P12),
                        KeyStores.passwordFromFile(data.resolve("keys").resolve(DemoKeys.PASSWORD), "test"), null, "TSA").certificate(),
                keys.signatory("dg@dgsn.example.ma", "Abdellatif Hammouchi").certificate());
        assertThat(issued).allSatisfy(c -> assertThat(OutsideRevocation.distributionPoints(c))
                .containsExactly("http://memoflow.invalid/demo-ca.crl"));
        assertThat(OutsideRevocation.distributionPoints(keys.caCertificate())).isEmpty();
        // the CRL memoflow makes for them is the CA's, verified by its key
        var crl = keys.crls(issued, Instant.now()).get(0);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(keys.caCertificate().getSubjectX500Principal());
    }

    @Test
    void certificatesAlreadyInTheKeyFolderAreKeptWithoutTheAddress() throws Exception {
        DemoKeys.open(data);
        Path dir = data.resolve("keys");
        char[] pw = KeyStores.passwordFromFile(dir.resolve(DemoKeys.PASSWORD), "test");
        SigningIdentity ca = KeyStores.load(dir.resolve(DemoKeys.CA_P12), pw, null, "CA");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        KeyPair pair = g.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate old = Certificates.issueSigner(Certificates.name(DemoKeys.SEAL_NAME, DemoKeys.ORGANISATION), pair.getPublic(),
                "", ca.certificate(), ca.privateKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
        Files.write(dir.resolve(DemoKeys.SEAL_P12), KeyStores.pkcs12("key", pair.getPrivate(), List.of(old, ca.certificate()), pw));

        DemoKeys reopened = DemoKeys.open(data);
        assertThat(reopened.seal().certificate()).isEqualTo(old);
        assertThat(OutsideRevocation.distributionPoints(reopened.seal().certificate())).isEmpty();
    }
}
