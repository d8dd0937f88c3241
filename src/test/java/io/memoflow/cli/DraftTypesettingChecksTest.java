package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.service.Intake;
import io.memoflow.testing.Commands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the typesetter checks when a draft is accepted: a character no font has (neither Amiri
 * nor the fallback chain) is never a silent box (the acceptance logs a warning naming it, and
 * {@code memoflow status} shows it); a table too wide even for landscape pages refuses the draft.
 */
class DraftTypesettingChecksTest {

    @TempDir
    Path home;

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final AbstractAppender capture = new AbstractAppender("unprintable-capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getLevel() == Level.WARN) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        }
    };

    @BeforeEach
    void listen() {
        capture.start();
        ((Logger) LogManager.getLogger("memoflow")).addAppender(capture);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LogManager.getLogger("memoflow")).removeAppender(capture);
        capture.stop();
    }

    private String submit(String body) {
        return submit(body, "memo.md");
    }

    private String submit(String body, String fileName) {
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        byte[] draft = ("---\ntitle: Amulets\nreviewers: [legal@example.ma]\nparties:\n  - name: One\n    signatory: S One\n"
                + "    email: s1@one.example\n---\n" + body + "\n").getBytes(StandardCharsets.UTF_8);
        return m.service().submit(draft, fileName, new Intake("file", "", "file:" + fileName + ":1", fileName)).reference();
    }

    private String status(String reference) {
        Commands.Run run = Commands.run("status", reference, "--home", home.toString());
        assertThat(run.exit()).isZero();
        return run.out();
    }

    @Test
    void aCharacterNoFontHasIsNamedInTheLogAndInStatus() {
        String reference = submit("The seal bears \uD83E\uDDFF and the tablet \uD800\uDC00; the name ⵜⴰⵎⴰⵣⵉⵖⵜ prints.");

        assertThat(warnings).anySatisfy(w -> assertThat(w).contains(reference, "U+1F9FF NAZAR AMULET",
                "U+10000 LINEAR B SYLLABLE B008 A", "font.fallback"));
        assertThat(String.join("\n", warnings)).doesNotContain("TIFINAGH");
        String out = status(reference);
        assertThat(out).contains("no font has U+1F9FF NAZAR AMULET, U+10000 LINEAR B SYLLABLE B008 A");
    }

    @Test
    void aDraftEveryFontCoversGivesNoWarning() {
        String reference = submit("نص عربي، English, Français, ⵜⴰⵎⴰⵣⵉⵖⵜ, שלום, नमस्ते, ሰላም.");
        assertThat(warnings).noneSatisfy(w -> assertThat(w).contains("no font has"));
        assertThat(status(reference)).doesNotContain("no font has");
    }

    private static String tooWideTable() {
        StringBuilder table = new StringBuilder("|");
        table.append(" Column |".repeat(14)).append("\n|").append("---|".repeat(14)).append("\n|");
        for (int c = 1; c <= 14; c++) {
            table.append(" officer").append(c).append("@ministere-de-l-interieur.example.ma |");
        }
        return table.toString();
    }

    @Test
    void aTableTooWideEvenForLandscapePagesRefusesTheDraftSayingWhy() {
        assertThatThrownBy(() -> submit(tooWideTable()))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("cannot be typeset")
                .hasMessageContaining("A table with 14 columns is too wide for the page");
        Memoflow m = Memoflow.assemble(MemoflowSettings.of(home, Map.of()), AdjustableClock.system());
        assertThat(m.store().find("MOU-2026-0001")).as("nothing is stored for a refused draft").isEmpty();
    }

    @Test
    void aTableTooWideInsideAListItemOrAQuoteIsRefusedAsWell() {
        String inList = "1. The officers:\n\n" + tooWideTable().indent(3);
        String inQuote = "> " + tooWideTable().replace("\n", "\n> ");
        for (String body : List.of(inList, inQuote)) {
            assertThatThrownBy(() -> submit(body)).as(body)
                    .isInstanceOf(RejectedInputException.class)
                    .hasMessageContaining("A table with 14 columns is too wide for the page");
        }
    }

    @Test
    void aPlainTextDraftIsSetAsTypedSoItsPipesAreNoTable() {
        assertThat(submit(tooWideTable(), "memo.txt")).startsWith("MOU-");
    }
}
