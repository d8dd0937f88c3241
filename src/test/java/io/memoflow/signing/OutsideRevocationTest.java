package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.testing.LoopbackTsa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Level LTA with an outside timestamp authority whose CA is not memoflow's: that CA's CRL comes
 * from the certificate's CRL address or from memoflow.keys.crl-files, is checked (issuer's key,
 * next update ahead) and lands in /DSS; without one the signing fails and says what to configure.
 */
class OutsideRevocationTest {

    @TempDir
    Path home;
    LoopbackTsa tsa;

    @BeforeEach
    void start() {
        tsa = new LoopbackTsa(LoopbackTsa.freePort()).start(0);
    }

    @AfterEach
    void stop() {
        tsa.close();
    }

    byte[] signLta(OutsideRevocation revocation) {
        SignedMemos m = SignedMemos.get();
        MemoSigner signer = new MemoSigner(m.keys, new StubRenderer(), SigningLevel.LTA,
                new HttpTsa(List.of(tsa.url()), null, null, Duration.ofSeconds(5)), revocation);
        return signer.sealAndSign(m.rendered, m.audit, m.memorandum, "DGSN", "en", Fixtures.T0.plusSeconds(240),
                Fixtures.parties(m.rendered));
    }

    static List<X509CRL> dssCrls(byte[] pdf) throws Exception {
        List<X509CRL> out = new ArrayList<>();
        try (var doc = Loader.loadPDF(pdf)) {
            COSArray crls = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"))
                    .getCOSArray(COSName.getPDFName("CRLs"));
            for (int i = 0; i < crls.size(); i++) {
                try (var in = ((COSStream) crls.getObject(i)).createInputStream()) {
                    out.add((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in));
                }
            }
        }
        return out;
    }

    @Test
    void theOutsideCasCrlIsFetchedFromItsAddressAndEmbeddedAndEverySignatureReachesLta() throws Exception {
        tsa.startCrl();
        byte[] pdf = signLta(OutsideRevocation.fromConfig(List.of(), 5000, home));
        assertThat(tsa.crlDownloads.get()).isPositive();
        assertThat(dssCrls(pdf)).extracting(c -> c.getIssuerX500Principal().getName())
                .anyMatch(n -> n.contains("loopback test CA")).anyMatch(n -> n.contains("memoflow demonstration CA"));
        VerificationReport r = PdfVerifier.verify(pdf, List.of(SignedMemos.get().keys.caCertificate(), tsa.ca));
        assertThat(r.exitStatus()).as(r.toText()).isZero();
        assertThat(r.signatures()).filteredOn(s -> !s.documentTimestamp()).hasSize(3).allSatisfy(s -> {
            assertThat(s.level()).isEqualTo("LTA");
            assertThat(s.timestampAuthority()).isEqualTo(LoopbackTsa.NAME);
        });
    }

    @Test
    void aCrlFileStandsInForAnUnreachableAddress() throws Exception {
        X509CRL crl = tsa.crl();
        Files.writeString(home.resolve("outside-ca.pem"), "-----BEGIN X509 CRL-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl.getEncoded())
                + "\n-----END X509 CRL-----\n", StandardCharsets.US_ASCII);
        byte[] pdf = signLta(OutsideRevocation.fromConfig(List.of("outside-ca.pem"), 2000, home));
        assertThat(tsa.crlDownloads.get()).isZero();
        assertThat(dssCrls(pdf)).contains(crl);
        VerificationReport r = PdfVerifier.verify(pdf, List.of(SignedMemos.get().keys.caCertificate(), tsa.ca));
        assertThat(r.exitStatus()).as(r.toText()).isZero();
    }

    @Test
    void withoutUsableRevocationDataTheSigningFailsNamingTheCertificateTheAddressAndWhatToConfigure() throws Exception {
        // the CRL address does not answer, and the only CRL file is of the same name but signed by another key
        try (LoopbackTsa impostor = new LoopbackTsa()) {
            Files.write(home.resolve("forged.crl"), impostor.crl().getEncoded());
        }
        assertThatThrownBy(() -> signLta(OutsideRevocation.fromConfig(List.of("forged.crl"), 2000, home)))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("No CRL for '" + LoopbackTsa.NAME + "'")
                .hasMessageContaining(tsa.crlUrl()).hasMessageContaining("does not verify")
                .hasMessageContaining("memoflow.keys.crl-files").hasMessageContaining("tried again later");
    }

