package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.service.Accepted;
import io.memoflow.service.Intake;
import io.memoflow.service.MemoService;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import org.apache.camel.Exchange;

/**
 * The intake folders' bean: names each input safely, reads it, and hands it to the memo
 * service. Moving the input afterwards (to {@code data/intake/} or {@code rejected/}) is the
 * file consumer's own on-completion work.
 * <p>
 * It reads the file itself, never through Camel's body conversion (which follows links): only a
 * regular file with one name (one hard link) is read, opened without following links
 * ({@code O_NOFOLLOW}). A symbolic link, a file with more than one name, a named pipe, a device
 * or a socket is refused with its reason, unread: what a link points to is never looked at.
 */
public final class FolderIntake {

    private final MemoService service;
    private final SafeNames names;
    private final long maxBytes;

    public FolderIntake(MemoService service, SafeNames names, long maxBytes) {
        this.service = service;
        this.names = names;
        this.maxBytes = maxBytes;
    }

    /** Gives the input its safe name (exchange property {@link Headers#SAFE_NAME}) before anything can fail. */
    public void name(Exchange exchange) {
        var m = exchange.getMessage();
        exchange.setProperty(Headers.SAFE_NAME, names.of(m.getHeader(Exchange.FILE_NAME_ONLY, String.class),
                m.getHeader(Exchange.FILE_LENGTH, 0L, Long.class), m.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class)));
    }

    /** Accepts a draft from the inbox; returns its reference. */
    public String draft(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        byte[] content = read(exchange, maxBytes, length -> new RejectedInputException("The draft is " + length
                + " bytes; a draft may have at most " + maxBytes + " bytes.", "Shorten it, or raise memoflow.limits.draft-bytes."));
        Accepted accepted = service.submit(content, name, new Intake("file", "", key(exchange), name));
        exchange.getMessage().setHeader(Headers.REFERENCE, accepted.reference());
        return accepted.reference();
    }

    /** Accepts a decision file; returns the memorandum's reference. */
    public String decision(Exchange exchange) {
        byte[] content = read(exchange, DecisionFiles.MAX_BYTES, length -> new RejectedInputException("The decision file is " + length
                + " bytes; a decision file may have at most " + DecisionFiles.MAX_BYTES + " bytes.", "Shorten the comment."));
        String channel = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class).endsWith(".cli.decision") ? "cli" : "file";
        Decision decision = DecisionFiles.parse(content, channel, key(exchange));
        String reference = service.decide(decision);
        exchange.getMessage().setHeader(Headers.REFERENCE, reference);
        return reference;
    }

    /**
     * The bytes of the input file, if it is a regular file with one name and at most {@code max}
     * bytes; read without following links, and refused if it was replaced while being read.
     */
    static byte[] read(Exchange exchange, long max, LongFunction<RejectedInputException> tooLarge) {
        String folder = exchange.getProperty(Headers.SOURCE, "inbox", String.class);
        Path path = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        try {
            Map<String, Object> before = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
            refuseUnlessPlainFile(before, folder);
            long size = ((Number) before.get("size")).longValue();
            if (size > max) {
                throw tooLarge.apply(size);
            }
            byte[] bytes;
            try (SeekableByteChannel ch = Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max + 1, size + 1));
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    if (!buf.hasRemaining() && buf.capacity() <= max) {
                        buf = ByteBuffer.allocate((int) Math.min(max + 1, 2L * buf.capacity())).put(buf.flip());
                    }
                }
                bytes = Arrays.copyOf(buf.array(), buf.position());
            }
            if (bytes.length > max) {
                throw tooLarge.apply(bytes.length);
            }
            Map<String, Object> after = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
            refuseUnlessPlainFile(after, folder);
            if (!Objects.equals(before.get("fileKey"), after.get("fileKey"))) {
                throw new RejectedInputException("The file was replaced by another one while memoflow was reading it.",
                        "Put the file into " + folder + "/ once, by copying or moving it there, and leave it alone until memoflow has taken it.");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + ": " + e.getMessage()
                    + ". Check that memoflow may read the files in " + folder + "/.", e);
        }
    }

    private static void refuseUnlessPlainFile(Map<String, Object> a, String folder) {
        int mode = ((Number) a.get("mode")).intValue();
        int nlink = ((Number) a.get("nlink")).intValue();
        String copy = "Copy the file itself into " + folder + "/ (cp, not ln), and take this one away.";
        if (Boolean.TRUE.equals(a.get("isSymbolicLink"))) {
            throw new RejectedInputException("This is a symbolic link; memoflow reads only regular files that it is given, "
                    + "never a link, and did not look at what it points to.", copy);
        }
        if (Boolean.TRUE.equals(a.get("isDirectory"))) {
            throw new RejectedInputException("This is a folder; memoflow takes only files from " + folder + "/, not folders.",
                    "Put the files themselves into " + folder + "/.");
        }
        if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
            String kind = switch (mode & 0170000) {
                case 0010000 -> "a named pipe (FIFO)";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "not a regular file";
            };
            throw new RejectedInputException("This is " + kind + ", not a file; memoflow reads only regular files, and did not open it.",
                    "Put a regular file (a draft saved to disk) into " + folder + "/.");
        }
        if (nlink > 1) {
            throw new RejectedInputException("This file has " + nlink + " names on the disk (hard links); memoflow takes only a file "
                    + "with one name, so that it never reads a file that also belongs somewhere else. It did not read it.", copy);
        }
    }

    /** Identifies a file by name, size and time, so a re-read after a crash is recognised. */
    private static String key(Exchange exchange) {
        var m = exchange.getMessage();
        return "file:" + m.getHeader(Exchange.FILE_NAME_ONLY, String.class) + ":" + m.getHeader(Exchange.FILE_LENGTH, Long.class)
                + ":" + m.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
    }
}
