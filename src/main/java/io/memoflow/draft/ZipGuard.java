package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a document that is a ZIP archive (.docx, .odt) in memory, within limits: at most
 * {@link DraftLimits#maxZipEntries()} files, at most {@link DraftLimits#maxUnzippedBytes()} bytes
 * unpacked and archives nested at most {@link DraftLimits#maxZipNesting()} deep (the archives
 * inside are unpacked too, and count). A zip bomb is refused before any document library sees it.
 * Entry names are only ever looked up, never used as paths.
 */
final class ZipGuard {

    static final String BOMB_ADVICE = "Open the document in Word or LibreOffice, save it again as a new file and submit that;"
            + " if it really is that large, ask for the limit to be raised in the memoflow configuration.";

    private ZipGuard() {
    }

    static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /**
     * The archive's files (of the outer archive only) by name.
     *
     * @param what "The Word document" ...: how messages name the file
     */
    static Map<String, byte[]> unpack(byte[] zip, DraftLimits limits, String what) {
        long[] counts = new long[2]; // entries, bytes
        try {
            return unpack(zip, limits, what, 1, counts);
        } catch (IOException | IllegalArgumentException e) {
            throw new RejectedInputException(what + " is damaged: its ZIP archive cannot be read (" + e.getMessage() + ").",
                    "Open it in Word or LibreOffice, save it again as a new file and submit that.", e);
        }
    }

    private static Map<String, byte[]> unpack(byte[] zip, DraftLimits limits, String what, int depth, long[] counts)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (++counts[0] > limits.maxZipEntries()) {
                    throw new RejectedInputException(what + " holds more than " + limits.maxZipEntries() + " files in its ZIP"
                            + " archive; a memorandum has a few dozen (memoflow.limits.zip-entries).", BOMB_ADVICE);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    counts[1] += n;
                    if (counts[1] > limits.maxUnzippedBytes()) {
                        throw new RejectedInputException(what + " unpacks to more than " + DraftParser.size(limits.maxUnzippedBytes())
                                + " from " + DraftParser.size(zip.length) + " (a \"zip bomb\"); memoflow accepts at most "
                                + DraftParser.size(limits.maxUnzippedBytes()) + " (memoflow.limits.unzipped-bytes).", BOMB_ADVICE);
                    }
                    out.write(buffer, 0, n);
                }
                byte[] content = out.toByteArray();
                if (isZip(content)) {
                    if (depth + 1 > limits.maxZipNesting()) {
                        throw new RejectedInputException(what + " holds ZIP archives nested more than " + limits.maxZipNesting()
                                + " deep (\"" + UntrustedText.visible(entry.getName()) + "\"); memoflow accepts at most "
                                + limits.maxZipNesting() + " (memoflow.limits.zip-nesting).", BOMB_ADVICE);
                    }
                    unpack(content, limits, what, depth + 1, counts);
                }
                if (depth == 1) {
                    files.put(entry.getName(), content);
                }
            }
        }
        if (depth == 1 && files.isEmpty()) {
            throw new RejectedInputException(what + " is not a readable ZIP archive: it has no files in it.",
                    "Open it in Word or LibreOffice, save it again as a new file and submit that.");
        }
        return files;
    }
}
