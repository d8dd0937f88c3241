package io.memoflow.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoServiceTest {

    @TempDir
    Path home;

    private MemoService service(Map<String, String> settings) {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, settings), AdjustableClock.system());
        return m.service();
    }

    private static byte[] draft(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameInputReadAgainAfterACrashIsRecognisedAndNotStoredTwice() {
        MemoService s = service(Map.of("memoflow.workflow.default", "auto"));
        Accepted first = s.submit(draft("# One\n\nText.\n"), "one.md", new Intake("file", "", "file:one.md:14:1000", "one.md"));
        Accepted again = s.submit(draft("# One\n\nText.\n"), "one.md", new Intake("file", "", "file:one.md:14:1000", "one.md"));
        assertThat(again.reference()).isEqualTo(first.reference());
        assertThat(again.resumed()).isTrue();
        assertThat(s.store().list()).hasSize(1);
    }

    @Test
    void duplicatesAreRefusedByDefaultAndTakenAsNewMemorandaWhenConfigured() {
        MemoService strict = service(Map.of("memoflow.workflow.default", "auto"));
        Accepted first = strict.submit(draft("# Two\n\nText.\n"), "a.md", new Intake("file", "", "k1", "a.md"));
        assertThatThrownBy(() -> strict.submit(draft("# Two\n\nText.\n"), "b.md", new Intake("file", "", "k2", "b.md")))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining(first.reference());

        MemoService lenient = service(Map.of("memoflow.workflow.default", "auto", "memoflow.duplicates", "accept"));
        Accepted second = lenient.submit(draft("# Two\n\nText.\n"), "b.md", new Intake("file", "", "k2", "b.md"));
        assertThat(second.reference()).isNotEqualTo(first.reference());
        assertThat(lenient.memo(second.reference()).audit.get(0)).contains("\"duplicate\":\"true\"");
        Accepted secondAgain = lenient.submit(draft("# Two\n\nText.\n"), "b.md", new Intake("file", "", "k2", "b.md"));
        assertThat(secondAgain.reference()).isEqualTo(second.reference());
    }

    @Test
    void aPlainTextDraftIsRecordedAsTextAndAMarkdownDraftAsMarkdown() {
        MemoService s = service(Map.of("memoflow.workflow.default", "auto"));
        Accepted txt = s.submit(draft("Title line\n* not a list\n"), "a.txt", new Intake("file", "", "k3", "a.txt"));
        Accepted md = s.submit(draft("# Title\n* a list\n"), "b.md", new Intake("file", "", "k4", "b.md"));
        assertThat(s.memo(txt.reference()).versions.get(0).format).isEqualTo("text");
        assertThat(s.memo(md.reference()).versions.get(0).format).isEqualTo("markdown");
    }

    static final String PARTIES = "parties:\n  - name: DGSN\n    email: dg@dgsn.example.ma\n"
            + "  - name: Danish National Police\n    email: mw@politi.example.dk\n";

    private static Intake file(String name) {
        return new Intake("file", "", "file:" + name, name);
    }

    @Test
    void aDraftNamingAutoIsRefusedUnlessAutoIsSelectableOrTheDefault() {
        MemoService s = service(Map.of());
        String text = "---\ntitle: Sealed at once\nworkflow: auto\n---\nText.\n";
        assertThatThrownBy(() -> s.submit(draft(text), "a.md", file("a.md")))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("The draft asks for the workflow 'auto', which drafts may not name")
                .hasMessageContaining("Name one of: standard")
                .hasMessageContaining("memoflow.workflows.auto.selectable=true");
        assertThat(s.store().list()).isEmpty();

        assertThat(service(Map.of("memoflow.workflow.default", "auto")).submit(draft(text), "b.md", file("b.md")).version())
                .as("the default may be named").isEqualTo(1);
        assertThat(service(Map.of("memoflow.workflows.auto.selectable", "true")).submit(draft(text.replace("at once", "too")), "c.md",
                file("c.md")).version()).as("selectable when configured").isEqualTo(1);
    }

    @Test
    void aNewVersionCannotTakeOverAnotherAuthorsMemorandumNorSkipItsReview() {
        MemoService s = service(Map.of());
        Accepted v1 = s.submit(draft("---\ntitle: Cooperation\nauthor: secretariat@dgsn.example.ma\nreviewers: [legal@dgsn.example.ma]\n"
                + PARTIES + "---\nText.\n"), "v1.md", file("v1.md"));
        String ref = v1.reference();

        assertThatThrownBy(() -> s.submit(draft("---\nreference: " + ref + "\nworkflow: auto\nauthor: intruder@elsewhere.example\n---\n"
                + "Taken over.\n"), "v2.md", file("v2.md")))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("names the author intruder@elsewhere.example, but the author of " + ref
                        + " is secretariat@dgsn.example.ma; a new version keeps its memorandum's author");
        assertThatThrownBy(() -> s.submit(draft("---\nreference: " + ref + "\nworkflow: auto\n---\nSealed at once.\n"), "v3.md",
                file("v3.md")))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("names the workflow 'auto', but " + ref + " runs under the workflow 'standard'");
        var memo = s.memo(ref);
        assertThat(memo.version).isEqualTo(1);
        assertThat(memo.author).isEqualTo("secretariat@dgsn.example.ma");
        assertThat(memo.state).isEqualTo(io.memoflow.memo.MemoState.IN_REVIEW);
    }

    @Test
    void theAuthorIsToldOfEveryNewVersionAndWhereItCameFrom() {
        MemoService s = service(Map.of());
        Accepted v1 = s.submit(draft("---\ntitle: Cooperation\nauthor: secretariat@dgsn.example.ma\nreviewers: [legal@dgsn.example.ma]\n"
                + PARTIES + "---\nText.\n"), "v1.md", file("v1.md"));
        assertThat(s.memo(v1.reference()).work).noneMatch(w -> "new-version".equals(w.template));

        s.submit(draft("---\nreference: " + v1.reference() + "\n---\nBetter text.\n"), "v2.md", file("v2.md"));
        var memo = s.memo(v1.reference());
        assertThat(memo.version).isEqualTo(2);
        assertThat(memo.work).filteredOn(w -> "new-version".equals(w.template)).singleElement().satisfies(w -> {
            assertThat(w.to).containsExactly("secretariat@dgsn.example.ma");
            assertThat(w.version).isEqualTo(2);
            assertThat(w.comment).contains("'v2.md'");
        });
    }

    @Test
    void anAuthorWhoIsAlsoASignatoryIsRefusedAtIntakeAlsoWhenTheAuthorIsTheConfiguredDefault() {
        MemoService s = service(Map.of());
        assertThatThrownBy(() -> s.submit(draft("---\ntitle: Own\nauthor: dg@dgsn.example.ma\nreviewers: [legal@dgsn.example.ma]\n"
                + PARTIES + "---\nText.\n"), "a.md", file("a.md")))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("The author dg@dgsn.example.ma is also the signatory of the party 'DGSN'");
        MemoService defaulted = service(Map.of("memoflow.author.default", "mw@politi.example.dk"));
        assertThatThrownBy(() -> defaulted.submit(draft("---\ntitle: Own\nreviewers: [legal@dgsn.example.ma]\n" + PARTIES
                + "---\nText.\n"), "b.md", file("b.md")))
                .hasMessageContaining("The author mw@politi.example.dk is also the signatory of the party 'Danish National Police'");
        assertThat(s.store().list()).isEmpty();
    }

    @Test
    void defaultPartiesSharingASignatoryAreAConfigurationError() {
        assertThatThrownBy(() -> service(Map.of("memoflow.parties.default", "A | X | | x@a.example; B | X | | X@a.example")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoflow.parties.default").hasMessageContaining("same signatory address x@a.example");
    }

    @Test
    void textQuotedInALogLineShowsEscapeC1AndBidiControlsVisibly() {
        assertThat(MemoService.printable("memo\u001B[2J\r\nforged\u009B31m\u202Efdp.exe\u200F.md"))
                .isEqualTo("memo[U+001B][2J[U+000D][U+000A]forged[U+009B]31m[U+202E]fdp.exe\u200F.md");
        assertThat(MemoService.printable("x".repeat(130))).hasSize(121).endsWith("…");
        assertThat(MemoService.printable(null)).isEmpty();
    }
}
