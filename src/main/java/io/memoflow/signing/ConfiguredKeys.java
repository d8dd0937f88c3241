package io.memoflow.signing;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Keys from configured PKCS#12 keystores, all loaded once at start. See {@link SigningKeys} for the keys. */
final class ConfiguredKeys implements SigningKeys {

    static final String SEAL = "memoflow.keys.seal";
    static final String SIGNATORIES = "memoflow.keys.signatories.";
    static final String TRUST_FILE = "memoflow.keys.trust.file";

    private final SigningIdentity seal;
    private final Map<String, SigningIdentity> signatories;
    private final List<X509Certificate> anchors;

    private ConfiguredKeys(SigningIdentity seal, Map<String, SigningIdentity> signatories, List<X509Certificate> anchors) {
        this.seal = seal;
        this.signatories = Map.copyOf(signatories);
        this.anchors = List.copyOf(anchors);
    }

    static ConfiguredKeys load(Function<String, String> config, Function<String, String> env, Path home) {
        SigningIdentity seal = identity(config, env, home, SEAL, "the seal");
        Map<String, SigningIdentity> signatories = new LinkedHashMap<>();
        for (int n = 1; ; n++) {
            String prefix = SIGNATORIES + n;
            String email = trimmed(config.apply(prefix + ".email"));
            String file = trimmed(config.apply(prefix + ".file"));
            if (email == null && file == null) {
                break;
            }
            if (email == null || file == null) {
                throw new SigningException("Signatory key " + n + " is incomplete: set both " + prefix + ".email and "
                        + prefix + ".file");
            }
            String key = email.toLowerCase(Locale.ROOT);
            if (signatories.containsKey(key)) {
                throw new SigningException("Signatory " + email + " has two keys configured (" + prefix + ".email): keep one");
            }
            signatories.put(key, identity(config, env, home, prefix, "signatory " + key));
        }
        List<X509Certificate> anchors = new ArrayList<>();
        addRoot(anchors, seal);
        signatories.values().forEach(id -> addRoot(anchors, id));
        String trust = trimmed(config.apply(TRUST_FILE));
        if (trust != null) {
            anchors.addAll(Certificates.readPem(home.resolve(trust)));
        }
        return new ConfiguredKeys(seal, signatories, anchors);
    }

    private static void addRoot(List<X509Certificate> anchors, SigningIdentity id) {
        X509Certificate last = id.chain().get(id.chain().size() - 1);
        if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && !anchors.contains(last)) {
            anchors.add(last);
        }
    }

    private static SigningIdentity identity(Function<String, String> config, Function<String, String> env, Path home,
                                            String prefix, String label) {
        Path file = home.resolve(trimmed(config.apply(prefix + ".file")));
        char[] password = password(config, env, home, prefix, label);
        try {
            return KeyStores.load(file, password, trimmed(config.apply(prefix + ".alias")), label);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(Function<String, String> config, Function<String, String> env, Path home,
                                   String prefix, String label) {
        String envName = trimmed(config.apply(prefix + ".password-env"));
        String file = trimmed(config.apply(prefix + ".password-file"));
        if (envName != null) {
            String value = env.apply(envName);
            if (value == null) {
                throw new SigningException("The password of the keystore for " + label + " should be in the environment variable "
                        + envName + " (" + prefix + ".password-env), which is not set");
            }
            return value.toCharArray();
        }
        if (file != null) {
            return KeyStores.passwordFromFile(home.resolve(file), label);
        }
        throw new SigningException("No password for the keystore of " + label + ": set " + prefix
                + ".password-env (an environment variable name) or " + prefix + ".password-file");
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public SigningIdentity seal() {
        return seal;
    }

    @Override
    public SigningIdentity signatory(String email, String displayName) {
        String key = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        SigningIdentity id = signatories.get(key);
        if (id == null) {
            throw new SigningException("No signing key is configured for signatory '" + key + "': add "
                    + SIGNATORIES + "N.email, .file and .password-env (or .password-file) for that address");
        }
        return id;
    }

    @Override
    public boolean demonstration() {
        return false;
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return anchors;
    }

    @Override
    public String description() {
        return "Signing with configured keys: seal " + seal.commonName() + ", " + signatories.size() + " signator"
                + (signatories.size() == 1 ? "y" : "ies");
    }
}
