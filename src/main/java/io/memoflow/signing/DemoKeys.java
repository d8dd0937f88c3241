package io.memoflow.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Self-signed demonstration keys in {@code data/keys/}: a demonstration CA (exported as
 * {@code demo-ca.pem} for validators), the seal, and one key per signatory created on first
 * use, in {@code signatory-<sha256 of the address>.p12}. The keystores share a random password
 * kept in {@code demo.password} beside them: these keys protect nothing and say so.
 * EC P-256 keys throughout.
 */
public final class DemoKeys implements SigningKeys {

    public static final String CA_PEM = "demo-ca.pem";
    static final String CA_P12 = "demo-ca.p12";
    static final String SEAL_P12 = "seal.p12";
    static final String TSA_P12 = "tsa.p12";
    static final String TSA_NAME = "memoflow demonstration timestamp authority";
    static final String PASSWORD = "demo.password";
    static final String SEAL_NAME = "memoflow demonstration seal";
    static final String CA_NAME = "memoflow demonstration CA";
    static final String ORGANISATION = "memoflow demonstration (not trusted)";
    /**
     * The CRL distribution point of the certificates the demonstration CA issues: a name that never
     * resolves (.invalid, RFC 6761); memoflow embeds a CRL it makes itself ({@link #crls}).
     */
    public static final String CRL_URL = "http://memoflow.invalid/demo-ca.crl";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final char[] password;
    private final SigningIdentity ca;
    private final SigningIdentity seal;
    private final TimestampAuthority tsa;
    private volatile IssuedCrl lastCrl;
    private final ConcurrentMap<String, SigningIdentity> signatories = new ConcurrentHashMap<>();

    private DemoKeys(Path dir, char[] password, SigningIdentity ca, SigningIdentity seal, SigningIdentity tsa) {
        this.dir = dir;
        this.password = password;
        this.ca = ca;
        this.seal = seal;
        this.tsa = tsa == null ? null : TimestampAuthority.builtIn(tsa);
    }

    /** Opens the demonstration keys in {@code dataDir/keys}, creating the CA and the seal on first start. */
    public static synchronized DemoKeys open(Path dataDir) {
        Path dir = dataDir.resolve("keys");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new SigningException("Cannot create the key folder " + dir + ": " + e.getMessage(), e);
        }
        Path pwFile = dir.resolve(PASSWORD);
        Path caFile = dir.resolve(CA_P12);
        char[] password;
        if (Files.isRegularFile(pwFile)) {
            password = KeyStores.passwordFromFile(pwFile, "the demonstration keys");
        } else if (Files.exists(caFile)) {
            throw new SigningException("The demonstration keys in " + dir + " have lost their password file " + PASSWORD
                    + ": restore it, or move the folder away to make new demonstration keys");
        } else {
            byte[] random = new byte[18];
            RANDOM.nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
            KeyStores.writePrivate(pwFile, (new String(password) + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        Instant now = Instant.now();
        SigningIdentity ca;
        if (Files.isRegularFile(caFile)) {
            ca = KeyStores.load(caFile, password, null, "the demonstration CA");
        } else {
            KeyPair keys = newKeyPair();
            X509Certificate cert = Certificates.selfSignedCa(Certificates.name(CA_NAME, ORGANISATION), keys,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20 * 366)));
            KeyStores.writePrivate(caFile, KeyStores.pkcs12("ca", keys.getPrivate(), List.of(cert), password));
            ca = new SigningIdentity("the demonstration CA", keys.getPrivate(), List.of(cert));
        }
        Path pem = dir.resolve(CA_PEM);
        byte[] pemBytes = Certificates.toPem(ca.certificate()).getBytes(StandardCharsets.US_ASCII);
        try {
            if (!Files.isRegularFile(pem) || !Arrays.equals(Files.readAllBytes(pem), pemBytes)) {
                Files.write(pem, pemBytes);
            }
        } catch (IOException e) {
            throw new SigningException("Cannot write the demonstration CA certificate " + pem + ": " + e.getMessage(), e);
        }
        DemoKeys demo = new DemoKeys(dir, password, ca, null, null);
        SigningIdentity seal = demo.loadOrCreate(dir.resolve(SEAL_P12), "the seal", SEAL_NAME, "", false);
        // keys made before the timestamp authority existed get it on their next start
        SigningIdentity tsa = demo.loadOrCreate(dir.resolve(TSA_P12), "the timestamp authority", TSA_NAME, "", true);
        return new DemoKeys(dir, password, ca, seal, tsa);
    }

