package io.memoflow.mail;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text of a reply is read without failing: a decision word is found only at the start of
 * the reply, and the comment never holds more than the reply. {@code mvn -Pfuzz verify} fuzzes it.
 */
class ReplyFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anyReplyTextIsReadWithoutFailing(String text) {
        ReplyText.Parsed parsed = ReplyText.parse(text);
        if (parsed.kind().isPresent() && (text == null || text.isBlank())) {
            throw new AssertionError("a decision was read from an empty reply");
        }
        if (parsed.comment() != null && text != null && parsed.comment().length() > text.length()) {
            throw new AssertionError("the comment is longer than the reply");
        }
    }
}
