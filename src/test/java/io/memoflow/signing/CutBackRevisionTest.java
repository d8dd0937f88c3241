package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signed memorandum cut back to an earlier revision (at the end of any %%EOF but the last) is
 * a well-formed PDF whose remaining signatures all verify; what gives it away is that the sealed
 * audit log records the approvals of parties whose signatures, reserved by the certified
 * revision, are no longer in the file.
 */
class CutBackRevisionTest {

    private final SignedMemos memos = SignedMemos.get();

    @Test
    void theWholeFileIsValidAndEveryReservedSignatureIsInIt() {
        VerificationReport r = PdfVerifier.verify(memos.signed, memos.trusted());
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(r.notes()).contains("The certified document reserved 2 party signatures; every one is checked to be in the file.");
    }

    @Test
    void aFileCutBackAtEachEarlierRevisionFailsNamingTheSignaturesItLacks() {
        List<Long> ends = PdfVerifier.revisionEnds(memos.signed);
        assertThat(ends).hasSize(4); // the rendered memorandum with its attachments, the seal, party 1, party 2
        assertThat(ends.get(3)).isEqualTo(memos.signed.length);

        VerificationReport unsigned = PdfVerifier.verify(Arrays.copyOf(memos.signed, ends.get(0).intValue()), memos.trusted());
        assertThat(unsigned.valid()).isFalse();
        assertThat(unsigned.problems()).contains("The PDF has no signatures.");

        VerificationReport sealOnly = PdfVerifier.verify(Arrays.copyOf(memos.signed, ends.get(1).intValue()), memos.trusted());
        assertThat(sealOnly.valid()).as(sealOnly.toText()).isFalse();
        assertThat(sealOnly.signatures()).hasSize(1).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(sealOnly.problems()).containsExactly(missing("dg@dgsn.example.ma", 120, "party-1"),
                missing("mw@politi.example.dk", 180, "party-2"));
        assertThat(sealOnly.exitStatus()).isEqualTo(1);

        VerificationReport oneParty = PdfVerifier.verify(Arrays.copyOf(memos.signed, ends.get(2).intValue()), memos.trusted());
        assertThat(oneParty.valid()).as(oneParty.toText()).isFalse();
        assertThat(oneParty.signatures()).hasSize(2).allMatch(VerificationReport.SignatureCheck::valid);
        assertThat(oneParty.problems()).containsExactly(missing("mw@politi.example.dk", 180, "party-2"));
        assertThat(oneParty.toText()).startsWith("NOT VALID: 2 signatures, 3 revisions")
                .contains("the file has no such signature: it may have been cut back to an earlier revision");
    }

    private static String missing(String email, int seconds, String field) {
        return "The audit log records the approval of " + email + " (approved version 1 at " + Fixtures.T0.plusSeconds(seconds)
                + "), whose signature the certified document reserved in field '" + field + "', but the file has no such signature:"
                + " it may have been cut back to an earlier revision.";
    }
}
