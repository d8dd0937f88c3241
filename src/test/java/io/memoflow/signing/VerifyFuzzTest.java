package io.memoflow.signing;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signed memorandum with bytes changed, inserted or cut: {@code verify} always answers with a
 * report (never an exception), and a file whose length is kept but one of whose signed bytes
 * changed is never reported valid. {@code mvn -Pfuzz verify} fuzzes it.
 */
class VerifyFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void aChangedSignedFileIsAnsweredAndNeverValid(FuzzedDataProvider data) {
        SignedMemos memos = SignedMemos.get();
        byte[] original = memos.signed;
        byte[] pdf = original.clone();
        int edits = data.consumeInt(1, 8);
        boolean sameLength = true;
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            int at = data.consumeInt(0, pdf.length - 1);
            switch (data.consumeInt(0, 2)) {
                case 0 -> pdf[at] = data.consumeByte();
                case 1 -> {
                    byte[] cut = new byte[at];
                    System.arraycopy(pdf, 0, cut, 0, at);
                    pdf = cut.length == 0 ? pdf : cut;
                    sameLength = false;
                }
                default -> {
                    byte[] inserted = data.consumeBytes(16);
                    byte[] longer = new byte[pdf.length + inserted.length];
                    System.arraycopy(pdf, 0, longer, 0, at);
                    System.arraycopy(inserted, 0, longer, at, inserted.length);
                    System.arraycopy(pdf, at, longer, at + inserted.length, pdf.length - at);
                    pdf = longer;
                    sameLength = false;
                }
            }
        }
        VerificationReport report = PdfVerifier.verify(pdf, memos.trusted());
        if (report == null) {
            throw new AssertionError("verify answered nothing");
        }
        if (sameLength && !Arrays.equals(pdf, original) && report.valid() && signedByteChanged(original, pdf)) {
            throw new AssertionError("a file with a changed signed byte was reported valid");
        }
    }

    /** Whether a byte outside the last signature's /Contents (so covered by its /ByteRange) differs. */
    private static boolean signedByteChanged(byte[] original, byte[] changed) {
        int[] contents = lastContents(original);
        for (int i = 0; i < original.length; i++) {
            if (original[i] != changed[i] && (i < contents[0] || i >= contents[1])) {
                return true;
            }
        }
        return false;
    }

    /** [start, end) of the hex string of the last signature's /Contents, from its /ByteRange. */
    private static int[] lastContents(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf("/ByteRange");
        Matcher m = Pattern.compile("/ByteRange\\s*\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)").matcher(text);
        if (at < 0 || !m.find(at)) {
            throw new IllegalStateException("the signed test file has no /ByteRange");
        }
        int start = Integer.parseInt(m.group(2));
        int end = Integer.parseInt(m.group(3));
        return new int[] {start, end};
    }
}
