package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.nio.charset.StandardCharsets;

/**
 * Recognises files that are clearly not text by their first bytes ("magic numbers"), so that a
 * PDF or a Word file renamed to {@code .txt} is rejected with a reason that names what it is.
 */
final class FileSignatures {

    static final String BINARY_ADVICE = "A .md or .txt draft must be plain text. If this is a Word, OpenDocument or PDF file, give it its own"
            + " extension (.docx, .odt, .pdf) and submit it again; otherwise copy the memorandum's text into a"
            + " plain text file (in Notepad: File > Save As, Encoding: UTF-8) and submit that file.";

    private FileSignatures() {
    }

    /** Throws when the bytes start like a known binary or non-draft format. */
    static void rejectKnownFormats(byte[] b) {
        String what = identify(b);
        if (what != null) {
            throw new RejectedInputException("This looks like " + what + ", not a text draft.", BINARY_ADVICE);
        }
    }

    /** What the bytes look like ("a PDF document"), or null when no known signature matches. */
    static String identify(byte[] b) {
        if (startsWith(b, "%PDF-")) {
            return "a PDF document";
        }
        if (startsWith(b, 'P', 'K', 3, 4) || startsWith(b, 'P', 'K', 5, 6) || startsWith(b, 'P', 'K', 7, 8)) {
            return "a ZIP archive (Word .docx and OpenDocument .odt files are ZIP archives too)";
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return "an older Microsoft Office document (.doc, .xls or .msg)";
        }
        if (startsWith(b, "{\\rtf")) {
            return "an RTF (rich text) document";
        }
        if (startsWith(b, "%!PS")) {
            return "a PostScript document";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "a PNG image";
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
            return "a GIF image";
        }
        if (startsWith(b, 'I', 'I', '*', 0) || startsWith(b, 'M', 'M', 0, '*')) {
            return "a TIFF image";
        }
        if (startsWith(b, "RIFF") && b.length >= 12) {
            String kind = new String(b, 8, 4, StandardCharsets.ISO_8859_1);
            switch (kind) {
                case "WEBP":
                    return "a WebP image";
                case "WAVE":
                    return "a WAV sound file";
                case "AVI ":
                    return "an AVI video";
                default:
                    break;
            }
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "a video or image file (MP4, QuickTime or HEIC)";
        }
        if (startsWith(b, "ID3") && b.length >= 5 && b[3] >= 2 && b[3] <= 4 && b[4] == 0) {
            return "an MP3 sound file";
        }
        if (startsWith(b, "OggS")) {
            return "an Ogg sound or video file";
        }
        if (startsWith(b, 0x7F, 'E', 'L', 'F')) {
            return "a program file (Linux executable)";
        }
        if (startsWith(b, 'M', 'Z') && b.length >= 64 && indexOfNul(b, 64) >= 0) {
            return "a program file (Windows .exe or .dll)";
        }
        if (startsWith(b, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return "a program file (Java class or macOS executable)";
        }
        if (startsWith(b, 0xFE, 0xED, 0xFA, 0xCE) || startsWith(b, 0xFE, 0xED, 0xFA, 0xCF)
                || startsWith(b, 0xCE, 0xFA, 0xED, 0xFE) || startsWith(b, 0xCF, 0xFA, 0xED, 0xFE)) {
            return "a program file (macOS executable)";
        }
        if (startsWith(b, 0x1F, 0x8B)) {
            return "a gzip-compressed file";
        }
        if (startsWith(b, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return "a 7-Zip archive";
        }
        if (startsWith(b, "Rar!\u001A\u0007")) {
            return "a RAR archive";
        }
        if (startsWith(b, 0xFD, '7', 'z', 'X', 'Z', 0)) {
            return "an xz-compressed file";
        }
        if (startsWith(b, "BZh") && b.length >= 10 && b[3] >= '1' && b[3] <= '9'
                && startsWithAt(b, 4, "1AY&SY")) {
            return "a bzip2-compressed file";
        }
        if (startsWith(b, "SQLite format 3\u0000")) {
            return "an SQLite database";
        }
        if (startsWith(b, 0, 1, 0, 0, 0) || startsWith(b, "OTTO") || startsWith(b, "wOFF") || startsWith(b, "wOF2")) {
            return "a font file";
        }
        return null;
    }

    private static int indexOfNul(byte[] b, int limit) {
        for (int i = 0; i < Math.min(limit, b.length); i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, String ascii) {
        return startsWithAt(b, 0, ascii);
    }

    private static boolean startsWithAt(byte[] b, int offset, String ascii) {
        if (b.length < offset + ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if ((b[offset + i] & 0xFF) != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int... values) {
        if (b.length < values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if ((b[i] & 0xFF) != values[i]) {
                return false;
            }
        }
        return true;
    }
}
