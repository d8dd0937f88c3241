package io.memoflow.draft;

import io.memoflow.RejectedInputException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Checks that a document's bytes are of the kind its name says, and says what they are when not. */
final class FormatChecks {

    private FormatChecks() {
    }

    /** Refuses bytes that are not a ZIP archive, naming what they look like. */
    static void expectZip(byte[] bytes, String kind) {
        if (ZipGuard.isZip(bytes)) {
            return;
        }
        String what = FileSignatures.identify(bytes);
        throw new RejectedInputException("The file is named as " + kind + " but it is not one: "
                + (what != null ? "it looks like " + what + "." : "it is not a ZIP archive, as such documents are."),
                "Open it in the program that made it, save it again as " + kind + " and submit that file.");
    }

    /** The refusal for a ZIP archive that lacks the part the format needs. */
    static RejectedInputException wrongZip(Map<String, byte[]> files, String kind, String part) {
        byte[] mimetype = files.get("mimetype");
        String actually;
        if (mimetype != null && new String(mimetype, StandardCharsets.US_ASCII).startsWith("application/vnd.oasis.opendocument.text")) {
            actually = "it is an OpenDocument text (.odt)";
        } else if (files.containsKey("word/document.xml")) {
            actually = "it is a Word document (.docx)";
        } else if (files.containsKey("xl/workbook.xml") || files.containsKey("ppt/presentation.xml")) {
            actually = "it is an Excel or PowerPoint file";
        } else if (mimetype != null) {
            actually = "it is an OpenDocument file of another kind (spreadsheet, presentation ...)";
        } else {
            actually = "it is a ZIP archive of " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " without " + part;
        }
        return new RejectedInputException("The file is named as " + kind + " but it is not one: " + actually + ".",
                "Submit the memorandum itself, saved as " + kind + " (or give the file the name of what it is).");
    }
}
