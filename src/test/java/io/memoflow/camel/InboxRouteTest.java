package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.TestHomes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/InboxRouteTest",
        "memoflow.workflow.default=auto",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxRouteTest {

    static final Path HOME = TestHomes.fresh("InboxRouteTest");

    @BeanInject
    CamelContext context;

    @BeanInject
    Memoflow memoflow;

    @Test
    void aDraftDroppedIntoTheInboxBecomesAMemorandumAndItsFileIsArchived() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox-intake").whenCompleted(1).create();
        TestHomes.drop(HOME.resolve("inbox"), "cooperation.md", "# Memorandum on police cooperation\n\nThe parties agree to cooperate.\n");
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();

        TestHomes.await(HOME.resolve("data/intake"), "*cooperation.md", 1, Duration.ofSeconds(5));
        assertThat(TestHomes.files(HOME.resolve("inbox"), "*")).isEmpty();
        Memo memo = memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on police cooperation")).findFirst().orElseThrow();
        assertThat(memo.reference).matches("MOU-\\d{4}-\\d{4}");
        assertThat(memo.language).isEqualTo("en");
        TestHomes.await(HOME.resolve("signed"), memo.reference + ".pdf", 1, Duration.ofSeconds(10));
    }

    @Test
    void aDraftThatCannotBeAcceptedIsKeptInRejectedWithItsReasonAndTheNextDraftStillFlows() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox-intake").whenDone(2).create();
        TestHomes.drop(HOME.resolve("inbox"), "a-unknown-workflow.md", "---\ntitle: X\nworkflow: express\n---\nText.\n");
        TestHomes.drop(HOME.resolve("inbox"), "b-fine.md", "Second memorandum\n\nText.\n");
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();

        var rejected = TestHomes.await(HOME.resolve("rejected"), "*a-unknown-workflow.md", 1, Duration.ofSeconds(5));
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0)).hasContent("---\ntitle: X\nworkflow: express\n---\nText.");
        String reason = TestHomes.read(rejected.get(0).resolveSibling(rejected.get(0).getFileName() + ".error.txt"));
        assertThat(reason).contains("\"a-unknown-workflow.md\"").contains("the workflow 'express', which is not configured")
                .contains("What to do: Use one of: auto, standard");
        assertThat(memoflow.store().list()).anyMatch(s -> s.title().equals("Second memorandum") && s.state() != MemoState.REJECTED);
    }

    @Test
    void twoRejectedFilesWithTheSameNameAreBothKept() {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("inbox-intake").whenDone(2).create();
        TestHomes.drop(HOME.resolve("inbox"), "same.md", "---\nworkflow: nope\n---\nOne.\n");
        assertThat(new NotifyBuilder(context).fromRoute("inbox-intake").whenDone(1).create().matches(10, TimeUnit.SECONDS)).isTrue();
        TestHomes.drop(HOME.resolve("inbox"), "same.md", "---\nworkflow: nope\n---\nTwo.\n");
        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(TestHomes.await(HOME.resolve("rejected"), "*same.md", 2, Duration.ofSeconds(5))).hasSize(2);
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*same.md.error.txt")).hasSize(2);
    }
}
