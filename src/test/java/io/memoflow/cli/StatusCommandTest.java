package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.draft.Party;
import io.memoflow.service.Intake;
import io.memoflow.testing.Commands;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code memoflow status} prints never carries a terminal command or a bidi control from
 * the store: the memorandum here holds them (as data stored before intake refused them would),
 * put straight into the store past every intake check, so only the output's own escaping is
 * tested.
 */
class StatusCommandTest {

    static final String ESC = "\u001B[2J\u001B]0;owned\u0007";
    static final String C1 = "\u009B31m";
    static final String RLO = "\u202Eexe.pdf";

    @TempDir
    Path home;

    String reference;

    @BeforeEach
    void aMemorandumWithHostileTextInItsStore() {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        byte[] draft = ("---\ntitle: Patrols\nreviewers: [legal@example.ma]\nparties:\n  - name: One\n    signatory: S One\n"
                + "    email: s1@one.example\n---\nThe text.\n").getBytes(StandardCharsets.UTF_8);
        reference = m.service().submit(draft, "memo.md", new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
        // a decision accepted through the service alone, past the intake checks of decision files and mail replies
        m.service().decide(new Decision(reference, "legal@example.ma", DecisionKind.CHANGES, "Bad " + ESC + " and " + C1 + " and "
                + RLO, "cli", "d1", 1, null));
        m.store().update(reference, memo -> {
            memo.title = "Patrols " + ESC + RLO + "\nforged line";
            memo.parties = List.of(new Party("Party " + C1, "Name " + RLO, "", ""));
            return null;
        });
    }

    private String[] withHome(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--home";
        all[args.length + 1] = home.toString();
        return all;
    }

    private String run(String... args) {
        Commands.Run run = Commands.run(withHome(args));
        assertThat(run.exit()).isZero();
        return run.out();
    }

    /** As {@link #run}, through the short way Main takes for a plain status, without the command-line parser. */
    private String runWithoutParser(String... args) {
        String[] all = withHome(args);
        OptionalInt[] exit = new OptionalInt[1];
        Commands.Run run = Commands.capture(() -> {
            exit[0] = MemoflowCommand.statusWithoutParser(all);
            return 0;
        });
        assertThat(exit[0]).hasValue(0);
        return run.out();
    }

    @Test
    void aPlainStatusTakenWithoutTheParserPrintsWhatTheParsersStatusPrints() {
        assertThat(runWithoutParser("status")).isEqualTo(run("status"));
        assertThat(runWithoutParser("status", "--json")).isEqualTo(run("status", "--json"));
        assertThat(runWithoutParser("status", reference)).isEqualTo(run("status", reference));
        assertThat(runWithoutParser("status", reference, "--json")).isEqualTo(run("status", reference, "--json"));
    }

    @Test
    void anythingButAPlainStatusIsLeftToTheParser() {
        assertThat(MemoflowCommand.statusWithoutParser(new String[] {"status", "--help"})).isEmpty();
        assertThat(MemoflowCommand.statusWithoutParser(new String[] {"status", "--home"})).isEmpty();
        assertThat(MemoflowCommand.statusWithoutParser(new String[] {"status", "A", "B"})).isEmpty();
        assertThat(MemoflowCommand.statusWithoutParser(new String[] {"status", "--json", "--json"})).isEmpty();
        assertThat(MemoflowCommand.statusWithoutParser(new String[] {"verify", "x.pdf"})).isEmpty();
    }

    private static void assertNothingATerminalObeys(String out) {
        assertThat(out.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069))).as("control characters in:\n%s", out).isEmpty();
    }

    @Test
    void theHistoryOfAMemorandumShowsControlAndBidiCharactersVisiblyNeverRaw() {
        String out = run("status", reference);
        assertNothingATerminalObeys(out);
        assertThat(out).contains("Bad [U+001B][2J[U+001B]]0;owned[U+0007] and [U+009B]31m and [U+202E]exe.pdf")
                .contains(reference + "  Patrols [U+001B][2J").contains("[U+000A]forged line")
                .contains("Party [U+009B]31m — Name [U+202E]exe.pdf");
        assertThat(out.lines()).noneMatch(l -> l.startsWith("forged line"));
    }

    @Test
    void theListShowsThemVisiblyToo() {
        String out = run("status");
        assertNothingATerminalObeys(out);
        assertThat(out).contains("Patrols [U+001B][2J[U+001B]]0;owned[U+0007][U+202E]exe.pdf[U+000A]forged line");
    }

    @Test
    void jsonEscapesThemAsUnicodeEscapesAndReadsBackAsTheSameText() throws Exception {
        String one = run("status", reference, "--json");
        String all = run("status", "--json");
        assertNothingATerminalObeys(one);
        assertNothingATerminalObeys(all);
        assertThat(one).contains("\\u001B[2J").contains("\\u009B31m").contains("\\u202Eexe.pdf");
        JsonNode node = new ObjectMapper().readTree(one);
        assertThat(node.path("title").asText()).isEqualTo("Patrols " + ESC + RLO + "\nforged line");
        assertThat(node.path("parties").get(0).path("name").asText()).isEqualTo("Party " + C1);
        assertThat(new ObjectMapper().readTree(all).get(0).path("title").asText()).isEqualTo("Patrols " + ESC + RLO + "\nforged line");
    }
}
