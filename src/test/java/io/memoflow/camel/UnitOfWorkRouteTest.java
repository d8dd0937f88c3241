package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An input's unit of work ends when what it says is stored: its file is moved out of the intake
 * folder then, not after the work it caused (signing, mails), which runs on its own exchange.
 * Signing is held here until the test lets it go.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/UnitOfWorkRouteTest",
        "memoflow.workflow.default=auto",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"},
        advices = @AdviceRouteMapping(route = "render-sign", advice = UnitOfWorkRouteTest.HoldSigning.class))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnitOfWorkRouteTest {

    static final Path HOME = TestHomes.fresh("UnitOfWorkRouteTest");
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    /** Holds every signature until {@link #RELEASE} is counted down (at most a minute). */
    public static class HoldSigning extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveAddFirst().process(exchange -> {
                STARTED.countDown();
                RELEASE.await(60, TimeUnit.SECONDS);
            });
        }
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    Memoflow memoflow;

    @Test
    void aDraftIsArchivedAsSoonAsItIsStoredWhileItsSigningIsStillUnderWay() throws Exception {
        NotifyBuilder intakeDone = new NotifyBuilder(context).fromRoute("inbox-intake").whenCompleted(1).create();
        TestHomes.drop(HOME.resolve("inbox"), "held.md", "# Memorandum on held signatures\n\nThe parties agree.\n");

        assertThat(intakeDone.matches(10, TimeUnit.SECONDS)).as("the inbox exchange completed while signing is held").isTrue();
        assertThat(TestHomes.await(HOME.resolve("data/intake"), "*held.md", 1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(TestHomes.files(HOME.resolve("inbox"), "*.md")).isEmpty();
        assertThat(STARTED.await(10, TimeUnit.SECONDS)).as("signing has started and is held").isTrue();
        assertThat(TestHomes.files(HOME.resolve("signed"), "*.pdf")).as("nothing signed yet").isEmpty();

        RELEASE.countDown();
        String reference = memoflow.store().list().stream().filter(s -> s.title().equals("Memorandum on held signatures"))
                .findFirst().orElseThrow().reference();
        assertThat(TestHomes.await(HOME.resolve("signed"), reference + ".pdf", 1, Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    void aFileStillBeingDownloadedIntoTheDecisionsFolderIsLeftAlone() throws Exception {
        NotifyBuilder polled = new NotifyBuilder(context).fromRoute("decision-intake").whenDone(1).create();
        Files.writeString(HOME.resolve("decisions").resolve("reply.decision.crdownload"), "memo: MOU-2026-0001\n");
        TestHomes.drop(HOME.resolve("decisions"), "nonsense.decision", "not a decision\n");
        assertThat(polled.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(HOME.resolve("decisions").resolve("reply.decision.crdownload")).exists();
        assertThat(TestHomes.await(HOME.resolve("rejected"), "*nonsense.decision", 1, Duration.ofSeconds(5))).hasSize(1);
    }
}
