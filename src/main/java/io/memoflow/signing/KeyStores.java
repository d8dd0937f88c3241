package io.memoflow.signing;

import java.io.ByteArrayInputStream;
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
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;

/** Reading and writing PKCS#12 keystores. Passwords never appear in messages. */
final class KeyStores {

    /** Key derivation rounds of the demonstration keystores (see {@link #pkcs12}). */
    static final int DEMO_ITERATIONS = 100;
    private static final String KEY_PBE = "PBEWithHmacSHA256AndAES_256";
    private static final SecureRandom RANDOM = new SecureRandom();

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

    /**
     * A PKCS#12 keystore of one key and its chain, for the demonstration keys: the key encrypted
     * with AES-256 (PBES2), the store's integrity under HMAC-SHA-256, each with a key derived from
     * the password in {@value #DEMO_ITERATIONS} rounds instead of Java's 10,000. The password is kept
     * in a file beside the keystores (they protect nothing, and say so), so the rounds add no
     * protection; on the client compiler the 10,000 rounds took about 50 ms per keystore opened and
     * 30 ms per keystore written, a third of the daemon's start. Any PKCS#12 reader opens the file.
     */
    static byte[] pkcs12(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            SubjectKeyIdentifier keyId = ext.createSubjectKeyIdentifier(chain.get(0).getPublicKey());
            ASN1Set names = new DERSet(new ASN1Encodable[] {
                new Attribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERSet(new DERBMPString(alias))),
                new Attribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DERSet(new DEROctetString(keyId.getKeyIdentifier())))});
            List<PKCS12SafeBag> certs = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                SafeBag cert = new SafeBag(PKCSObjectIdentifiers.certBag, new CertBag(PKCSObjectIdentifiers.x509Certificate,
                        new DEROctetString(chain.get(i).getEncoded())), i == 0 ? names : null);
                certs.add(new PKCS12SafeBag(cert));
            }
            // the key as Java's keystore shrouds it (PBES2, PBKDF2 with HMAC-SHA-256, AES-256-CBC), with fewer rounds
            byte[] salt = new byte[20];
            RANDOM.nextBytes(salt);
            Cipher cipher = Cipher.getInstance(KEY_PBE);
            cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(KEY_PBE).generateSecret(new PBEKeySpec(password)),
                    new PBEParameterSpec(salt, DEMO_ITERATIONS));
            EncryptedPrivateKeyInfo shrouded = new EncryptedPrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
                    ASN1Primitive.fromByteArray(cipher.getParameters().getEncoded())), cipher.doFinal(key.getEncoded()));
            PKCS12SafeBag keyBag = new PKCS12SafeBag(new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, shrouded, names));
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            for (PKCS12SafeBag cert : certs) {
                pfx.addData(cert);
            }
            pfx.addData(keyBag);
            return pfx.build(new BcPKCS12MacCalculatorBuilder(new SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)).setIterationCount(DEMO_ITERATIONS),
                    password).getEncoded(ASN1Encoding.DER);
        } catch (IOException | GeneralSecurityException | PKCSException e) {
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
