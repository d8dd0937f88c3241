package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import io.memoflow.testing.LoopbackTsa;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * memoflow.tsa.url: an outside RFC 3161 authority on loopback, not memoflow's (its own CA and key,
 * BouncyCastle's generator behind a small HTTP server), gives the signature-time-stamps; URLs are
 * tried in order; when none answers, signing fails and says why, with nothing downgraded.
 */
class ExternalTsaTest {

    static final String NAME = LoopbackTsa.NAME;
    LoopbackTsa tsa;
    X509Certificate ca;
    List<String> authorizations;

    @BeforeEach
    void start() {
        tsa = new LoopbackTsa().start(0);
        ca = tsa.ca;
        authorizations = tsa.authorizations;
    }

    @AfterEach
    void stop() {
        tsa.close();
    }

    URI url() {
        return tsa.url();
    }

    static URI deadUrl() {
        return URI.create("http://127.0.0.1:" + LoopbackTsa.freePort() + "/tsa");
    }

    byte[] sign(TimestampAuthority outside) {
        SignedMemos m = SignedMemos.get();
        MemoSigner signer = new MemoSigner(m.keys, new StubRenderer(), SigningLevel.T, outside);
        return signer.sealAndSign(m.rendered, m.audit, m.memorandum, "DGSN", "en", Fixtures.T0.plusSeconds(240),
                Fixtures.parties(m.rendered));
    }

    @Test
    void atLevelTEverySignatureTimeStampIsTheOutsideAuthoritysAndFillsItsSpaceExactly() throws Exception {
        byte[] pdf = sign(new HttpTsa(List.of(url()), "memoflow", "s3cret".toCharArray(), Duration.ofSeconds(5)));
        VerificationReport r = PdfVerifier.verify(pdf, List.of(SignedMemos.get().keys.caCertificate(), ca));
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(r.signatures()).hasSize(3).allSatisfy(s -> {
            assertThat(s.level()).isEqualTo("T");
            assertThat(s.timestampAuthority()).isEqualTo(NAME);
            assertThat(s.timestampTime()).isNotNull();
        });
        assertThat(authorizations).isNotEmpty().allMatch(a -> a.equals("Basic bWVtb2Zsb3c6czNjcmV0")); // memoflow:s3cret
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            for (var s : doc.getSignatureDictionaries()) {
                byte[] contents = s.getContents(pdf);
                assertThat(PdfVerifier.stripPadding(contents)).hasSameSizeAs(contents);
            }
        }
        // trusting only the demonstration CA, the outside authority's timestamps are not trusted, and verify says so
        VerificationReport untrusted = PdfVerifier.verify(pdf, List.of(SignedMemos.get().keys.caCertificate()));
        assertThat(untrusted.exitStatus()).as(untrusted.toText()).isEqualTo(VerificationReport.UNTRUSTED);
    }

    @Test
    void theUrlsAreTriedInOrderAndWhenNoneAnswersSigningFailsNamingEachWithoutFallingBack() throws Exception {
        URI dead = deadUrl();
        byte[] pdf = sign(new HttpTsa(List.of(dead, url()), null, null, Duration.ofSeconds(5)));
        assertThat(PdfVerifier.verify(pdf, List.of(SignedMemos.get().keys.caCertificate(), ca)).valid()).isTrue();

        URI down = url();
        tsa.close();
        assertThatThrownBy(() -> sign(new HttpTsa(List.of(dead, down), null, null, Duration.ofSeconds(2))))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("No timestamp authority answered")
                .hasMessageContaining(dead.toString()).hasMessageContaining(down.toString())
                .hasMessageContaining("tried again later");
    }

    @Test
    void anOutsideAuthorityServesEveryLevelAndOnlyHttpAddressesAreAccepted() {
        SignedMemos m = SignedMemos.get();
        HttpTsa outside = new HttpTsa(List.of(url()), null, null, Duration.ofSeconds(2));
        for (SigningLevel l : List.of(SigningLevel.T, SigningLevel.LT, SigningLevel.LTA)) {
            assertThat(new MemoSigner(m.keys, new StubRenderer(), l, outside).level()).isEqualTo(l);
        }
        assertThatThrownBy(() -> HttpTsa.fromConfig(List.of("file:///etc/passwd"), null, null, java.nio.file.Path.of(".")))
                .hasMessageContaining("not an http:// or https:// address");
        assertThat(HttpTsa.fromConfig(List.of(), null, null, java.nio.file.Path.of("."))).isNull();
    }
}
