package io.memoflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.VerificationReport;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-party memorandum signed by the daemon's own pipeline (typesetter, audit log, seal, party
 * signatures), cut back at each earlier %%EOF: every cut fails {@code verify}, naming the party
 * whose approval the sealed audit log records but whose signature is gone; the whole file passes.
 */
class SignedMemorandumCutBackTest {

    @TempDir
    Path home;

    @Test
    void everyCutAtAnEarlierRevisionFailsNamingTheMissingSignerAndTheWholeFilePasses() {
        // level B: one revision per signature, nothing after them (LTA's /DSS and timestamp revisions: see LevelsTest)
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of("memoflow.signing.level", "B")), AdjustableClock.system());
        String fm = "title: Memorandum\nlanguage: en\nworkflow: standard\nreviewers: [legal@x.example]\nparties:\n"
                + "  - name: A\n    signatory: Ann\n    email: a@x.example\n  - name: B\n    signatory: Bob\n    email: b@x.example\n";
        byte[] draft = ("---\n" + fm + "---\n\nThe text.\n").getBytes(StandardCharsets.UTF_8);
        String ref = m.service().submit(draft, "memo.md", new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
        m.service().decide(new Decision(ref, "legal@x.example", DecisionKind.APPROVE, "", "cli", "d1", 0, null));
        m.service().decide(new Decision(ref, "a@x.example", DecisionKind.APPROVE, "", "cli", "d2", 0, null));
        m.service().decide(new Decision(ref, "b@x.example", DecisionKind.APPROVE, "", "cli", "d3", 0, null));
        byte[] pdf = m.documents().sign(m.service().memo(ref));
        var trusted = m.documents().signer().keys().trustAnchors();

        VerificationReport whole = PdfVerifier.verify(pdf, trusted);
        assertThat(whole.valid()).as(whole.toText()).isTrue();
        assertThat(whole.signatures()).extracting(VerificationReport.SignatureCheck::email)
                .containsExactly("", "a@x.example", "b@x.example");

        List<Integer> cuts = eofEnds(pdf);
        assertThat(cuts).hasSize(4).last().isEqualTo(pdf.length);
        for (int i = 1; i < cuts.size() - 1; i++) { // the seal only; the seal and Ann
            VerificationReport r = PdfVerifier.verify(Arrays.copyOf(pdf, cuts.get(i)), trusted);
            assertThat(r.valid()).as("cut at %d: %s", cuts.get(i), r.toText()).isFalse();
            assertThat(r.signatures()).allMatch(VerificationReport.SignatureCheck::valid);
            assertThat(r.problems()).anyMatch(p -> p.startsWith("The audit log records the approval of b@x.example")
                    && p.endsWith("but the file has no such signature: it may have been cut back to an earlier revision."));
        }
        VerificationReport sealOnly = PdfVerifier.verify(Arrays.copyOf(pdf, cuts.get(1)), trusted);
        assertThat(sealOnly.problems()).anyMatch(p -> p.startsWith("The audit log records the approval of a@x.example"));
        assertThat(PdfVerifier.verify(Arrays.copyOf(pdf, cuts.get(0)), trusted).valid()).isFalse();
    }

    /** The offset just past each %%EOF and its end of line. */
    private static List<Integer> eofEnds(byte[] pdf) {
        List<Integer> out = new ArrayList<>();
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        for (int i = s.indexOf("%%EOF"); i >= 0; i = s.indexOf("%%EOF", i + 1)) {
            int e = i + 5;
            if (e < pdf.length && pdf[e] == '\r') {
                e++;
            }
            if (e < pdf.length && pdf[e] == '\n') {
                e++;
            }
            out.add(e);
        }
        return out;
    }
}
