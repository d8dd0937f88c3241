package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile and broken input through the real intake routes: each is kept unchanged in rejected/
 * with a reason in plain words, nothing else changes, and the next good input still flows.
 * The README's table of hostile input points at these tests.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/HostileInputRouteTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "memoflow.workflow.default=auto",
        "memoflow.limits.draft-bytes=65536"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputRouteTest {

    static final Path HOME = TestHomes.fresh("HostileInputRouteTest");
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeanInject
    Memoflow memoflow;

    private String rejectedReason(String nameFragment) {
        Awaitility.await().atMost(WAIT).until(() -> TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .anyMatch(p -> p.getFileName().toString().contains(nameFragment)));
        Path reason = TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .filter(p -> p.getFileName().toString().contains(nameFragment)).findFirst().orElseThrow();
        Path input = reason.resolveSibling(reason.getFileName().toString().replaceFirst("\\.error\\.txt$", ""));
        // the reason is written while the exchange fails; the file consumer moves the input once it completes
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(input).as("the input is kept beside its reason").exists());
        return TestHomes.read(reason);
    }

    private void goodDraftStillFlows(String title) {
        TestHomes.drop(HOME.resolve("inbox"), title.replace(' ', '-') + ".md", "# " + title + "\n\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals(title)));
    }

    @Test
    void binaryAndTruncatedFilesAreRejectedAsWhatTheyAre() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "scan.txt", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1));
        TestHomes.drop(HOME.resolve("inbox"), "nul.md", new byte[] {'a', 0, 'b', 0, 'c'});
        byte[] arabic = "مذكرة تفاهم".getBytes(StandardCharsets.UTF_8);
        TestHomes.drop(HOME.resolve("inbox"), "cut.md", java.util.Arrays.copyOf(arabic, arabic.length - 1));
        assertThat(rejectedReason("scan.txt")).contains("This looks like a PDF document, not a text draft");
        assertThat(rejectedReason("nul.md")).contains("binary file");
        assertThat(rejectedReason("cut.md")).contains("cut off");
        goodDraftStillFlows("After binary");
    }

    @Test
    void emptyOversizedAndWronglyEncodedDraftsAreRejectedWithTheLimitOrEncodingNamed() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "empty.md", new byte[0]);
        TestHomes.drop(HOME.resolve("inbox"), "huge.md", ("# Huge\n" + "x".repeat(70_000)).getBytes(StandardCharsets.UTF_8));
        TestHomes.drop(HOME.resolve("inbox"), "latin.txt", "Ça coûte trop cher, très cher: €, ß, ñ".getBytes(Charset.forName("windows-1252")));
        assertThat(rejectedReason("empty.md")).contains("empty");
        assertThat(rejectedReason("huge.md")).contains("at most 65536 bytes").contains("memoflow.limits.draft-bytes");
        assertThat(rejectedReason("latin.txt")).contains("not in an encoding memoflow can recognise");
        goodDraftStillFlows("After empty");
    }

    @Test
    void hostileFileNamesAreKeptUnderSafeNamesAndSaidAsTheyWere() throws Exception {
        String control = "bad\u001b[31mname\nnext.md";
        String longName = "م".repeat(100) + ".md"; // 200 bytes in UTF-8
        TestHomes.drop(HOME.resolve("inbox"), control, "---\nworkflow: nope\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), longName, "---\nworkflow: nope\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "-rf ..md", "---\nworkflow: nope\n---\nText.\n");
        String reason = rejectedReason("bad_31mname_next.md");
        assertThat(reason).contains("\"bad[U+001B][31mname[U+000A]next.md\"").doesNotContain("\u001b");
        assertThat(rejectedReason("مممم")).contains("workflow 'nope'");
        assertThat(rejectedReason("-rf_..md")).contains("workflow 'nope'");
        for (Path p : TestHomes.files(HOME.resolve("rejected"), "*")) {
            String n = p.getFileName().toString();
            assertThat(n).doesNotContain("\n").doesNotContain("\u001b").doesNotStartWith(".");
            assertThat(n.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        }
        goodDraftStillFlows("After names");
    }

    @Test
    void yamlBombsTagsAndUnexpectedTypesInFrontMatterAreRejected() {
        TestHomes.drop(HOME.resolve("inbox"), "bomb.md", "---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "tag.md", "---\ntitle: !!binary aGVsbG8=\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "types.md", "---\ntitle: [not, text]\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "deep.md", "---\nparties: " + "[".repeat(50) + "]".repeat(50) + "\n---\nText.\n");
        assertThat(rejectedReason("bomb.md")).contains("anchor or alias");
        assertThat(rejectedReason("tag.md")).contains("memoflow does not accept tags");
        assertThat(rejectedReason("types.md")).contains("\"title\"").contains("single line of text");
        assertThat(rejectedReason("deep.md")).contains("nested more than");
        goodDraftStillFlows("After yaml");
    }

    @Test
    void markupAndTemplateSyntaxInFieldsIsKeptAsPlainTextNeverInterpreted() {
        String title = "<script>alert(1)</script> {{memoflow.smtp.password}} ${jndi:ldap://x/a} <!ENTITY x SYSTEM \"file:///etc/passwd\">";
        TestHomes.drop(HOME.resolve("inbox"), "markup.md", "---\ntitle: '" + title + "'\n---\nBody <b>bold</b> &amp; {{x}}\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals(title)));
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals(title)).findFirst().orElseThrow().reference();
        assertThat(new String(memoflow.store().getFile(ref, "v1.md").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("Body <b>bold</b> &amp; {{x}}\n");
        TestHomes.await(HOME.resolve("signed"), ref + ".pdf", 1, WAIT);
    }

    @Test
    void anAuthorWhoSignsForAPartyAndTwoPartiesWithOneSignatoryAreRejectedWithWhatToChange() {
        int before = memoflow.store().list().size();
        TestHomes.drop(HOME.resolve("inbox"), "author-signs.md", "---\ntitle: Own approval\nauthor: dg@dgsn.example.ma\nparties:\n"
                + "  - name: DGSN\n    email: dg@dgsn.example.ma\n  - name: Police\n    email: mw@politi.example.dk\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "one-signatory.md", "---\ntitle: One approval, two boxes\nparties:\n"
                + "  - name: DGSN\n    email: dg@dgsn.example.ma\n  - name: Gendarmerie\n    email: dg@dgsn.example.ma\n---\nText.\n");
        assertThat(rejectedReason("author-signs.md")).contains("The author dg@dgsn.example.ma is also the signatory of the party 'DGSN'",
                "a signatory cannot approve their own memorandum as its author", "What to do: Name another author");
        assertThat(rejectedReason("one-signatory.md")).contains("party 1 (line 4) and party 2 (line 6) have the same signatory address"
                + " dg@dgsn.example.ma", "What to do: Give each party the address of its own signatory");
        assertThat(memoflow.store().list().stream().filter(m -> m.title().startsWith("Own approval") || m.title().startsWith("One approval")))
                .isEmpty();
        goodDraftStillFlows("After authority");
        assertThat(memoflow.store().list()).hasSizeGreaterThan(before);
    }

    @Test
    void aReferenceThatLooksLikeAPathIsRejectedNotFollowed() {
        TestHomes.drop(HOME.resolve("inbox"), "traversal.md", "---\nreference: ../../etc/passwd\n---\nText.\n");
        TestHomes.drop(HOME.resolve("decisions"), "traversal.decision", "memo: ../../../etc/passwd\nby: a@x.example\ndecision: approve\n");
        assertThat(rejectedReason("traversal.md")).contains("is not a memoflow reference");
        assertThat(rejectedReason("traversal.decision")).contains("is not a memorandum reference");
    }

    @Test
    void aDecisionForAFinishedMemorandumIsRejectedAndChangesNothing() {
        TestHomes.drop(HOME.resolve("inbox"), "finished.md", "# Finished memo\n\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream()
                .anyMatch(s -> s.title().equals("Finished memo") && s.state() == MemoState.COMPLETED));
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Finished memo")).findFirst().orElseThrow().reference();
        List<String> before = memoflow.store().find(ref).map(m -> m.audit).orElseThrow();
        TestHomes.drop(HOME.resolve("decisions"), "late.decision", DecisionFiles.format(ref, 1, "a@x.example", DecisionKind.REJECT, "too late"));
        assertThat(rejectedReason("late.decision")).contains(ref + " is completed; it does not wait for decisions now");
        Memo after = memoflow.store().find(ref).orElseThrow();
        assertThat(after.audit).isEqualTo(before);
        assertThat(after.state).isEqualTo(MemoState.COMPLETED);
    }

    @Test
    void theSameDraftTwiceIsRejectedAsADuplicateNamingTheExistingReference() throws Exception {
        String text = "# Duplicate check\n\nSame text twice.\n";
        TestHomes.drop(HOME.resolve("inbox"), "dup-1.md", text);
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("Duplicate check")));
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Duplicate check")).findFirst().orElseThrow().reference();
        Thread.sleep(20);
        TestHomes.drop(HOME.resolve("inbox"), "dup-2.md", text);
        assertThat(rejectedReason("dup-2.md")).contains("same text and details as version 1 of " + ref).contains("memoflow status " + ref);
        assertThat(memoflow.store().list().stream().filter(s -> s.title().equals("Duplicate check"))).hasSize(1);
    }

    @Test
    void filesBeingWrittenUnderATemporaryNameAreLeftAlone() throws Exception {
        Files.writeString(HOME.resolve("inbox").resolve(".hidden.md"), "# Hidden\n\nText.\n");
        Files.writeString(HOME.resolve("inbox").resolve("partial.md.part"), "# Partial\n\nText.\n");
        Files.writeString(HOME.resolve("inbox").resolve("copy.md.tmp"), "# Copying\n\nText.\n");
        goodDraftStillFlows("After temporaries");
        assertThat(HOME.resolve("inbox").resolve(".hidden.md")).exists();
        assertThat(HOME.resolve("inbox").resolve("partial.md.part")).exists();
        assertThat(HOME.resolve("inbox").resolve("copy.md.tmp")).exists();
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().equals("Hidden") || s.title().equals("Partial"));
    }
}
