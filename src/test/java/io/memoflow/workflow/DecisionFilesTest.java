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
        Decision d = parse("memo: mou-2026-0007\nby: Legal@DGSN.example.ma\ndecision: approve\ncomment: المادة 4 سليمة\n");
        assertThat(d.reference()).isEqualTo("MOU-2026-0007");
        assertThat(d.by()).isEqualTo("legal@dgsn.example.ma");
        assertThat(d.kind()).isEqualTo(DecisionKind.APPROVE);
        assertThat(d.comment()).isEqualTo("المادة 4 سليمة");
    }

    @Test
    void whatTheDecideCommandWritesReadsBackTheSame() {
        byte[] bytes = DecisionFiles.format("MOU-2026-0001", "a@x.example", DecisionKind.CHANGES, "Article 3: \"shall\" → \"may\"; see #2");
        Decision d = DecisionFiles.parse(bytes, "cli", "k");
        assertThat(d.kind()).isEqualTo(DecisionKind.CHANGES);
        assertThat(d.comment()).isEqualTo("Article 3: \"shall\" → \"may\"; see #2");
    }

    @Test
    void malformedDecisionFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(RejectedInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: a@x.example\n")).hasMessageContaining("does not say 'decision:'");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: nobody\ndecision: approve\n")).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: a@x.example\ndecision: perhaps\n")).hasMessageContaining("not a decision");
        assertThatThrownBy(() -> parse("memo: MOU-2026-0001\nby: a@x.example\ndecision: approve\nsigner: b@x.example\n"))
                .hasMessageContaining("unknown key 'signer'");
        assertThatThrownBy(() -> parse("memo: [a, b]\nby: a@x.example\ndecision: approve\n")).hasMessageContaining("single line of text");
        assertThatThrownBy(() -> parse("- just\n- a list\n")).hasMessageContaining("not a list of 'key: value' lines");
        assertThatThrownBy(() -> parse("a: &a [x, *a]\n")).isInstanceOf(RejectedInputException.class);
        assertThatThrownBy(() -> DecisionFiles.parse(new byte[] {(byte) 0xff, (byte) 0xfe, 0}, "file", "k")).hasMessageContaining("not UTF-8");
    }
}
