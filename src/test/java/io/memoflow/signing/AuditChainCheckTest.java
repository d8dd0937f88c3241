package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditChainCheckTest {

    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void theHashPrintedAfterItsEnglishLabelIsFound() {
        assertThat(AuditChainCheck.printedHashes("Audit trail\nFinal audit hash: " + HASH + "\nPage 3 of 3"))
                .containsExactly(HASH);
    }

    @Test
    void aHashBrokenOverLinesAndInCapitalsIsReadAsOneLowerCaseHash() {
        String printed = HASH.substring(0, 40).toUpperCase() + "\n" + HASH.substring(40);
        assertThat(AuditChainCheck.printedHashes("Final audit hash: " + printed)).containsExactly(HASH);
    }

    @Test
    void anArabicRightToLeftLineGivesTheHashBeforeItsLabel() {
        assertThat(AuditChainCheck.printedHashes(HASH + " :البصمة النهائية لسجل التدقيق")).containsExactly(HASH);
    }

    @Test
    void sixtyFourHexDigitsWithoutALabelAreNotTakenForTheAuditHash() {
        assertThat(AuditChainCheck.printedHashes("sha256 " + HASH)).isEmpty();
    }

    @Test
    void aLongerRunOfHexDigitsIsNotAnAuditHash() {
        assertThat(AuditChainCheck.printedHashes("Final audit hash: " + HASH + "ab")).isEmpty();
    }
}
