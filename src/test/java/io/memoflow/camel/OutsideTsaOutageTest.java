package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import io.memoflow.signing.PdfVerifier;
import io.memoflow.signing.SigningKeys;
import io.memoflow.signing.VerificationReport;
import io.memoflow.testing.Commands;
import io.memoflow.testing.LoopbackTsa;
import io.memoflow.testing.TestHomes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * memoflow.tsa.url pointing at an outside timestamp authority on loopback that is down: the
 * memorandum waits, its signing pending with the authority's error (status shows it), nothing
 * signed without a timestamp; once the authority is up, it completes with that authority's timestamps.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/OutsideTsaOutageTest",
        "memoflow.workflow.default=auto",
        "memoflow.sweep.period-ms=200",
        "memoflow.retry.attempts=1", "memoflow.retry.delay-ms=50",
        "memoflow.work.retry-first-ms=300", "memoflow.work.retry-max-ms=1000",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsideTsaOutageTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Path HOME = TestHomes.fresh("OutsideTsaOutageTest");
    static final int PORT = LoopbackTsa.freePort();
    static final LoopbackTsa TSA = new LoopbackTsa();

    static {
        try {
            Files.writeString(HOME.resolve("memoflow.properties"), "memoflow.signing.level=T\n"
                    + "memoflow.tsa.url=http://127.0.0.1:" + PORT + "/tsa\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeanInject
    Memoflow memoflow;

    @AfterAll
    void stopTheAuthority() {
        TSA.close();
    }

    @Test
    void whileTheAuthorityIsDownTheMemorandumWaitsWithItsErrorAndCompletesOnceItIsUp() throws Exception {
        TestHomes.drop(HOME.resolve("inbox"), "timed.md", "# Memorandum on timed cooperation\n\nThe parties cooperate.\n");
        Awaitility.await().atMost(WAIT).until(() -> signing().map(w -> w.attempts >= 2).orElse(false));
        Memo.WorkItem failing = signing().orElseThrow();
        assertThat(failing.done).isFalse();
        assertThat(failing.lastError).contains("No timestamp authority answered", "127.0.0.1:" + PORT);
        assertThat(TestHomes.files(HOME.resolve("signed"), "*.pdf")).isEmpty();
        String reference = memo().reference;
        assertThat(status(HOME, reference)).contains("failing:", "No timestamp authority answered", "next try after");

        TSA.start(PORT);
        List<Path> signed = TestHomes.await(HOME.resolve("signed"), reference + ".pdf", 1, WAIT);
        Awaitility.await().atMost(WAIT).until(() -> memo().state == MemoState.COMPLETED);
        byte[] pdf = Files.readAllBytes(signed.get(0));
        var trusted = List.of(SigningKeys.demoCa(HOME.resolve("data")).orElseThrow(), TSA.ca);
        VerificationReport r = PdfVerifier.verify(pdf, trusted);
        assertThat(r.valid()).as(r.toText()).isTrue();
        assertThat(r.signatures()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.level()).isEqualTo("T");
            assertThat(s.timestampAuthority()).isEqualTo(LoopbackTsa.NAME);
        });
    }

    Memo memo() {
        return memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on timed cooperation")).findFirst().orElseThrow();
    }

    Optional<Memo.WorkItem> signing() {
        return memoflow.store().list().stream().map(s -> memoflow.store().find(s.reference()).orElseThrow())
                .filter(m -> m.title.equals("Memorandum on timed cooperation"))
                .flatMap(m -> m.work.stream()).filter(w -> w.kind == WorkKind.SIGN).findFirst();
    }

    static String status(Path home, String reference) {
        Commands.Run run = Commands.run("status", "--home", home.toString(), reference);
        assertThat(run.exit()).isZero();
        return run.out();
    }
}
