package io.memoflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkLedgerTest {

    @TempDir
    Path home;

    private Memoflow memoflow() {
        return Memoflow.assemble(MemoflowSettings.of(home, Map.of("memoflow.workflow.default", "auto",
                "memoflow.parties.default", "Police A | Director A | Director | a@a.example; Police B | Director B | Director | b@b.example")),
                AdjustableClock.system());
    }

    private static String submit(Memoflow m, String title) {
        return m.service().submit(("# " + title + "\n\nThe parties agree.\n").getBytes(StandardCharsets.UTF_8), title + ".md",
                new Intake("file", "", "key-" + title, title + ".md")).reference();
    }

    @Test
    void anApprovedMemorandumHasItsSigningHandedOutAndItsCompletionMailsOnlyOnceItIsSigned() {
        Memoflow m = memoflow();
        String ref = submit(m, "Signing first");
        WorkLedger.Pending pending = m.work().pending(ref);
        assertThat(pending.tasks()).extracting(Task::kind).containsExactly(WorkKind.SIGN);

        m.work().signed(pending.tasks().get(0));
        assertThat(m.service().memo(ref).state).isEqualTo(MemoState.COMPLETED);
        assertThat(m.work().hasWorkAfter(ref, pending.seenWork())).isTrue();
        List<Task> mails = m.work().pending(ref).tasks();
        assertThat(mails).extracting(Task::kind).containsOnly(WorkKind.MAIL);
        assertThat(mails).extracting(t -> t.work().to).containsExactly(List.of("a@a.example"), List.of("b@b.example"));

        m.work().mailed(mails.get(0), "outbox");
        assertThat(m.work().pending(ref).tasks()).hasSize(1);
        assertThat(m.service().memo(ref).audit).anyMatch(line -> line.contains("\"type\":\"notification\""));
    }

    @Test
    void aFailedTaskWaitsForItsBackOffDoubledAfterEachFailureUpToTheMaximum() {
        Memoflow m = memoflow();
        String ref = submit(m, "Back off");
        Task sign = m.work().pending(ref).tasks().get(0);
        Instant before = m.clock().instant();

        Instant first = m.work().failed(sign, "disk full", Duration.ofSeconds(60), Duration.ofSeconds(150));
        assertThat(Duration.between(before, first)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(61));
        assertThat(m.work().pending(ref).tasks()).as("not before its back-off").isEmpty();
        Instant second = m.work().failed(sign, "disk full\nagain", Duration.ofSeconds(60), Duration.ofSeconds(150));
        assertThat(Duration.between(before, second)).isBetween(Duration.ofSeconds(120), Duration.ofSeconds(121));
        Instant third = m.work().failed(sign, "disk full", Duration.ofSeconds(60), Duration.ofSeconds(150));
        assertThat(Duration.between(before, third)).isBetween(Duration.ofSeconds(150), Duration.ofSeconds(151));

        WorkItem w = m.service().memo(ref).work.get(0);
        assertThat(w.attempts).isEqualTo(3);
        assertThat(w.lastError).isEqualTo("disk full");
        m.clock().advance(Duration.ofSeconds(151));
        assertThat(m.work().pending(ref).tasks()).extracting(Task::id).containsExactly(sign.id());
    }

    @Test
    void theSweepFindsEveryMemorandumWithWorkLeft() {
        Memoflow m = memoflow();
        String pending = submit(m, "Pending");
        String done = submit(m, "Done");
        m.work().signed(m.work().pending(done).tasks().get(0));
        m.work().pending(done).tasks().forEach(t -> m.work().mailed(t, "outbox"));
        assertThat(m.work().sweep()).containsExactly(pending);
    }
}
