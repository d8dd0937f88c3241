package io.memoflow.web;

import io.memoflow.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The users of the web desk and the API ({@code memoflow.web.users-file}, default
 * {@code data/web-users}): one line per user, {@code EMAIL:BCRYPT-HASH} (OpenBSD bcrypt, cost
 * {@value #COST}); lines starting with # are comments. The file is read again when it changes,
 * so {@code memoflow user add} works while the daemon runs. A password once checked is
 * remembered (as an HMAC under a key that lives only in memory) until the file changes, so the
 * API does not pay for bcrypt on every request.
 */
public final class Users {

    static final int COST = 11;
    /** bcrypt reads at most 72 bytes of a password. */
    public static final int MAX_PASSWORD_BYTES = 72;
    public static final int MIN_PASSWORD_CHARS = 10;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s:]{1,64}@[A-Za-z0-9.-]{1,190}");

    private final Path file;
    private final byte[] memoryKey = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private Map<String, String> users = Map.of();
    private FileTime readAt;
    private long readSize = -1;

    public Users(Path file) {
        this.file = file;
        new SecureRandom().nextBytes(memoryKey);
    }

    public Path file() {
        return file;
    }

    /** The address as the users file keeps it (lower case), or an exception saying what is wrong with it. */
    public static String address(String email) {
        String e = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(e).matches()) {
            throw new IllegalArgumentException("'" + email + "' is not an e-mail address; give the user's address, e.g. clerk@example.org.");
        }
        return e;
    }

    /** Adds a user, or sets a new password for one; true when the user is new. */
    public synchronized boolean add(String email, char[] password) {
        String e = address(email);
        int bytes = utf8(password).length;
        if (password.length < MIN_PASSWORD_CHARS) {
            throw new IllegalArgumentException("The password has " + password.length + " characters; it needs at least "
                    + MIN_PASSWORD_CHARS + ". Choose a longer one.");
        }
        if (bytes > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("The password has " + bytes + " bytes (UTF-8); bcrypt uses at most " + MAX_PASSWORD_BYTES
                    + ". Choose a shorter one.");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Map<String, String> all = new TreeMap<>(read());
        boolean added = all.put(e, OpenBSDBCrypt.generate("2y", password, salt, COST)) == null;
        write(all);
        return added;
    }

    /** Removes a user; false when there was none of that address. */
    public synchronized boolean remove(String email) {
        String e = address(email);
        Map<String, String> all = new TreeMap<>(read());
        if (all.remove(e) == null) {
            return false;
        }
        write(all);
        return true;
    }

    /** True when the users file has this user with this password. */
    public boolean check(String email, char[] password) {
        String e;
        try {
            e = address(email);
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
        String hash = read().get(e);
        if (hash == null || utf8(password).length > MAX_PASSWORD_BYTES) {
            return false;
        }
        byte[] mark = mark(hash, password);
        byte[] known = verified.get(e);
        if (known != null && MessageDigest.isEqual(known, mark)) {
            return true;
        }
        boolean ok;
        try {
            ok = OpenBSDBCrypt.checkPassword(hash, password);
        } catch (IllegalArgumentException | IllegalStateException badHash) {
            throw new IllegalStateException("The entry for " + e + " in " + file + " is not a bcrypt hash; set the password again with "
                    + "memoflow user add " + e, badHash);
        }
        if (ok) {
            verified.put(e, mark);
        }
        return ok;
    }

    /** True when the users file (as it is now) has this user. */
    public boolean has(String email) {
        return email != null && read().containsKey(email.strip().toLowerCase(Locale.ROOT));
    }

    /** How many users there are. */
    public int count() {
        return read().size();
    }

    private byte[] mark(String hash, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(memoryKey, "HmacSHA256"));
            mac.update(hash.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            byte[] pw = utf8(password);
            byte[] out = mac.doFinal(pw);
            Arrays.fill(pw, (byte) 0);
            return out;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("This Java runtime has no HmacSHA256", ex);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        return Arrays.copyOf(b.array(), b.limit());
    }

    private synchronized Map<String, String> read() {
        try {
            if (!Files.exists(file)) {
                users = Map.of();
                readAt = null;
                return users;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(readAt) && size == readSize) {
                return users;
            }
            Map<String, String> out = new TreeMap<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                int colon = l.lastIndexOf(':');
                if (l.isEmpty() || l.startsWith("#") || colon <= 0) {
                    continue;
                }
                out.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1));
            }
            users = Map.copyOf(out);
            verified.clear();
            readAt = modified;
            readSize = size;
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the users file " + file + ": " + e.getMessage()
                    + ". Check that it exists and that memoflow may read it (memoflow.web.users-file).", e);
        }
    }

    private void write(Map<String, String> all) {
        StringBuilder sb = new StringBuilder("# memoflow web desk users: EMAIL:BCRYPT-HASH; manage with memoflow user add|remove EMAIL\n");
        all.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        try {
            AtomicFiles.createFolders(file.toAbsolutePath().getParent());
            AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the users file " + file + ": " + e.getMessage(), e);
        }
        readAt = null;
    }
}
