package io.memoflow.draft;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.memoflow.RejectedInputException;

/**
 * Any bytes given as an HTML, Word (.docx), OpenDocument (.odt) or PDF draft are either read or
 * refused with a reason, like text drafts in {@link DraftFuzzTest}; the readers of the document
 * formats (jsoup, the ZIP guard and the XML of .docx and .odt, PDFBox) are what this target reaches.
 * A normal run replays the seeds in DocumentDraftFuzzTestInputs/ (a small draft of each kind);
 * {@code mvn -Pfuzz verify} fuzzes it.
 */
class DocumentDraftFuzzTest {

    private static final DraftParser PARSER = new DraftParser(DraftLimits.DEFAULT);

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreReadAsADocumentDraftOrRefusedWithAReason(byte[] bytes) {
        for (String name : new String[] {"draft.html", "draft.docx", "draft.odt", "draft.pdf"}) {
            try {
                Draft draft = PARSER.parse(bytes, name);
                if (draft.title() == null || draft.body() == null) {
                    throw new AssertionError("a " + name + " was read without a title or a body");
                }
            } catch (RejectedInputException refused) {
                if (refused.reason() == null || refused.reason().isBlank()) {
                    throw new AssertionError("a " + name + " was refused without a reason", refused);
                }
            }
        }
    }
}
