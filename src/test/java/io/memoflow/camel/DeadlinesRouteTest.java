package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.Eml;
import io.memoflow.testing.TestHomes;
import io.memoflow.workflow.DecisionFiles;
import io.memoflow.workflow.DecisionKind;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sweep route with a clock the test moves: reminders, escalation at the deadline, the deputy's decision counts. */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/DeadlinesRouteTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "memoflow.sweep.period-ms=200",
        "memoflow.workflow.default=timed",
        "memoflow.workflows.timed.stages=review",
        "memoflow.workflows.timed.review.assignees=reviewers",
        "memoflow.workflows.timed.review.deadline=P2D",
        "memoflow.workflows.timed.review.remind-every=P1D",
        "memoflow.workflows.timed.review.escalate-to=role:deputies",
        "memoflow.roles.deputies=deputy@dgsn.example.ma"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeadlinesRouteTest {

    static final Path HOME = TestHomes.fresh("DeadlinesRouteTest");
    static final Duration WAIT = Duration.ofSeconds(15);

    @BeanInject
    Memoflow memoflow;

    @BeanInject
    AdjustableClock clock;

    @Test
    void aReviewStageWithATwoDayDeadlineRemindsThenEscalatesAndTheDeputysDecisionCounts() {
        TestHomes.drop(HOME.resolve("inbox"), "d.md", "---\ntitle: Border liaison\nreviewers: [legal@dgsn.example.ma, security@dgsn.example.ma]\n"
                + "---\nText of the memorandum.\n");
        Awaitility.await().atMost(WAIT).until(() -> !memoflow.store().list().isEmpty());
        String ref = memoflow.store().list().get(0).reference();
        TestHomes.await(HOME.resolve("outbox"), ref + "-*-request.eml", 2, WAIT);
        TestHomes.drop(HOME.resolve("decisions"), "a.decision", DecisionFiles.format(ref, 1, "legal@dgsn.example.ma", DecisionKind.APPROVE, ""));
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(ref).orElseThrow().decisions.size() == 1);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        var reminders = TestHomes.await(HOME.resolve("outbox"), ref + "-*-reminder.eml", 1, WAIT);
        assertThat(Eml.to(Eml.read(reminders.get(0)))).containsExactly("security@dgsn.example.ma");
        assertThat(Eml.text(Eml.read(reminders.get(0)))).contains("reminder");

        clock.advance(Duration.ofDays(1));
        var escalations = TestHomes.await(HOME.resolve("outbox"), ref + "-*-escalation.eml", 1, WAIT);
        assertThat(Eml.to(Eml.read(escalations.get(0)))).containsExactly("deputy@dgsn.example.ma");
        assertThat(Eml.subject(Eml.read(escalations.get(0)))).contains("Escalated");

        TestHomes.drop(HOME.resolve("decisions"), "b.decision", DecisionFiles.format(ref, 1, "deputy@dgsn.example.ma", DecisionKind.APPROVE, ""));
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(ref).orElseThrow().state == MemoState.COMPLETED);
        var events = memoflow.store().find(ref).orElseThrow().audit;
        assertThat(String.join("\n", events)).contains("\"type\":\"reminder\"").contains("\"type\":\"deadline\"")
                .contains("\"type\":\"escalation\"");
    }
}
