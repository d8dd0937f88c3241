package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import io.memoflow.testing.Commands;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memoflow diff} and the change counts of {@code memoflow status --json}, on a memorandum with two versions. */
class DiffCommandTest {

    static final String KEPT = "يتعاون الطرفان في مجال التدريب.";
    static final String DELETED = "ويتبادلان المعلومات كل ستة أشهر.";
    static final String INSERTED = "وتُشكَّل لجنة مشتركة للمتابعة.";

    @TempDir
    Path home;

    String reference;

    private static byte[] draft(String extra, String body) {
        return ("---\ntitle: التدريب\nlanguage: ar\nauthor: secretariat@one.example\nreviewers: [legal@one.example]\nparties:\n"
                + "  - name: One\n    signatory: S One\n    email: s1@one.example\n" + extra + "---\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void aMemorandumWhoseSecondVersionDeletesOneSentenceAndAddsAnother() {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        reference = m.service().submit(draft("", "# المادة 1\n\n" + KEPT + " " + DELETED + "\n\nتسري المذكرة سنتين.\n"), "memo.md",
                new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
        m.service().decide(new Decision(reference, "legal@one.example", DecisionKind.CHANGES, "", "cli", "d1", 1, null));
        m.service().submit(draft("reference: " + reference + "\n", "# المادة 1\n\n" + KEPT + " " + INSERTED + "\n\nتسري المذكرة سنتين.\n"),
                "memo-v2.md", new Intake("file", "", "file:memo-v2.md:1", "memo-v2.md"));
    }

    private String run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        Commands.Run run = Commands.run(all);
        assertThat(run.exit()).isZero();
        return run.out();
    }

    @Test
    void pipedTheDiffOfTheLastTwoVersionsMarksTheDeletedAndTheInsertedSentenceWithPlainMarkers() {
        String out = run("diff", reference);
        assertThat(out).startsWith(reference + ": version 1 to 2: 1 paragraph changed: 5 words deleted, 4 inserted, 0 paragraphs moved\n")
                .contains("# المادة 1\n\n" + KEPT + " [-" + DELETED + "-] {+" + INSERTED + "+}\n\nتسري المذكرة سنتين.\n")
                .doesNotContain("\u001B");
        assertThat(run("diff", reference, "1", "2")).isEqualTo(out);
        assertThat(run("diff", reference, "v1", "v2")).isEqualTo(out);
    }

    @Test
    void withColourTheDeletedWordsAreRedAndStruckAndTheInsertedBlueAndUnderlined() {
        String out = run("diff", reference, "--color=always");
        assertThat(out).contains(KEPT + " \u001B[9;31m" + DELETED + "\u001B[0m \u001B[4;34m" + INSERTED + "\u001B[0m");
        assertThat(out).doesNotContain("[-", "{+");
    }

    @Test
    void versionsInTheOtherOrderShowTheChangeTheOtherWay() {
        assertThat(run("diff", reference, "2", "1")).contains("[-" + INSERTED + "-] {+" + DELETED + "+}");
    }

    @Test
    void statusJsonGivesTheChangeCountsOfEachVersionAfterTheFirst() throws Exception {
        JsonNode node = new ObjectMapper().readTree(run("status", reference, "--json"));
        JsonNode changes = node.get("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(changes.get(0).get("from").asInt()).isEqualTo(1);
        assertThat(changes.get(0).get("changedParagraphs").asInt()).isEqualTo(1);
        assertThat(changes.get(0).get("deletedWords").asInt()).isEqualTo(5);
        assertThat(changes.get(0).get("insertedWords").asInt()).isEqualTo(4);
        assertThat(changes.get(0).get("movedParagraphs").asInt()).isZero();
    }

    @Test
    void aVersionThatDoesNotExistIsRefusedWithTheVersionsThereAre() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(MemoflowCommand.commandLine().execute("diff", reference, "1", "7", "--home", home.toString())).isEqualTo(1);
        } finally {
            System.setErr(before);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no version 7 (its versions are 1 to 2)");
    }
}
