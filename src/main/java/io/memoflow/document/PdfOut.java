package io.memoflow.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;

/**
 * A minimal PDF file writer: numbered objects, streams (deflated), a classic cross-reference
 * table and a trailer. Output depends only on what is written, so the same document gives the
 * same bytes (no clock, no random numbers).
 */
final class PdfOut {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final List<Integer> offsets = new ArrayList<>();
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private byte[] deflateBuffer = new byte[16 * 1024];

    PdfOut() {
        ascii("%PDF-1.7\n");
        out.write(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'}, 0, 6);
        offsets.add(0); // object 0
    }

    /** Reserves an object number, to be written later with {@link #object(int, String)} or {@link #stream}. */
    int reserve() {
        offsets.add(-1);
        return offsets.size() - 1;
    }

    void object(int number, CharSequence body) {
        begin(number);
        ascii(body);
        ascii("\nendobj\n");
    }

    /** A stream object; {@code dictionary} holds the entries without /Length and /Filter. */
    void stream(int number, String dictionary, byte[] data, boolean compress) {
        byte[] payload = compress ? deflate(data) : data;
        begin(number);
        ascii("<<");
        ascii(dictionary);
        ascii(compress ? " /Filter /FlateDecode /Length " : " /Length ");
        ascii(Integer.toString(payload.length));
        ascii(">>\nstream\n");
        out.write(payload, 0, payload.length);
        ascii("\nendstream\nendobj\n");
    }

    /** A stream whose data is already encoded as {@code dictionary} says (e.g. /Filter /DCTDecode). */
    void encodedStream(int number, String dictionary, byte[] payload) {
        begin(number);
        ascii("<<");
        ascii(dictionary);
        ascii(" /Length ");
        ascii(Integer.toString(payload.length));
        ascii(">>\nstream\n");
        out.write(payload, 0, payload.length);
        ascii("\nendstream\nendobj\n");
    }

    private void begin(int number) {
        if (offsets.get(number) != -1) {
            throw new IllegalStateException("PDF object " + number + " written twice");
        }
        offsets.set(number, out.size());
        ascii(number + " 0 obj\n");
    }

    byte[] deflate(byte[] data) {
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream bos = new ByteArrayOutputStream(Math.max(64, data.length / 2));
        while (!deflater.finished()) {
            int n = deflater.deflate(deflateBuffer);
            bos.write(deflateBuffer, 0, n);
        }
        return bos.toByteArray();
    }

    /**
     * Writes the cross-reference table and trailer and returns the file. {@code id} is the
     * hex of the document identifier (both halves of /ID).
     */
    byte[] finish(int catalog, int info, String idHex) {
        for (int i = 1; i < offsets.size(); i++) {
            if (offsets.get(i) < 0) {
                throw new IllegalStateException("PDF object " + i + " was reserved but never written");
            }
        }
        deflater.end();
        int xref = out.size();
        StringBuilder sb = new StringBuilder(offsets.size() * 20 + 200);
        sb.append("xref\n0 ").append(offsets.size()).append('\n');
        sb.append("0000000000 65535 f\r\n");
        for (int i = 1; i < offsets.size(); i++) {
            String o = Integer.toString(offsets.get(i));
            sb.append("0".repeat(10 - o.length())).append(o).append(" 00000 n\r\n");
        }
        sb.append("trailer\n<< /Size ").append(offsets.size()).append(" /Root ").append(catalog).append(" 0 R /Info ")
                .append(info).append(" 0 R /ID [<").append(idHex).append("> <").append(idHex).append(">] >>\nstartxref\n")
                .append(xref).append("\n%%EOF\n");
        ascii(sb);
        return out.toByteArray();
    }

    /** Everything written so far (used to derive the document ID from the content). */
    byte[] soFar() {
        return out.toByteArray();
    }

    private void ascii(CharSequence s) {
        byte[] b = s.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
    }

    // ---- helpers for building PDF syntax ----

    /**
     * A PDF name ({@code /application#2Fjsonl}): bytes of its UTF-8 form outside the regular
     * printable characters, and the delimiters, written as {@code #XX}.
     */
    static String name(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append('/');
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x21 || c > 0x7E || "()<>[]{}/%#".indexOf(c) >= 0) {
                sb.append('#').append(HexFormat.of().withUpperCase().toHexDigits(b));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    /** A PDF text string: ASCII printable as a literal, anything else as UTF-16BE hex. */
    static String text(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                plain = false;
                break;
            }
        }
        StringBuilder sb = new StringBuilder(s.length() * 4 + 8);
        if (plain) {
            sb.append('(');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '(' || c == ')' || c == '\\') {
                    sb.append('\\');
                }
                sb.append(c);
            }
            return sb.append(')').toString();
        }
        sb.append("<FEFF");
        for (int i = 0; i < s.length(); i++) {
            hex4(sb, s.charAt(i));
        }
        return sb.append('>').toString();
    }

    static void hex4(StringBuilder sb, int v) {
        sb.append(HEX[(v >> 12) & 15]).append(HEX[(v >> 8) & 15]).append(HEX[(v >> 4) & 15]).append(HEX[v & 15]);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Appends a number with at most 3 decimals, no exponent, no trailing zeros. */
    static void num(StringBuilder sb, double v) {
        long scaled = Math.round(v * 1000.0);
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        long whole = scaled / 1000;
        int frac = (int) (scaled % 1000);
        sb.append(whole);
        if (frac != 0) {
            sb.append('.');
            if (frac < 100) {
                sb.append('0');
            }
            if (frac < 10) {
                sb.append('0');
            }
            while (frac % 10 == 0) {
                frac /= 10;
            }
            sb.append(frac);
        }
    }

    static String num(double v) {
        StringBuilder sb = new StringBuilder(12);
        num(sb, v);
        return sb.toString();
    }
}
