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

    @Test
    void textQuotedInALogLineShowsEscapeC1AndBidiControlsVisibly() {
        assertThat(MemoService.printable("memo\u001B[2J\r\nforged\u009B31m\u202Efdp.exe\u200F.md"))
                .isEqualTo("memo[U+001B][2J[U+000D][U+000A]forged[U+009B]31m[U+202E]fdp.exe\u200F.md");
        assertThat(MemoService.printable("x".repeat(130))).hasSize(121).endsWith("…");
        assertThat(MemoService.printable(null)).isEmpty();
    }
}
