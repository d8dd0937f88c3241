package io.memoflow.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An outside RFC 3161 timestamp authority over HTTP ({@code memoflow.tsa.url}): each request goes
 * to the URLs in order until one answers with a token for it (same digest, same nonce). When none
 * answers, {@link #timestamp} fails and says why for each URL; nothing falls back to a plain clock
 * time. The URLs come from the configuration only.
 */
public final class HttpTsa implements TimestampAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<URI> urls;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;

    /**
     * @param urls     the authorities' addresses (http or https), tried in this order
     * @param user     the user for HTTP basic authentication, or null
     * @param password its password, or null
     * @param timeout  how long to wait for each authority
     */
    public HttpTsa(List<URI> urls, String user, char[] password, Duration timeout) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("memoflow.tsa.url names no address");
        }
        for (URI u : urls) {
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException("memoflow.tsa.url: '" + u + "' is not an http:// or https:// address");
            }
        }
        this.urls = List.copyOf(urls);
        this.authorization = user == null || user.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : new String(password))).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The outside authority the configuration names, or null when {@code memoflow.tsa.url} is empty.
     *
     * @param urls         memoflow.tsa.url, split at commas
     * @param user         memoflow.tsa.user, or null
     * @param passwordFile memoflow.tsa.password-file (first line), resolved against the home folder, or null
     */
    public static HttpTsa fromConfig(List<String> urls, String user, String passwordFile, Path home) {
        List<URI> list = new ArrayList<>();
        for (String u : urls) {
            if (!u.isBlank()) {
                try {
                    list.add(new URI(u.strip()));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("memoflow.tsa.url: '" + u.strip() + "' is not an address: " + e.getMessage(), e);
                }
            }
        }
        if (list.isEmpty()) {
            return null;
        }
        char[] password = passwordFile == null || passwordFile.isBlank() ? null
                : KeyStores.passwordFromFile(home.resolve(passwordFile.strip()), "the timestamp authority (memoflow.tsa.password-file)");
        return new HttpTsa(list, user, password, Duration.ofSeconds(10));
    }

    @Override
    public byte[] timestamp(byte[] sha256) {
        TimeStampRequestGenerator g = new TimeStampRequestGenerator();
        g.setCertReq(true);
        // a nonce of a fixed length (64 bits, the top one set), so that tokens keep their length
        TimeStampRequest req = g.generate(TSPAlgorithms.SHA256, sha256, new BigInteger(63, RANDOM).setBit(63));
        List<String> errors = new ArrayList<>();
        for (URI url : urls) {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout)
                        .header("Content-Type", "application/timestamp-query")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(req.getEncoded()));
                if (authorization != null) {
                    b.header("Authorization", authorization);
                }
                HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    errors.add(url + " answered HTTP " + r.statusCode());
                    continue;
                }
                TimeStampResponse resp = new TimeStampResponse(r.body());
                resp.validate(req);
                TimeStampToken token = resp.getTimeStampToken();
                if (token == null) {
                    errors.add(url + " refused: " + resp.getStatusString());
                    continue;
                }
                return token.toCMSSignedData().getEncoded(ASN1Encoding.DER);
            } catch (IOException e) {
                errors.add(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (TSPException | RuntimeException e) {
                errors.add(url + " answered with no usable timestamp: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SigningException("Interrupted while asking the timestamp authority " + url, e);
            }
        }
        throw new SigningException("No timestamp authority answered (" + String.join("; ", errors) + "). The signing is tried"
                + " again later; check memoflow.tsa.url and that the authority is reachable");
    }

    @Override
    public String label() {
        return "the timestamp authority at " + urls.get(0) + (urls.size() > 1 ? " (and " + (urls.size() - 1) + " more)" : "");
    }
}
