package io.memoflow.draft;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.memoflow.RejectedInputException;

/**
 * Any bytes given as a draft are either read or refused with a reason; nothing else may happen
 * (no other exception, no hang). A normal run replays the seeds in DraftFuzzTestInputs/;
 * {@code mvn -Pfuzz verify} fuzzes it.
 */
class DraftFuzzTest {

    private static final DraftParser PARSER = new DraftParser(DraftLimits.DEFAULT);

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreReadAsADraftOrRefusedWithAReason(byte[] bytes) {
        for (String name : new String[] {"draft.md", "draft.txt"}) {
            try {
                Draft draft = PARSER.parse(bytes, name);
                if (draft.title() == null || draft.body() == null) {
                    throw new AssertionError("a draft was read without a title or a body");
                }
            } catch (RejectedInputException refused) {
                if (refused.reason() == null || refused.reason().isBlank()) {
                    throw new AssertionError("a draft was refused without a reason", refused);
                }
            }
        }
    }
}
