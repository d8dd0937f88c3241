package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.app.Memoflow;
import io.memoflow.testing.TestHomes;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The inbox with its packaged completeness wait (memoflow.inbox.stable-ms, 2 s) against writers that take several seconds. */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/SlowWriterRouteTest",
        "memoflow.workflow.default=auto"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowWriterRouteTest {

    static final Path HOME = TestHomes.fresh("SlowWriterRouteTest");

    @BeanInject
    Memoflow memoflow;

    @Test
    void aDraftWrittenInPiecesOverSeveralSecondsIsTakenOnceAndWhole() throws Exception {
        StringBuilder expected = new StringBuilder("# Slowly written memorandum\n\n");
        Path file = HOME.resolve("inbox").resolve("slow.md");
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(expected.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 1; i <= 12; i++) {
                Thread.sleep(300); // 3.6 s in all, each pause much shorter than memoflow.inbox.stable-ms (2000)
                String piece = "الفقرة " + i + ": يتعاون الطرفان. Paragraph " + i + ".\n\n";
                expected.append(piece);
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> memoflow.store().list().stream()
                .anyMatch(s -> s.title().equals("Slowly written memorandum")));
        Thread.sleep(3000); // a second pick-up, if there were one, would show now
        assertThat(memoflow.store().list().stream().filter(s -> s.title().equals("Slowly written memorandum"))).hasSize(1);
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Slowly written memorandum")).findFirst()
                .orElseThrow().reference();
        String stored = new String(memoflow.store().getFile(ref, "v1.md").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(expected.toString());
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*")).isEmpty();
    }

    @Test
    void aDraftWrittenInPlaceInSixPiecesOneAndAHalfSecondsApartIsTakenOnceAndWhole() throws Exception {
        StringBuilder expected = new StringBuilder("# Memorandum written with pauses\n\n");
        Path file = HOME.resolve("inbox").resolve("paused.md");
        int before = memoflow.store().list().size();
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(expected.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 1; i <= 5; i++) {
                Thread.sleep(1500); // 7.5 s in all, each pause shorter than the default memoflow.inbox.stable-ms (2000)
                String piece = "البند " + i + ": يتبادل الطرفان المعلومات. Clause " + i + ".\n\n";
                expected.append(piece);
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> memoflow.store().list().size() > before);
        Thread.sleep(3000); // a second pick-up, if there were one, would show now
        assertThat(memoflow.store().list()).hasSize(before + 1);
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Memorandum written with pauses")).findFirst()
                .orElseThrow().reference();
        String stored = new String(memoflow.store().getFile(ref, "v1.md").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(stored).isEqualTo(expected.toString());
        assertThat(TestHomes.files(HOME.resolve("rejected"), "*")).isEmpty();
    }
}
