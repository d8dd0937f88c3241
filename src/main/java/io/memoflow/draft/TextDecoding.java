package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bytes of a draft file or a mail body into text, detecting the encoding when it is not
 * declared (or declared with a label nobody knows) and refusing, with a reason for the sender,
 * what is not text at all.
 *
 * <h2>Detection (no usable declared charset)</h2>
 * <ol>
 *   <li>Signatures of known binary formats (PDF, ZIP/DOCX, old Office, images, programs,
 *       archives ...) are rejected, naming the format.</li>
 *   <li>A byte order mark decides: UTF-8, UTF-16LE or UTF-16BE, decoded strictly (damaged text
 *       after the mark is rejected); the mark is not part of the text. UTF-32 marks are
 *       rejected.</li>
 *   <li>Without a mark, NUL bytes mean binary, or UTF-16 without a byte order mark, which is
 *       <em>rejected</em> with its own reason: guessing its byte order could silently produce
 *       nonsense, and every common editor writes UTF-16 with a mark.</li>
 *   <li>Strictly valid UTF-8 (which includes plain ASCII) is UTF-8. UTF-8 that is valid up to
 *       an incomplete character at the very end is rejected as cut off.</li>
 *   <li>Otherwise the {@link LegacyArabicDetector} tries windows-1256 and ISO-8859-6 and accepts
 *       the plausible one; when neither is plausible the bytes are rejected. Western text from a
 *       Windows editor that only uses characters windows-1252 and windows-1256 share (English
 *       with curly quotes and dashes, French with lower-case accents) is thus read correctly and
 *       named windows-1256; Western text using letters the two encode differently (É, À, ß, ñ,
 *       ö ...) is rejected rather than misread.</li>
 *   <li>Decoded text containing NUL characters, or in which invisible control characters make
 *       up 2% or more of the characters, is rejected as binary.</li>
 * </ol>
 *
 * <h2>Declared charsets (mail)</h2>
 * Labels are resolved leniently: WHATWG Encoding Standard labels ("arabic", "asmo-708",
 * "cp1256", "latin1" ...), then the label with everything but letters and digits removed
 * ("windows1256", "UTF_8", "win-1256"), then Java's own names. Following browsers, "us-ascii" and
 * "iso-8859-1" are read as windows-1252. An unknown label ("x-user-defined", "foo") is ignored
 * and the encoding detected. A byte order mark always wins over the label. Because mail is
 * often mislabelled: a body declared in a single-byte charset that is valid UTF-8 with non-ASCII
 * characters is read as UTF-8; a body declared windows-1256 or ISO-8859-6 is read with the one of
 * the two that is plausible, preferring the declared; a body declared Latin (windows-1252,
 * ISO-8859-1, ASCII) whose non-ASCII letters are more than 30% of its letters and which reads
 * plausibly as Arabic in windows-1256 or ISO-8859-6 is read as that; and a body that does not
 * decode in its declared charset is detected as above.
 */
public final class TextDecoding {

    /** Text and the name of the charset it was decoded from. */
    public record Decoded(String text, String charset) {
        public Decoded {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(charset, "charset");
        }
    }