    @Test
    void onlyHttpCrlAddressesAreEverFetched() throws Exception {
        assertThat(OutsideRevocation.distributionPoints(tsa.tsaCert)).containsExactly(tsa.crlUrl());
        assertThat(OutsideRevocation.distributionPoints(tsa.ca)).isEmpty();
        assertThatThrownBy(() -> OutsideRevocation.fromConfig(List.of("missing.crl"), 2000, home))
                .isInstanceOf(SigningException.class).hasMessageContaining("memoflow.keys.crl-files");
    }

    @Test
    void configuredKeysOfAnOutsideCaSignAtLtaWithThatCasCrlFromAFileAndFailWithoutIt() throws Exception {
        tsa.startCrl();
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair caKeys = g.generateKeyPair();
        java.time.Instant now = java.time.Instant.now();
        java.security.cert.X509Certificate orgCa = Certificates.selfSignedCa(Certificates.name("Ministry CA", "Ministry"), caKeys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
        java.util.Map<String, String> config = new java.util.HashMap<>();
        List<String[]> people = List.of(new String[] {"seal", "Ministry seal", ""},
                new String[] {"dg", "Abdellatif Hammouchi", "dg@dgsn.example.ma"}, new String[] {"mw", "Mikael Wern", "mw@politi.example.dk"});
        for (int i = 0; i < people.size(); i++) {
            String[] p = people.get(i);
            java.security.KeyPair pair = g.generateKeyPair();
            var cert = Certificates.issueSigner(Certificates.name(p[1], "Ministry"), pair.getPublic(), p[2], orgCa, caKeys.getPrivate(),
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
            Files.write(home.resolve(p[0] + ".p12"), KeyStores.pkcs12("key", pair.getPrivate(), List.of(cert, orgCa), "pw".toCharArray()));
            String prefix = i == 0 ? "memoflow.keys.seal" : "memoflow.keys.signatories." + i;
            config.put(prefix + ".file", p[0] + ".p12");
            config.put(prefix + ".password-env", "PW");
            if (i > 0) {
                config.put(prefix + ".email", p[2]);
            }
        }
        Files.createDirectories(home.resolve("data"));
        SigningKeys configured = SigningKeys.fromConfig(config::get, java.util.Map.of("PW", "pw")::get, home.resolve("data"));
        SignedMemos m = SignedMemos.get();
        HttpTsa outside = new HttpTsa(List.of(tsa.url()), null, null, Duration.ofSeconds(5));

        MemoSigner withoutCrl = new MemoSigner(configured, new StubRenderer(), SigningLevel.LTA, outside,
                OutsideRevocation.fromConfig(List.of(), 2000, home));
        assertThatThrownBy(() -> withoutCrl.sealAndSign(m.rendered, m.audit, m.memorandum, "Ministry", "en", Fixtures.T0.plusSeconds(240),
                Fixtures.parties(m.rendered))).isInstanceOf(SigningException.class).hasMessageContaining("No CRL for 'Ministry seal'")
                .hasMessageContaining("memoflow.keys.crl-files");

        X509CRL orgCrl = Certificates.emptyCrl(orgCa, caKeys.getPrivate(), now, now.plus(Duration.ofDays(7)));
        Files.write(home.resolve("ministry.crl"), orgCrl.getEncoded());
        MemoSigner signer = new MemoSigner(configured, new StubRenderer(), SigningLevel.LTA, outside,
                OutsideRevocation.fromConfig(List.of("ministry.crl"), 2000, home));
        byte[] pdf = signer.sealAndSign(m.rendered, m.audit, m.memorandum, "Ministry", "en", Fixtures.T0.plusSeconds(240),
                Fixtures.parties(m.rendered));
        assertThat(dssCrls(pdf)).contains(orgCrl).anyMatch(c -> c.getIssuerX500Principal().getName().contains("loopback test CA"));
        VerificationReport r = PdfVerifier.verify(pdf, List.of(orgCa, tsa.ca));
        assertThat(r.exitStatus()).as(r.toText()).isZero();
        assertThat(r.signatures()).filteredOn(s -> !s.documentTimestamp()).hasSize(3)
                .allSatisfy(s -> assertThat(s.level()).isEqualTo("LTA"));
    }
}
