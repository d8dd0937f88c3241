package io.memoflow.mail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.memoflow.RejectedInputException;

/**
 * Any bytes read from the mailbox are parsed as a mail (its texts and attachments within the
 * limits) or refused with a reason. {@code mvn -Pfuzz verify} fuzzes it.
 */
class MailFuzzTest {

    private static final MailLimits LIMITS = new MailLimits(1 << 20, 1 << 19, 50, 8);

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreParsedAsAMailOrRefusedWithAReason(byte[] bytes) {
        try {
            IncomingMail mail = IncomingMail.parse(bytes, LIMITS);
            mail.from();
            mail.messageId();
            IncomingMail.describe(bytes);
        } catch (RejectedInputException refused) {
            if (refused.reason() == null || refused.reason().isBlank()) {
                throw new AssertionError("a mail was refused without a reason", refused);
            }
        }
    }
}