    /** Makes a throwaway key and certificate, and forgets them: see {@link SigningKeys#warmUp()}. */
    static void warmUp() {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate cert = Certificates.selfSignedCa(Certificates.name(CA_NAME, ORGANISATION), keys, now, now.plusSeconds(60));
        char[] password = "warm-up".toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(KeyStores.pkcs12("warm-up", keys.getPrivate(), List.of(cert), password)), password);
            store.getKey("warm-up", password);
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningException("This Java runtime cannot read the PKCS#12 keystores memoflow writes: " + e.getMessage(), e);
        }
        new SigningIdentity("warm-up", keys.getPrivate(), List.of(cert));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new SigningException("This Java runtime cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    private SigningIdentity loadOrCreate(Path file, String label, String commonName, String email, boolean timestamping) {
        if (Files.isRegularFile(file)) {
            SigningIdentity id = KeyStores.load(file, password, null, label);
            if (id.commonName().equals(commonName) && id.chain().size() == 2
                    && id.chain().get(1).equals(ca.certificate()) && Certificates.isTsa(id.certificate()) == timestamping
                    // the timestamp authority gets a new certificate two years before its old one expires (see memoflow renew)
                    && (!timestamping || id.certificate().getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(2 * 366))))) {
                return id;
            }
            // the name changed, or the CA was replaced: issue a new certificate and key below
        }
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509Certificate cert = timestamping
                ? Certificates.issueTsa(Certificates.name(commonName, ORGANISATION), keys.getPublic(), ca.certificate(),
                        ca.privateKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10 * 366)), CRL_URL)
                : Certificates.issueSigner(Certificates.name(commonName, ORGANISATION), keys.getPublic(), email,
                        ca.certificate(), ca.privateKey(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10 * 366)),
                        CRL_URL);
        List<X509Certificate> chain = List.of(cert, ca.certificate());
        KeyStores.writePrivate(file, KeyStores.pkcs12("key", keys.getPrivate(), chain, password));
        return new SigningIdentity(label, keys.getPrivate(), chain);
    }

    /** The file that holds a signatory's demonstration key: named by the SHA-256 of the address, never by its text. */
    static String signatoryFileName(String email) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "signatory-" + HexFormat.of().formatHex(h, 0, 16) + ".p12";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    @Override
    public SigningIdentity seal() {
        return seal;
    }

    /** The signatory's demonstration key, created on first use; its certificate's CN is the display name (or the address). */
    @Override
    public SigningIdentity signatory(String email, String displayName) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            throw new SigningException("A signatory without an e-mail address cannot sign: memoflow keeps one key per address."
                    + " Give the party's signatory an e-mail address");
        }
        String cn = displayName == null || displayName.isBlank() ? address : displayName.strip();
        return signatories.computeIfAbsent(address + "\n" + cn,
                k -> {
                    synchronized (this) {
                        return loadOrCreate(dir.resolve(signatoryFileName(address)), "signatory " + address, cn, address, false);
                    }
                });
    }

    /** The built-in timestamp authority, with the demonstration TSA key. */
    @Override
    public Optional<TimestampAuthority> timestampAuthority() {
        return Optional.ofNullable(tsa);
    }

    /**
     * A fresh CRL of the demonstration CA (it has revoked nothing) when any of the certificates is
     * one it issued: issued at {@code at}, next update a week later.
     */
    @Override
    public List<X509CRL> crls(Collection<X509Certificate> certificates, Instant at) {
        X509Certificate root = ca.certificate();
        for (X509Certificate c : certificates) {
            if (!c.equals(root) && c.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
                return List.of(crlAt(at));
            }
        }
        return List.of();
    }

    /**
     * The CRL issued at {@code at}: CRL times are whole seconds, so every /DSS made within one second
     * gets the one CRL issued first in that second instead of a new one signed for each memorandum.
     */
    private X509CRL crlAt(Instant at) {
        IssuedCrl last = lastCrl;
        if (last != null && last.second() == at.getEpochSecond()) {
            return last.crl();
        }
        X509CRL crl = Certificates.emptyCrl(ca.certificate(), ca.privateKey(), at, at.plus(Duration.ofDays(7)));
        lastCrl = new IssuedCrl(at.getEpochSecond(), crl);
        return crl;
    }

    private record IssuedCrl(long second, X509CRL crl) {
    }

    @Override
    public boolean demonstration() {
        return true;
    }

    /** The demonstration CA certificate. */
    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return List.of(ca.certificate());
    }

    @Override
    public String description() {
        return "DEMONSTRATION KEYS: signing with self-signed keys in " + dir + " (CA certificate "
                + dir.resolve(CA_PEM) + "). Validators will not trust these signatures unless told to trust that CA;"
                + " configure memoflow.keys.seal.file and memoflow.keys.signatories.N.* for real keys.";
    }
}
