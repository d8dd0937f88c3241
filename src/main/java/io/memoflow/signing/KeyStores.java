package io.memoflow.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reading and writing PKCS#12 keystores. Passwords never appear in messages. */
final class KeyStores {

    private KeyStores() {
    }

    static SigningIdentity load(Path file, char[] password, String alias, String label) {
        if (!Files.isRegularFile(file)) {
            throw new SigningException("The keystore for " + label + " is missing: " + file
                    + " does not exist or is not a file. Point the configuration at a PKCS#12 (.p12) file.");
        }
        KeyStore ks;
        try {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(Files.readAllBytes(file)), password);
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningException("Cannot open the keystore for " + label + " (" + file
                    + "): wrong password, or not a PKCS#12 file (" + e.getClass().getSimpleName() + ")", e);
        }
        try {
            String use = alias;
            if (use == null || use.isBlank()) {
                List<String> keys = new ArrayList<>();
                for (String a : Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(a)) {
                        keys.add(a);
                    }
                }
                if (keys.size() != 1) {
                    throw new SigningException("The keystore for " + label + " (" + file + ") holds " + keys.size()
                            + " private keys " + keys + ": name the one to use with the .alias key");
                }
                use = keys.get(0);
            }
            Key key = ks.getKey(use, password);
            if (!(key instanceof PrivateKey)) {
                throw new SigningException("The keystore for " + label + " (" + file + ") has no private key under alias '" + use + "'");
            }
            Certificate[] chain = ks.getCertificateChain(use);
            if (chain == null || chain.length == 0) {
                throw new SigningException("The keystore for " + label + " (" + file + ") has no certificate for alias '" + use + "'");
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : chain) {
                certs.add((X509Certificate) c);
            }
            return new SigningIdentity(label, (PrivateKey) key, certs);
        } catch (GeneralSecurityException e) {
            throw new SigningException("Cannot read the key for " + label + " from " + file + ": " + e.getMessage(), e);
        }
    }

    static byte[] pkcs12(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(alias, key, password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new SigningException("Could not write a PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    /** Reads a password: the first line of a file, without its line end. */
    static char[] passwordFromFile(Path file, String label) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = nl < 0 ? text : text.substring(0, nl);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new SigningException("Cannot read the password file for " + label + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** Writes a file readable by its owner only, atomically (temporary file, then move). */
    static void writePrivate(Path file, byte[] bytes) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tmp-", ".part");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's permissions apply
                }
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new SigningException("Cannot write " + file + ": " + e.getMessage() + ". Check that the data folder is writable.", e);
        }
    }
}
