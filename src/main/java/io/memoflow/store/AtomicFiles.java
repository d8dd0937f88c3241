package io.memoflow.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes that are all or nothing: the bytes go to a temporary file beside the target (its name
 * starts with a dot and ends in {@code .tmp}, so no folder consumer picks it up), are forced to
 * disk, and the file is then renamed over the target in one atomic step. A crash leaves either
 * the old file or the new one, never a mix; at worst a stray temporary file that
 * {@link #removeStrayTemporaries(Path)} cleans up on start.
 * <p>
 * Every file is created with the permissions of {@code memoflow.files.mode} (0640 unless
 * configured: readable by memoflow's own user and group only), every folder made by
 * {@link #createFolders(Path)} with {@code memoflow.files.folder-mode} (0750); the process umask
 * may only take more away. On a file system without POSIX permissions, its defaults apply.
 */
public final class AtomicFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static volatile Set<PosixFilePermission> fileMode = PosixFilePermissions.fromString("rw-r-----");
    private static volatile Set<PosixFilePermission> folderMode = PosixFilePermissions.fromString("rwxr-x---");

    private AtomicFiles() {
    }

    /**
     * Sets the permissions of the files and folders memoflow creates from here on, as octal
     * numbers ("640", "750").
     */
    public static void permissions(String fileOctal, String folderOctal) {
        fileMode = octal("memoflow.files.mode", fileOctal);
        folderMode = octal("memoflow.files.folder-mode", folderOctal);
    }

    /** Parses permissions such as "640" or "0750"; says which key is wrong and how otherwise. */
    public static Set<PosixFilePermission> octal(String key, String value) {
        String v = value == null ? "" : value.trim();
        if (!v.matches("0?[0-7]{3}")) {
            throw new IllegalArgumentException(key + " is '" + value + "'; it must be three octal digits such as 640 (owner: read and "
                    + "write; group: read; others: nothing). Fix it in memoflow.properties.");
        }
        int bits = Integer.parseInt(v, 8);
        PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, highest bit first
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < all.length; i++) {
            if ((bits & (1 << (all.length - 1 - i))) != 0) {
                out.add(all[i]);
            }
        }
        if (!out.contains(PosixFilePermission.OWNER_READ) || !out.contains(PosixFilePermission.OWNER_WRITE)) {
            throw new IllegalArgumentException(key + " is '" + value + "'; memoflow must be able to read and write what it creates "
                    + "(6 or 7 for the owner, such as 640). Fix it in memoflow.properties.");
        }
        return out;
    }

    /** The attributes a new file gets: {@code memoflow.files.mode} (none on a file system without POSIX permissions). */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(fileMode)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} and any missing parents with {@code memoflow.files.folder-mode}; folders already there are left as they are. */
    public static Path createFolders(Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            // there already, as a rule: Files.createDirectories would try mkdir first and build two exceptions when it fails
            return dir;
        }
        return POSIX ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(folderMode)) : Files.createDirectories(dir);
    }

    /** Creates the one folder {@code dir} with {@code memoflow.files.folder-mode}; fails if it exists. */
    public static Path createFolder(Path dir) throws IOException {
        return POSIX ? Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(folderMode)) : Files.createDirectory(dir);
    }

    /** Writes {@code bytes} to {@code target}, replacing it atomically. */
    public static void write(Path target, byte[] bytes) {
        Path tmp = temporaryFor(target);
        try {
            writeAndForce(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + target.getParent()
                        + " cannot rename files atomically; put the memoflow home folder on a local file system", e);
            }
            forceDirectory(target.getParent());
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage()
                    + ". Check that the folder exists, is writable and that the disk is not full.", e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Writes {@code bytes} to {@code target} only if no such file exists yet, atomically.
     *
     * @return true if this call created the file, false if it already existed (left unchanged)
     */
    public static boolean create(Path target, byte[] bytes) {
        return create(target, bytes, null);
    }

    /**
     * As {@link #create(Path, byte[])}, the new file carrying the modification time {@code modified}
     * (null: the time of writing) from the moment it appears.
     */
    public static boolean create(Path target, byte[] bytes, FileTime modified) {
        if (Files.exists(target)) {
            return false;
        }
        Path tmp = temporaryFor(target);
        try {
            writeAndForce(tmp, bytes);
            if (modified != null) {
                Files.setLastModifiedTime(tmp, modified);
            }
            try {
                Files.createLink(target, tmp); // atomic, fails if the target exists
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException e) {
                throw new IOException("The file system of " + target.getParent()
                        + " does not support hard links; put the memoflow home folder on a local file system", e);
            }
            forceDirectory(target.getParent());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + target + ": " + e.getMessage()
                    + ". Check that the folder exists, is writable and that the disk is not full.", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Deletes temporary files left by an interrupted write in {@code dir} (not recursive). */
    public static int removeStrayTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    static Path temporaryFor(Path target) {
        String name = target.getFileName().toString();
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        return target.resolveSibling("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    private static void writeAndForce(Path tmp, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), fileAttributes())) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open a directory for sync; the rename itself is still atomic.
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stray temporary file is removed on the next start by removeStrayTemporaries
        }
    }
}
