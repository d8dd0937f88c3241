package io.memoflow.mail;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.TextDecoding;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header text as real mail carries it, made readable: RFC 2047 encoded words ({@code =?windows-1256?B?...?=},
 * {@code =?utf-8?q?...?=}), RFC 2231 parameter values ({@code windows-1256''%C7%E1...}) and raw 8-bit
 * header bytes (UTF-8 or a legacy Arabic encoding, sent without any encoding by some mailers).
 * Charset labels are resolved by {@link TextDecoding} (so {@code cp1256}, {@code arabic},
 * {@code x-user-defined} and unknown labels work); adjacent encoded words in the same charset are
 * joined before decoding, so a character split between two words survives. Never throws: what
 * cannot be decoded is kept as it was.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,64})\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern RFC2231 = Pattern.compile("([A-Za-z0-9_.:+-]{0,64})'[A-Za-z0-9-]{0,32}'((?:%[0-9A-Fa-f]{2}|[^%'\\s])*)");
    private static final Pattern PERCENT = Pattern.compile("%[0-9A-Fa-f]{2}");

    private EncodedWords() {
    }

    /**
     * Decodes a header value: unfolds it, turns raw 8-bit bytes (given as characters U+0080 to
     * U+00FF, the way Jakarta Mail hands them over) into text, then decodes encoded words.
     */
    public static String decode(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.replaceAll("\r?\n[ \t]", " ").replace("\r", "").replace("\n", "");
        s = eightBit(s);
        if (!s.contains("=?")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(s);
        int last = 0;
        String pendingCharset = null;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        while (m.find()) {
            String between = s.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language: =?utf-8*ar?B?...?=
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : quoted(m.group(3));
            if (adjacent && charset.equalsIgnoreCase(pendingCharset)) {
                pending.writeBytes(bytes);
            } else {
                if (pendingCharset != null) {
                    out.append(text(pending.toByteArray(), pendingCharset));
                    pending.reset();
                }
                if (!adjacent) {
                    out.append(between);
                }
                pendingCharset = charset;
                pending.writeBytes(bytes);
            }
            last = m.end();
        }
        if (pendingCharset != null) {
            out.append(text(pending.toByteArray(), pendingCharset));
        }
        out.append(s.substring(last));
        return out.toString();
    }

    /**
     * Decodes a MIME parameter value such as an attachment's file name: RFC 2231 values that the
     * mail library left encoded ({@code charset''%XX...}, or percent escapes without their charset
     * when it did not know the charset), RFC 2047 encoded words (not allowed there, but common),
     * raw 8-bit bytes.
     */
    public static String decodeParameter(String value) {
        if (value == null) {
            return "";
        }
        String v = value.strip();
        Matcher m = RFC2231.matcher(v);
        if (m.matches() && v.contains("%")) {
            return text(percent(m.group(2)), m.group(1));
        }
        if (PERCENT.matcher(v).find() && v.chars().allMatch(c -> c < 0x80)) {
            byte[] bytes = percent(v);
            boolean high = false;
            for (byte b : bytes) {
                high |= b < 0;
            }
            if (high) {
                return text(bytes, null);
            }
        }
        return decode(v);
    }

    /** Raw header bytes (characters up to U+00FF standing for bytes) decoded as UTF-8 or a legacy Arabic encoding. */
    static String eightBit(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s; // already text
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return s;
        }
        return text(s.getBytes(StandardCharsets.ISO_8859_1), null);
    }

    /** Bytes in a (possibly unknown) charset as text; falls back to detection, then to Latin-1. */
    static String text(byte[] bytes, String label) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            return clean(TextDecoding.decode(bytes, label));
        } catch (RejectedInputException e) {
            Optional<Charset> cs = TextDecoding.charsetForLabel(label);
            try {
                return clean(cs.orElse(StandardCharsets.UTF_8).newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException impossible) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static String clean(String s) {
        return s.replaceAll("[\\p{Cntrl}&&[^\t]]", " ");
    }

    private static byte[] base64(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = value(text.charAt(i));
            if (v < 0) {
                continue; // padding and stray characters
            }
            bits = (bits << 6) | v;
            n += 6;
            if (n >= 8) {
                n -= 8;
                out.write((bits >> n) & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
    }

    private static byte[] quoted(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c & 0xFF);
            }
        }
        return out.toByteArray();
    }

    private static byte[] percent(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0
                    && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
