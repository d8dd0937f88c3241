package io.memoflow.camel;

import static io.memoflow.testing.MailServer.subjectContains;
import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.testing.Commands;
import io.memoflow.testing.MailServer;
import io.memoflow.testing.TestHomes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A mail server that is down when memoflow starts, comes up, and drops again: the intake's
 * health check says DOWN while it is away, mail that could not be sent stays pending with its
 * error (memoflow status shows it) and goes out with back-off once the server is back, and
 * mail waiting in the mailbox is read then.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/MailOutageTest",
        "memoflow.workflow.default=standard",
        "memoflow.reviewers.default=legal@dgsn.example.ma",
        "memoflow.parties.default=DGSN | Abdellatif Hammouchi | Director General | dg@dgsn.example.ma",
        "memoflow.submitters=secretariat@dgsn.example.ma",
        "memoflow.sweep.period-ms=200",
        "memoflow.retry.attempts=1", "memoflow.retry.delay-ms=50",
        "memoflow.work.retry-first-ms=300", "memoflow.work.retry-max-ms=1000",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailOutageTest {

    static final Duration WAIT = Duration.ofSeconds(15);
    static final java.nio.file.Path HOME = TestHomes.fresh("MailOutageTest");
    static final MailServer MAIL = MailServer.notStarted();

    static {
        MAIL.configure(HOME, Map.of());
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    Memoflow memoflow;

    @AfterAll
    void stopMemoflowThenTheMailServer() {
        context.stop();
        MAIL.stopServer();
    }

    @Test
    void aMailServerThatIsDownIsReportedRetriedWithBackOffAndLosesNothing() throws Exception {
        // down at start: the intake is unhealthy, and a request that cannot be sent stays pending with its error
        Awaitility.await().atMost(WAIT).until(() -> intakeHealth().map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false));
        TestHomes.drop(HOME.resolve("inbox"), "exchange.md", "# Memorandum on information exchange\n\nThe parties exchange information.\n");
        Awaitility.await().atMost(WAIT).until(() -> requestTo("legal@dgsn.example.ma").map(w -> w.attempts >= 2).orElse(false));
        Memo.WorkItem failing = requestTo("legal@dgsn.example.ma").orElseThrow();
        assertThat(failing.done).isFalse();
        assertThat(failing.lastError).contains("Couldn't connect to host");
        assertThat(failing.retryAt).isAfter(failing.lastAttemptAt);
        String reference = reference();
        String status = status(reference);
        assertThat(status).contains("failing:").contains(failing.id).contains("Couldn't connect to host").contains("next try after");
        assertThat(TestHomes.files(HOME.resolve("outbox"), failing.id + ".eml")).hasSize(1);

        // the server comes up: the intake is healthy again, the request goes out, mail in the mailbox is read
        MAIL.startServer();
        MAIL.send(MAIL.mail("secretariat@dgsn.example.ma", "Memorandum on joint training", "The parties train together.\n"));
        MAIL.await("legal@dgsn.example.ma", subjectContains(reference, "Decision requested"), WAIT);
        MAIL.await("secretariat@dgsn.example.ma", subjectContains("Received", "Memorandum on joint training"), WAIT);
        Awaitility.await().atMost(WAIT).until(() -> intakeHealth().map(r -> r.getState() == HealthCheck.State.UP).orElse(false));
        Memo.WorkItem sent = requestTo("legal@dgsn.example.ma").orElseThrow();
        assertThat(sent.done).isTrue();
        assertThat(TestHomes.files(HOME.resolve("outbox"), failing.id + ".eml")).hasSize(1);
        assertThat(status(reference)).doesNotContain("failing:");

        // it drops in the middle of the session: unhealthy again, and healthy once it is back
        MAIL.stopServer();
        Awaitility.await().atMost(WAIT).until(() -> intakeHealth().map(r -> r.getState() == HealthCheck.State.DOWN).orElse(false));
        assertThat(intakeHealth().orElseThrow().getMessage()).hasValueSatisfying(m -> assertThat(m).contains("mail-intake"));
        MAIL.startServer();
        MAIL.send(MAIL.mail("secretariat@dgsn.example.ma", "Memorandum after the outage", "Still flowing.\n"));
        MAIL.await("secretariat@dgsn.example.ma", subjectContains("Received", "Memorandum after the outage"), WAIT);
        Awaitility.await().atMost(WAIT).until(() -> intakeHealth().map(r -> r.getState() == HealthCheck.State.UP).orElse(false));
    }

    @Test
    void theMailPasswordIsNotInAnyEndpointUri() {
        assertThat(context.getEndpoints()).isNotEmpty().allSatisfy(e -> assertThat(e.getEndpointUri()).doesNotContain(MailServer.PASSWORD)
                .doesNotContain("s3cret"));
        assertThat(String.valueOf(context.getRegistry().lookupByName("imapLogin"))).doesNotContain("s3cret");
    }

    Optional<HealthCheck.Result> intakeHealth() {
        return HealthCheckHelper.invoke(context, "memoflow-mailbox", Map.of());
    }

    Optional<Memo.WorkItem> requestTo(String who) {
        return memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on information exchange"))
                .flatMap(m -> m.work.stream()).filter(w -> "request".equals(w.template) && w.to.contains(who)).findFirst();
    }

    String reference() {
        return memoflow.store().list().stream().filter(s -> s.title().equals("Memorandum on information exchange")).findFirst()
                .orElseThrow().reference();
    }

    static String status(String reference) {
        Commands.Run run = Commands.run("status", "--home", HOME.toString(), reference);
        assertThat(run.exit()).isZero();
        return run.out();
    }
}
