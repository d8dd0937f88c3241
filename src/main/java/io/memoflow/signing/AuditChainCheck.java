package io.memoflow.signing;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The check of a signed memorandum's embedded audit log: its hash chain, its link to the embedded
 * memorandum text (the sha256 of the last 'version' entry), and the final hash printed on the
 * audit page when one is found in the document's text.
 */
final class AuditChainCheck {

    /** The labels the typesetter prints before the final audit hash (en, ar, fr), and the generic "audit hash". */
    static final String HASH_LABELS = "(?:final audit hash|audit hash|البصمة النهائية لسجل التدقيق|empreinte finale du journal)";
    /**
     * Where the audit page prints the final audit hash: a label, then 64 hex digits (line breaks
     * allowed), or (right-to-left lines as extracted) the hash, then the label.
     */
    static final Pattern PRINTED_HASH = Pattern.compile("(?i)" + HASH_LABELS + "[^0-9a-f\\n]{0,8}([0-9a-f](?:\\s*[0-9a-f]){63})(?![0-9a-f])"
            + "|(?<![0-9a-f])([0-9a-f](?:\\s*[0-9a-f]){63})[^0-9a-f\\n]{0,8}" + HASH_LABELS);

    private AuditChainCheck() {
    }

    /**
     * Checks the audit log attached to a PDF.
     *
     * @param notes where a remark that is not a problem goes (the text could not be read to find the printed hash)
     */
    static VerificationReport.AuditCheck check(PDDocument doc, List<String> notes) throws IOException {
        List<String> ap = new ArrayList<>();
        MemoAttachments.Extracted files = MemoAttachments.extract(doc);
        if (files.audit() == null) {
            ap.add("the PDF carries no " + MemoAttachments.AUDIT);
            return new VerificationReport.AuditCheck(false, 0, false, "", false, null, ap);
        }
        List<String> lines = AuditLog.parseJsonl(files.audit());
        List<String> chainProblems = AuditLog.verify(lines);
        ap.addAll(chainProblems);
        if (lines.isEmpty()) {
            ap.add("it has no entries");
        }
        String finalHash = AuditLog.of(lines).finalHash();
        boolean mdOk = memorandumMatches(files.memorandum(), versionHash(lines), ap);
        String printed = null;
        try {
            List<String> found = printedHashes(new PDFTextStripper().getText(doc));
            if (!found.isEmpty()) {
                printed = found.contains(finalHash) ? finalHash : found.get(found.size() - 1);
                if (!printed.equals(finalHash)) {
                    ap.add("the audit page prints the hash " + printed + ", but the embedded log ends in " + finalHash
                            + ": entries were changed, added or removed after the page was made");
                }
            }
        } catch (IOException | RuntimeException e) {
            notes.add("The text of the document could not be read to find the printed audit hash: " + e.getMessage());
        }
        return new VerificationReport.AuditCheck(true, lines.size(), chainProblems.isEmpty() && !lines.isEmpty(), finalHash,
                mdOk, printed, ap);
    }

    /** The sha256 the last 'version' entry records for the memorandum's text, or null. */
    private static String versionHash(List<String> lines) {
        String versionHash = null;
        for (String line : lines) {
            try {
                AuditEvent e = AuditLog.parse(line);
                if ("version".equals(e.type()) && e.detail().get("sha256") != null) {
                    versionHash = e.detail().get("sha256");
                }
            } catch (IllegalArgumentException e) {
                // reported by AuditLog.verify
            }
        }
        return versionHash;
    }

    /** True when the embedded memorandum text is the version the log records; says why not in {@code ap}. */
    private static boolean memorandumMatches(byte[] memorandum, String versionHash, List<String> ap) {
        if (memorandum == null) {
            ap.add("the PDF carries no " + MemoAttachments.MEMORANDUM + " to check against the log");
            return false;
        }
        if (versionHash == null) {
            ap.add("it has no 'version' entry with a sha256, so the embedded " + MemoAttachments.MEMORANDUM + " cannot be checked");
            return false;
        }
        String actual = AuditLog.sha256(memorandum);
        boolean ok = actual.equalsIgnoreCase(versionHash);
        if (!ok) {
            ap.add("the embedded " + MemoAttachments.MEMORANDUM + " (sha256 " + actual + ") is not the version the log records"
                    + " (sha256 " + versionHash + ")");
        }
        return ok;
    }

    /** The final audit hashes printed in a document's text, in order, lower case, without the line breaks. */
    static List<String> printedHashes(String text) {
        Matcher m = PRINTED_HASH.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            String hex = m.group(1) != null ? m.group(1) : m.group(2);
            found.add(hex.replaceAll("\\s", "").toLowerCase(Locale.ROOT));
        }
        return found;
    }
}
