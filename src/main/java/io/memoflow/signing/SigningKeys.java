package io.memoflow.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the signing keys come from: the organisation's seal, and one key per party signatory
 * (by e-mail address). Implementations load each keystore once and cache the identity; they are
 * thread safe.
 *
 * <p>Configuration (see {@link #fromConfig(Function, Function, Path)}):
 * <pre>
 * memoflow.keys.seal.file                       PKCS#12 keystore of the organisation's seal
 * memoflow.keys.seal.password-env               name of the environment variable holding its password
 * memoflow.keys.seal.password-file              or: a file whose first line is the password
 * memoflow.keys.seal.alias                      optional; default: the keystore's only key entry
 * memoflow.keys.signatories.N.email             N = 1, 2, 3 ... without gaps: a signatory's address
 * memoflow.keys.signatories.N.file              that signatory's PKCS#12 keystore
 * memoflow.keys.signatories.N.password-env      / .password-file / .alias as for the seal
 * memoflow.keys.trust.file                      optional PEM file of further trusted CA certificates
 * </pre>
 * Relative file names are resolved against the home folder (the parent of the data folder).
 * With no {@code memoflow.keys.seal.file}, memoflow runs on demonstration keys in
 * {@code data/keys/} ({@link DemoKeys}) and {@link #demonstration()} is true.
 */
public interface SigningKeys {

    /** The organisation's seal, which certifies every memorandum first. */
    SigningIdentity seal();

    /**
     * The key of a party's signatory.
     *
     * @param email       the signatory's e-mail address (case is ignored)
     * @param displayName the name to put in a demonstration certificate; ignored for configured keys
     * @throws SigningException when there is no key for that address
     */
    SigningIdentity signatory(String email, String displayName);

    /** True when these are self-signed demonstration keys: the daemon must say so in log and status. */
    boolean demonstration();

    /** CA certificates that signatures made with these keys chain to (for self-checks and {@code verify}). */
    List<X509Certificate> trustAnchors();

    /** memoflow's own timestamp authority, when these keys have one (the demonstration keys do). */
    default Optional<TimestampAuthority> timestampAuthority() {
        return Optional.empty();
    }

    /**
     * Revocation data memoflow can issue itself for these certificates (the demonstration CA's
     * CRL), issued at {@code at}; empty when it can issue none.
     */
    default List<X509CRL> crls(Collection<X509Certificate> certificates, Instant at) {
        return List.of();
    }

    /** One sentence for the log and the status page; never contains a password. */
    String description();

    /**
     * Makes a throwaway key and certificate, and forgets them: this loads and links the
     * cryptography's classes, most of the time the first opening of keys takes. A starting daemon
     * calls it on a thread of its own, so that this happens beside Camel's start, not after it.
     */
    static void warmUp() {
        DemoKeys.warmUp();
    }

    /** Keys from the configuration, reading passwords from the process environment. */
    static SigningKeys fromConfig(Function<String, String> config, Path dataDir) {
        return fromConfig(config, System::getenv, dataDir);
    }

    /**
     * Keys from the configuration: configured PKCS#12 keystores when {@code memoflow.keys.seal.file}
     * is set, demonstration keys in {@code dataDir/keys} otherwise.
     *
     * @param config  configuration lookup (returns null for a missing key)
     * @param env     environment lookup, for the {@code password-env} keys
     * @param dataDir the daemon's data folder
     */
    static SigningKeys fromConfig(Function<String, String> config, Function<String, String> env, Path dataDir) {
        String seal = config.apply(ConfiguredKeys.SEAL + ".file");
        if (seal == null || seal.isBlank()) {
            return DemoKeys.open(dataDir);
        }
        return ConfiguredKeys.load(config, env, dataDir.toAbsolutePath().getParent());
    }

    /** The demonstration CA certificate in {@code dataDir/keys/demo-ca.pem}, when there is one. */
    static Optional<X509Certificate> demoCa(Path dataDir) {
        Path pem = dataDir.resolve("keys").resolve(DemoKeys.CA_PEM);
        if (!Files.isRegularFile(pem)) {
            return Optional.empty();
        }
        return Optional.of(Certificates.readPem(pem).get(0));
    }
}
