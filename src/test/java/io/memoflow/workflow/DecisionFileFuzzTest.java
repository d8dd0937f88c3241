package io.memoflow.workflow;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.memoflow.RejectedInputException;

/**
 * Any bytes dropped into decisions/ are read as a decision or refused with a reason; a decision
 * read names a memorandum, a person and one of the three decisions. {@code mvn -Pfuzz verify}
 * fuzzes it.
 */
class DecisionFileFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreReadAsADecisionOrRefusedWithAReason(byte[] bytes) {
        try {
            Decision d = DecisionFiles.parse(bytes, "file", "fuzz");
            if (d.reference() == null || d.by() == null || d.kind() == null) {
                throw new AssertionError("a decision was read without its memorandum, person or decision: " + d);
            }
        } catch (RejectedInputException refused) {
            if (refused.reason() == null || refused.reason().isBlank()) {
                throw new AssertionError("a decision file was refused without a reason", refused);
            }
        }
    }
}