    static final String SAVE_AS_UTF8 = "Open it in a text editor and save it again as UTF-8 (in Notepad: File > Save As,"
            + " Encoding: UTF-8; in Word: File > Save As, Plain Text, then Unicode (UTF-8)), then submit that file.";

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** Normalised label (letters and digits only, lower case) to charset name; "" means: detect. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("unicode11utf8", "UTF-8"), Map.entry("unicode20utf8", "UTF-8"),
            Map.entry("xunicode20utf8", "UTF-8"),
            Map.entry("utf16", "UTF-16"), Map.entry("unicode", "UTF-16"), Map.entry("ucs2", "UTF-16"),
            Map.entry("csunicode", "UTF-16"), Map.entry("iso10646ucs2", "UTF-16"), Map.entry("unicodefeff", "UTF-16LE"),
            Map.entry("utf16le", "UTF-16LE"), Map.entry("utf16be", "UTF-16BE"), Map.entry("unicodefffe", "UTF-16BE"),
            Map.entry("utf32", "UTF-32"), Map.entry("utf32le", "UTF-32LE"), Map.entry("utf32be", "UTF-32BE"),
            Map.entry("windows1256", "windows-1256"), Map.entry("win1256", "windows-1256"), Map.entry("cp1256", "windows-1256"),
            Map.entry("xcp1256", "windows-1256"), Map.entry("ms1256", "windows-1256"), Map.entry("arabicwindows", "windows-1256"),
            Map.entry("windowsarabic", "windows-1256"),
            Map.entry("arabic", "ISO-8859-6"), Map.entry("asmo708", "ISO-8859-6"), Map.entry("csiso88596e", "ISO-8859-6"),
            Map.entry("csiso88596i", "ISO-8859-6"), Map.entry("csisolatinarabic", "ISO-8859-6"), Map.entry("ecma114", "ISO-8859-6"),
            Map.entry("iso88596", "ISO-8859-6"), Map.entry("iso88596e", "ISO-8859-6"), Map.entry("iso88596i", "ISO-8859-6"),
            Map.entry("isoir127", "ISO-8859-6"), Map.entry("iso885961987", "ISO-8859-6"), Map.entry("latinarabic", "ISO-8859-6"),
            Map.entry("ascii", "windows-1252"), Map.entry("usascii", "windows-1252"), Map.entry("ansix341968", "windows-1252"),
            Map.entry("latin1", "windows-1252"), Map.entry("l1", "windows-1252"), Map.entry("iso88591", "windows-1252"),
            Map.entry("iso885911987", "windows-1252"), Map.entry("isoir100", "windows-1252"), Map.entry("csisolatin1", "windows-1252"),
            Map.entry("cp819", "windows-1252"), Map.entry("ibm819", "windows-1252"), Map.entry("windows1252", "windows-1252"),
            Map.entry("win1252", "windows-1252"), Map.entry("cp1252", "windows-1252"), Map.entry("xcp1252", "windows-1252"),
            Map.entry("ansi", "windows-1252"),
            Map.entry("xuserdefined", ""), Map.entry("unknown", ""), Map.entry("unknown8bit", ""), Map.entry("xunknown", ""),
            Map.entry("default", ""), Map.entry("none", ""), Map.entry("binary", ""), Map.entry("8bit", ""));

    private TextDecoding() {
    }

    /**
     * Decodes the bytes to text (without a byte order mark).
     *
     * @param bytes           the bytes, e.g. a mail body part
     * @param declaredCharset the charset label the sender declared, or null/blank when none
     * @return the text; empty for empty bytes
     * @throws RejectedInputException when the bytes are not text memoflow can read
     */
    public static String decode(byte[] bytes, String declaredCharset) {
        return decodeDetailed(bytes, declaredCharset).text();
    }

    /** Like {@link #decode} but also names the charset the text was decoded from. */
    public static Decoded decodeDetailed(byte[] bytes, String declaredCharset) {
        Objects.requireNonNull(bytes, "bytes");
        Optional<Charset> declared = charsetForLabel(declaredCharset);
        if (declared.isEmpty() || bytes.length == 0) {
            return detect(bytes);
        }
        Charset cs = declared.get();
        Bom bom = Bom.of(bytes);
        if (bom != Bom.NONE && !(bom.utf32 && cs.name().startsWith("UTF-32"))) {
            return detect(bytes); // a byte order mark wins over the label
        }
        String name = cs.name();
        Decoded result;
        if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
            result = decodeDeclaredWide(bytes, cs, bom);
        } else if (!isAsciiCompatible(cs)) {
            Strict s = Strict.decode(bytes, 0, cs);
            result = s.ok() ? new Decoded(s.text, cs.name()) : detect(bytes);
        } else {
            FileSignatures.rejectKnownFormats(bytes);
            rejectNulBytes(bytes);
            result = decodeDeclaredNarrow(bytes, cs);
        }
        rejectBinaryText(result.text());
        return result;
    }

    /**
     * Detects the encoding of the bytes and decodes them; see the class description for the
     * rules.
     *
     * @throws RejectedInputException when the bytes are not text memoflow can read
     */
    public static Decoded detect(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            return new Decoded("", StandardCharsets.UTF_8.name());
        }
        FileSignatures.rejectKnownFormats(bytes);
        Bom bom = Bom.of(bytes);
        Decoded result;
        if (bom.utf32) {
            throw new RejectedInputException("The file is in UTF-32 encoding, which memoflow does not read.", SAVE_AS_UTF8);
        } else if (bom != Bom.NONE) {
            Strict s = Strict.decode(bytes, bom.length, bom.charset);
            if (!s.ok()) {
                throw new RejectedInputException("The file starts with the mark of " + bom.label + " text, but the text after"
                        + " it is not valid " + bom.label + " (the first problem is on line " + s.errorLine()
                        + "): the file may be damaged or cut off.", SAVE_AS_UTF8);
            }
            result = new Decoded(s.text, bom.charset.name());
        } else {
            rejectNulBytes(bytes);
            Strict utf8 = Strict.decode(bytes, 0, StandardCharsets.UTF_8);
            if (utf8.ok()) {
                result = new Decoded(utf8.text, StandardCharsets.UTF_8.name());
            } else if (utf8.truncated && utf8.multibyteSeen) {
                throw cutOff();
            } else {
                result = LegacyArabicDetector.detect(bytes, null).orElseThrow(() -> new RejectedInputException(
                        "The file's text is not in an encoding memoflow can recognise: it is not valid UTF-8 (the first"
                                + " problem is on line " + utf8.errorLine() + ") and it does not read as Arabic text in"
                                + " windows-1256 or ISO-8859-6 either.", SAVE_AS_UTF8));
            }
        }
        rejectBinaryText(result.text());
        return result;
    }

    /**
     * The charset a label names, resolved leniently (see the class description); empty when the
     * label is null, blank, unknown, or a label that means "unknown" such as x-user-defined.
     */
    public static Optional<Charset> charsetForLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String trimmed = label.strip();
        while (trimmed.length() >= 2 && (trimmed.startsWith("\"") || trimmed.startsWith("'"))
                && trimmed.charAt(trimmed.length() - 1) == trimmed.charAt(0)) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        if (trimmed.isEmpty() || trimmed.length() > 64) {
            return Optional.empty();
        }
        String key = trimmed.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String name = LABELS.get(key);
        if (name != null) {
            return name.isEmpty() ? Optional.empty() : Optional.of(Charset.forName(name));
        }
        try {
            return Optional.of(Charset.forName(trimmed));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty(); // unknown label: the caller detects the encoding instead
        }
    }

    private static Decoded decodeDeclaredWide(byte[] bytes, Charset cs, Bom bom) {
        Charset actual = cs;
        int offset = 0;
        if (bom.utf32) {
            actual = bom.charset;
            offset = bom.length;
        } else if (cs.name().equals("UTF-16")) {
            // no byte order mark: guess from where the zero (or Arabic 0x06) high bytes are, else big-endian (RFC 2781)
            Charset guess = guessUtf16ByteOrder(bytes);
            actual = guess != null ? guess : StandardCharsets.UTF_16BE;
        } else if (cs.name().equals("UTF-32")) {
            actual = Charset.forName("UTF-32BE");
        }
        Strict s = Strict.decode(bytes, offset, actual);
        if (!s.ok()) {
            throw new RejectedInputException("The text says it is in " + cs.name() + ", but it is not valid " + cs.name()
                    + " (the first problem is on line " + s.errorLine() + "): it may be damaged or cut off.", SAVE_AS_UTF8);
        }
        return new Decoded(stripLeadingBom(s.text), actual.name());
    }

    private static Decoded decodeDeclaredNarrow(byte[] bytes, Charset cs) {
        Strict utf8 = Strict.decode(bytes, 0, StandardCharsets.UTF_8);
        if (cs.equals(StandardCharsets.UTF_8)) {
            if (utf8.ok()) {
                return new Decoded(stripLeadingBom(utf8.text), cs.name());
            }
            if (utf8.truncated && utf8.multibyteSeen) {
                throw cutOff();
            }
            return LegacyArabicDetector.detect(bytes, null).orElseThrow(() -> declaredButNot(cs, utf8.errorLine()));
        }
        boolean singleByte = cs.newEncoder().maxBytesPerChar() <= 1.0f;
        if (singleByte && utf8.ok() && utf8.multibyteSeen) {
            return new Decoded(stripLeadingBom(utf8.text), StandardCharsets.UTF_8.name()); // mislabelled UTF-8
        }
        if (cs.equals(LegacyArabicDetector.WINDOWS_1256) || cs.equals(LegacyArabicDetector.ISO_8859_6)) {
            Optional<Decoded> arabic = LegacyArabicDetector.detect(bytes, cs);
            if (arabic.isPresent()) {
                return arabic.get();
            }
        }
        Strict declared = Strict.decode(bytes, 0, cs);
        if (!declared.ok()) {
            if (utf8.ok()) {
                return new Decoded(stripLeadingBom(utf8.text), StandardCharsets.UTF_8.name());
            }
            return LegacyArabicDetector.detect(bytes, null).orElseThrow(() -> declaredButNot(cs, declared.errorLine()));
        }
        if (cs.equals(WINDOWS_1252) && mostlyNonAsciiLetters(declared.text)) {
            Optional<Decoded> arabic = LegacyArabicDetector.detect(bytes, null);
            if (arabic.isPresent()) {
                return arabic.get(); // Arabic mislabelled as Latin
            }
        }
        return new Decoded(declared.text, cs.name());
    }

    private static boolean mostlyNonAsciiLetters(String text) {
        int letters = 0;
        int nonAscii = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (c >= 0x80) {
                    nonAscii++;
                }
            }
        }
        return letters > 0 && nonAscii * 10 > letters * 3;
    }

    private static RejectedInputException declaredButNot(Charset cs, int line) {
        return new RejectedInputException("The text says it is in " + cs.name() + ", but it is not (the first problem is on"
                + " line " + line + "), and it does not read as " + (cs.equals(StandardCharsets.UTF_8) ? "" : "UTF-8 or as ")
                + "Arabic text in windows-1256 or ISO-8859-6 either.", SAVE_AS_UTF8);
    }

    private static RejectedInputException cutOff() {
        return new RejectedInputException("The file ends in the middle of a character: it seems to have been cut off.",
                "Submit the complete file again (if it was copied or downloaded, check that the copy finished).");
    }

    private static boolean isAsciiCompatible(Charset cs) {
        if (!cs.canEncode()) {
            return false;
        }
        byte[] probe = "%PDF-az09\n".getBytes(cs);
        return Arrays.equals(probe, "%PDF-az09\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String stripLeadingBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Rejects bytes with NUL bytes: binary, or UTF-16 without a byte order mark. */
    private static void rejectNulBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                if (guessUtf16ByteOrder(bytes) != null) {
                    throw new RejectedInputException("The file seems to be UTF-16 text without a byte order mark, so memoflow"
                            + " cannot tell for sure how to read it.", SAVE_AS_UTF8);
                }
                throw new RejectedInputException("This looks like a binary file, not a text draft: it contains NUL (zero)"
                        + " bytes, which text files do not have.", FileSignatures.BINARY_ADVICE);
            }
        }
    }

    /**
     * UTF-16LE or UTF-16BE when the bytes look like UTF-16 without a byte order mark: nearly all
     * high bytes of the 16-bit units on one side are 0x00 (Latin) or 0x06 (Arabic), and nearly
     * none on the other; null otherwise.
     */
    static Charset guessUtf16ByteOrder(byte[] b) {
        if (b.length < 4 || b.length % 2 != 0) {
            return null;
        }
        int pairs = b.length / 2;
        int even = 0;
        int odd = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            if (b[i] == 0 || b[i] == 0x06) {
                even++;
            }
            if (b[i + 1] == 0 || b[i + 1] == 0x06) {
                odd++;
            }
        }
        if (odd * 10 >= pairs * 7 && even * 10 <= pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (even * 10 >= pairs * 7 && odd * 10 <= pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** Rejects decoded text with NUL characters or with 2% or more invisible control characters. */
    private static void rejectBinaryText(String text) {
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new RejectedInputException("This looks like a binary file, not a text draft: it contains NUL (zero)"
                        + " characters, which text files do not have.", FileSignatures.BINARY_ADVICE);
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0B) || (c >= 0x7F && c <= 0x9F)) {
                controls++;
            }
        }
        if (controls >= 4 && controls * 50L >= text.length()) {
            throw new RejectedInputException("This looks like a binary file, not a text draft: " + controls + " of its "
                    + text.length() + " characters are invisible control characters.", FileSignatures.BINARY_ADVICE);
        }
    }

    /** Byte order marks. */
    private enum Bom {
        NONE(0, null, "", false),
        UTF_32LE(4, Charset.forName("UTF-32LE"), "UTF-32", true),
        UTF_32BE(4, Charset.forName("UTF-32BE"), "UTF-32", true),
        UTF_8(3, StandardCharsets.UTF_8, "UTF-8", false),
        UTF_16LE(2, StandardCharsets.UTF_16LE, "UTF-16", false),
        UTF_16BE(2, StandardCharsets.UTF_16BE, "UTF-16", false);

        final int length;
        final Charset charset;
        final String label;
        final boolean utf32;

        Bom(int length, Charset charset, String label, boolean utf32) {
            this.length = length;
            this.charset = charset;
            this.label = label;
            this.utf32 = utf32;
        }

        static Bom of(byte[] b) {
            if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
                return UTF_32LE;
            }
            if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
                return UTF_32BE;
            }
            if (starts(b, 0xEF, 0xBB, 0xBF)) {
                return UTF_8;
            }
            if (starts(b, 0xFF, 0xFE)) {
                return UTF_16LE;
            }
            if (starts(b, 0xFE, 0xFF)) {
                return UTF_16BE;
            }
            return NONE;
        }

        private static boolean starts(byte[] b, int... v) {
            if (b.length < v.length) {
                return false;
            }
            for (int i = 0; i < v.length; i++) {
                if ((b[i] & 0xFF) != v[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The outcome of a strict decode: the text, or where it failed. */
    private static final class Strict {
        String text;
        int errorLine;
        boolean truncated;
        boolean multibyteSeen;

        boolean ok() {
            return text != null;
        }

        int errorLine() {
            return errorLine;
        }

        static Strict decode(byte[] bytes, int offset, Charset charset) {
            Strict s = new Strict();
            CharsetDecoder decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
            CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16L,
                    (long) ((bytes.length - offset) * (double) decoder.maxCharsPerByte()) + 16));
            CoderResult result = decoder.decode(in, out, false);
            if (!result.isError() && !in.hasRemaining()) {
                result = decoder.decode(in, out, true);
                if (!result.isError()) {
                    result = decoder.flush(out);
                }
            }
            out.flip();
            s.multibyteSeen = out.length() < in.position() - offset;
            if (result.isError() || in.hasRemaining()) {
                s.truncated = !result.isError() && in.hasRemaining();
                int line = 1;
                for (int i = 0; i < out.length(); i++) {
                    if (out.get(i) == '\n') {
                        line++;
                    }
                }
                s.errorLine = line;
                return s;
            }
            s.text = out.toString();
            return s;
        }
    }
}
