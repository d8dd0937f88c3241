package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memoflow decide} writes the version decided on into the decision file. */
class DecideCommandTest {

    @TempDir
    Path home;

    private String submit() {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        byte[] draft = ("---\ntitle: Patrols\nreviewers: [legal@example.ma]\nparties:\n  - name: One\n    signatory: S One\n"
                + "    email: s1@one.example\n---\nThe text.\n").getBytes(StandardCharsets.UTF_8);
        return m.service().submit(draft, "memo.md", new Intake("file", "", "file:memo.md:1", "memo.md")).reference();
    }

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--home",
                    home.toString())).toArray(String[]::new);
            var cl = MemoflowCommand.commandLine();
            cl.setErr(new java.io.PrintWriter(System.err, true));
            return new Run(cl.execute(all), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Decision written() throws IOException {
        List<Path> files = TestHomes.files(home.resolve("decisions"), "*.decision");
        assertThat(files).hasSize(1);
        Decision d = DecisionFiles.parse(Files.readAllBytes(files.get(0)), "file", "k");
        Files.delete(files.get(0));
        return d;
    }

    @Test
    void theCurrentVersionIsWrittenByDefaultAndSaid() throws IOException {
        String ref = submit();
        Run r = run("decide", ref, "approve", "--as", "legal@example.ma");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("on " + ref + " version 1 (the current version, since ");
        assertThat(written().version()).isEqualTo(1);
    }

    @Test
    void aGivenVersionIsWrittenAsGiven() throws IOException {
        String ref = submit();
        assertThat(run("decide", ref, "approve", "--as", "legal@example.ma", "--version", "3").exit()).isZero();
        assertThat(written().version()).isEqualTo(3);
    }

    @Test
    void withoutTheMemorandumAndWithoutVersionNothingIsWritten() {
        Run r = run("decide", "MOU-2026-0099", "approve", "--as", "legal@example.ma");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("there is no memorandum MOU-2026-0099").contains("--version N");
        assertThat(TestHomes.files(home.resolve("decisions"), "*")).isEmpty();
    }

    @Test
    void aLookAlikeLetterOrAnEscapeInTheCommandIsRefusedAndNothingIsWritten() {
        String ref = submit();
        Run kelvin = run("decide", ref, "approve", "--as", "\u212Aate@example.ma");
        assertThat(kelvin.exit()).isEqualTo(2);
        assertThat(kelvin.err()).contains("U+212A");
        Run escape = run("decide", ref, "changes", "--as", "legal@example.ma", "--comment", "fix \u001B[2J");
        assertThat(escape.exit()).isEqualTo(2);
        assertThat(escape.err()).contains("U+001B, escape");
        assertThat(TestHomes.files(home.resolve("decisions"), "*")).isEmpty();
    }
}
