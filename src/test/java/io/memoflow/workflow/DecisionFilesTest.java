package io.memoflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DecisionFilesTest {

    private static Decision parse(String text) {
        return DecisionFiles.parse(text.getBytes(StandardCharsets.UTF_8), "file", "k");
    }

    @Test
    void aDecisionFileNamesTheMemoTheDeciderTheDecisionAndAComment() {
        Decision d = parse("memo: mou-2026-0007\nversion: 3\nby: Legal@DGSN.example.ma\ndecision: approve\ncomment: المادة 4 سليمة\n");
        assertThat(d.reference()).isEqualTo("MOU-2026-0007");
        assertThat(d.version()).isEqualTo(3);
        assertThat(d.by()).isEqualTo("legal@dgsn.example.ma");
        assertThat(d.kind()).isEqualTo(DecisionKind.APPROVE);
        assertThat(d.comment()).isEqualTo("المادة 4 سليمة");
    }

    @Test
    void whatTheDecideCommandWritesReadsBackTheSame() {
        byte[] bytes = DecisionFiles.format("MOU-2026-0001", 2, "a@x.example", DecisionKind.CHANGES, "Article 3: \"shall\" → \"may\"; see #2");
        Decision d = DecisionFiles.parse(bytes, "cli", "k");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("memo: MOU-2026-0001\nversion: 2\n");
        assertThat(d.version()).isEqualTo(2);
        assertThat(d.kind()).isEqualTo(DecisionKind.CHANGES);
        assertThat(d.comment()).isEqualTo("Article 3: \"shall\" → \"may\"; see #2");
    }

    @Test
    void malformedDecisionFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(RejectedInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: a@x.example\n")).hasMessageContaining("does not say 'decision:'");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nversion: 1\nby: nobody\ndecision: approve\n")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nversion: 1\nby: a@x.example\ndecision: perhaps\n")).hasMessageContaining("not a decision");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: a@x.example\ndecision: approve\nsigner: b@x.example\n"))
                .hasMessageContaining("unknown key 'signer'");
        assertThatThrownBy(() -> parse("memo: [a, b]\nby: a@x.example\ndecision: approve\n")).hasMessageContaining("single line of text");
        assertThatThrownBy(() -> parse("- just\n- a list\n")).hasMessageContaining("not a list of 'key: value' lines");
        assertThatThrownBy(() -> parse("a: &a [x, *a]\n")).isInstanceOf(RejectedInputException.class);
        assertThatThrownBy(() -> DecisionFiles.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0}, "file", "k")).hasMessageContaining("not UTF-8");
    }

    @Test
    void aYamlTagTheYamlLibraryCannotBuildIsRefusedWithTheReasonNotTakenForAnInternalError() {
        // found by DecisionFileFuzzTest (mvn -Pfuzz verify): snakeyaml-engine throws IllegalArgumentException, not its own exception
        assertThatThrownBy(() -> parse("!&(%B")).isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("not in the expected 'key: value' form");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: a@x.example\ndecision: approve\ncomment: !%20 see article 4\n"))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("not in the expected 'key: value' form");
    }

    @Test
    void aDecisionFileWithoutAVersionIsRefusedWithTheLineToAdd() {
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nby: a@x.example\ndecision: approve\n"))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("does not say which version of MOU-2026-0007 it decides on")
                .hasMessageContaining("Add the line 'version: N'");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 0\nby: a@x.example\ndecision: approve\n"))
                .hasMessageContaining("'version: 0' is not a version number");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: two\nby: a@x.example\ndecision: approve\n"))
                .hasMessageContaining("'version: two' is not a version number");
    }

    @Test
    void aLookAlikeLetterInTheAddressIsRefusedNotFoldedToAnotherAddress() {
        // the Kelvin sign lower-cases to the Latin k: "\u212Aate@x.example" would otherwise decide as kate@x.example
        assertThat("\u212A".toLowerCase(java.util.Locale.ROOT)).isEqualTo("k");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: \u212Aate@x.example\ndecision: approve\n"))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("(U+212A)").hasMessageContaining("plain Latin letters");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: kate@x.ex\u0430mple\ndecision: approve\n"))
                .hasMessageContaining("(U+0430)");
    }

    @Test
    void controlCharactersAndBidiControlsInACommentAreRefusedWithThePosition() {
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: a@x.example\ndecision: approve\n"
                + "comment: \"ok \\e[2J\"\n"))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("'comment:' contains an invisible control character (U+001B, escape) at character 4");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: a@x.example\ndecision: approve\n"
                + "comment: \"ok \\x9B2J\"\n"))
                .hasMessageContaining("(U+009B, control sequence introducer) at character 4");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0007\nversion: 1\nby: a@x.example\ndecision: approve\n"
                + "comment: fine \u202Eenif ton\n"))
                .hasMessageContaining("a bidirectional control (U+202E, right-to-left override) at character 6");
        Decision marks = parse("memo: MOU-2026-0007\nversion: 1\nby: a@x.example\ndecision: approve\n"
                + "comment: المادة 4\u200F سليمة\n");
        assertThat(marks.comment()).isEqualTo("المادة 4\u200F سليمة");
    }
}
