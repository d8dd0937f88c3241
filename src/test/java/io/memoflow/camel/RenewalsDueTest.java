package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.testing.TestHomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed memoranda whose last timestamp's certificate expires within memoflow.renew.warn-before
 * (here longer than the built-in authority's ten-year certificate, so a memorandum signed now is
 * due): one WARN line names them and memoflow renew, and the memoflow-renewals health check stays
 * UP (a node with renewals due serves as well as any) with the count and the names.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/RenewalsDueTest",
        "memoflow.workflow.default=auto",
        "memoflow.sweep.period-ms=200",
        "memoflow.renew.warn-before=P3700D",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenewalsDueTest {

    static final Path HOME = TestHomes.fresh("RenewalsDueTest");
    static final List<String> WARNINGS = new CopyOnWriteArrayList<>();
    static final AbstractAppender CAPTURE = new AbstractAppender("renewals-capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getLevel() == org.apache.logging.log4j.Level.WARN) {
                WARNINGS.add(event.getMessage().getFormattedMessage());
            }
        }
    };

    static {
        CAPTURE.start();
        ((org.apache.logging.log4j.core.Logger) LogManager.getLogger("memoflow")).addAppender(CAPTURE);
    }

    @BeanInject
    Memoflow memoflow;
    @BeanInject
    CamelContext context;

    @AfterAll
    void release() {
        ((org.apache.logging.log4j.core.Logger) LogManager.getLogger("memoflow")).removeAppender(CAPTURE);
    }

    @Test
    void aSignedMemorandumWhoseTimestampCertificateExpiresWithinThePeriodIsNamedInOneWarningAndInTheHealthCheckWhichStaysUp()
            throws IOException {
        HealthCheck.Result before = HealthCheckHelper.invoke(context, "memoflow-renewals", Map.of()).orElseThrow();
        assertThat(before.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(before.getDetails()).containsEntry("due", 0);

        TestHomes.drop(HOME.resolve("inbox"), "old.md", "# Memorandum on lasting cooperation\n\nThe parties cooperate.\n");
        Path signed = TestHomes.await(HOME.resolve("signed"), "*.pdf", 1, Duration.ofSeconds(30)).get(0);
        String name = signed.getFileName().toString();

        HealthCheck.Result due = HealthCheckHelper.invoke(context, "memoflow-renewals", Map.of()).orElseThrow();
        assertThat(due.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(due.getDetails()).containsEntry("due", 1).containsEntry("files", name);
        assertThat(due.getMessage()).hasValueSatisfying(m -> assertThat(m).contains(name, "memoflow renew --before P3700D"));

        WARNINGS.clear();
        String line = memoflow.documents().warnRenewalsDue();
        assertThat(WARNINGS).containsExactly(line);
        assertThat(line).contains("1 signed memoranda need a fresh document timestamp", name, "memoflow renew --before P3700D",
                "memoflow.renew.warn-before");
        assertThat(Files.readAllBytes(signed)).isNotEmpty();
        assertThat(new String(Files.readAllBytes(signed), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    }
}
