package io.memoflow.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority on 127.0.0.1 that is not memoflow's: its own CA and ECDSA key
 * (randomised signatures, so its tokens vary in length), BouncyCastle's generator behind the JDK's
 * HTTP server at {@code /tsa}. Records each request's Authorization header.
 */
public final class LoopbackTsa implements AutoCloseable {

    public static final String NAME = "loopback test TSA";
    public final X509Certificate ca;
    public final X509Certificate tsaCert;
    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final KeyPair tsaKeys;
    private final KeyPair caKeys;
    private final int crlPort;
    private HttpServer crlServer;
    /** How many times the CRL was downloaded. */
    public final AtomicLong crlDownloads = new AtomicLong();
    private final AtomicLong serial = new AtomicLong(1000);
    private HttpServer server;

    public LoopbackTsa() {
        this(-1);
    }

    /**
     * With {@code crlPort} not negative, the TSA certificate names a CRL distribution point
     * {@link #crlUrl()} on that port, where {@link #startCrl()} publishes the CA's CRL.
     */
    public LoopbackTsa(int crlPort) {
        this.crlPort = crlPort;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            caKeys = g.generateKeyPair();
            tsaKeys = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name caName = new X500Name("O=not memoflow,CN=loopback test CA");
            var cb = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(now.minusSeconds(86400)),
                    Date.from(now.plus(Duration.ofDays(30))), caName, caKeys.getPublic());
            cb.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            cb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca = new JcaX509CertificateConverter().getCertificate(cb.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(caKeys.getPrivate())));
            var tb = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, Date.from(now.minusSeconds(86400)),
                    Date.from(now.plus(Duration.ofDays(30))), new X500Name("O=not memoflow,CN=" + NAME), tsaKeys.getPublic());
            tb.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            tb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            tb.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            if (crlPort >= 0) {
                var name = new org.bouncycastle.asn1.x509.GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(
                        org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, crlUrl()));
                tb.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                        new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                                new org.bouncycastle.asn1.x509.DistributionPointName(name), null, null)}));
            }
            tsaCert = new JcaX509CertificateConverter().getCertificate(tb.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the loopback TSA's keys: " + e.getMessage(), e);
        }
    }

    /** Starts answering on the port (0: any free one). */
    public LoopbackTsa start(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/tsa", exchange -> {
            try {
                authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                TimeStampRequest req = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                var digests = new JcaDigestCalculatorProviderBuilder().build();
                TimeStampTokenGenerator tg = new TimeStampTokenGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                        .build("SHA256withECDSA", tsaKeys.getPrivate(), tsaCert),
                        digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), new ASN1ObjectIdentifier("1.2.3.4.5"));
                tg.addCertificates(new JcaCertStore(List.of(tsaCert, ca)));
                byte[] body = new TimeStampResponseGenerator(tg, TSPAlgorithms.ALLOWED)
                        .generate(req, BigInteger.valueOf(serial.incrementAndGet()), new Date()).getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return this;
    }

    /** Where the CA publishes its CRL (see {@link #LoopbackTsa(int)}). */
    public String crlUrl() {
        return "http://127.0.0.1:" + crlPort + "/ca.crl";
    }

    /** A fresh CRL of the CA, revoking nothing: issued now, next update in a week. */
    public java.security.cert.X509CRL crl() {
        try {
            Instant now = Instant.now();
            var b = new org.bouncycastle.cert.X509v2CRLBuilder(new X500Name("O=not memoflow,CN=loopback test CA"), Date.from(now));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
            return new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue the loopback CA's CRL: " + e.getMessage(), e);
        }
    }

    /** Starts publishing the CA's CRL (DER, fresh at each request) at {@link #crlUrl()}. */
    public LoopbackTsa startCrl() {
        try {
            crlServer = HttpServer.create(new InetSocketAddress("127.0.0.1", crlPort), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        crlServer.createContext("/ca.crl", exchange -> {
            try {
                byte[] body = crl().getEncoded();
                crlDownloads.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        crlServer.start();
        return this;
    }

    public void stopCrl() {
        if (crlServer != null) {
            crlServer.stop(0);
            crlServer = null;
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/tsa");
    }

    /** A loopback address where nothing listens (a port just freed). */
    public static int freePort() {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stopCrl();
        if (server != null) {
            server.stop(0);
        }
    }
}
