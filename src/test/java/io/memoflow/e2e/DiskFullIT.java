package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.TestHomes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The real daemon with its home folder on a small tmpfs (mounted by the test, which needs root;
 * skipped otherwise). With the disk full it takes no new draft, loses nothing and reports DOWN;
 * given room again it takes the draft by itself.
 */
class DiskFullIT {

    private static boolean run(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String diskCheck(int port) throws Exception {
        JsonNode health = new ObjectMapper().readTree(OperationsIT.get(port, "/observe/health").body());
        for (JsonNode c : health.path("checks")) {
            if (c.path("name").asText().equals("memoflow-disk")) {
                return c.path("status").asText();
            }
        }
        return "MISSING";
    }

    @Test
    void aFullDiskStopsNewInputWithoutLosingItAndRoomAgainLetsItIn() throws Exception {
        Path home = TestHomes.fresh("e2e-disk-full");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", home.toAbsolutePath().toString()),
                "mounting a tmpfs needs root; the disk-full test is skipped");
        int port = DaemonProcess.freePort();
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_HTTP_PORT", String.valueOf(port))
                .env("MEMOFLOW_WORKFLOW_DEFAULT", "auto").env("MEMOFLOW_DISK_MIN_FREE_MB", "8").start()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> diskCheck(port).equals("UP"));

            Path filler = home.resolve("filler.bin");
            long fill = Files.getFileStore(home).getUsableSpace() - (3L << 20); // 3 MB left: under the 8 MB minimum
            try (OutputStream out = Files.newOutputStream(filler)) {
                byte[] block = new byte[1 << 20];
                for (long written = 0; written < fill; written += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, fill - written));
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> diskCheck(port).equals("DOWN"));
            assertThat(OperationsIT.get(port, "/observe/health").statusCode()).isEqualTo(503);

            TestHomes.drop(home.resolve("inbox"), "waiting.md", "# Memorandum that waits for room\n\nThe parties agree.\n");
            Thread.sleep(3000); // thirty polls' worth
            assertThat(home.resolve("inbox").resolve("waiting.md")).as("not taken while the disk is full").exists();
            assertThat(TestHomes.files(home.resolve("rejected"), "*")).isEmpty();
            assertThat(daemon.logText()).contains("memoflow takes no new drafts");

            Files.delete(filler);
            assertThat(TestHomes.await(home.resolve("signed"), "MOU-*.pdf", 1, Duration.ofSeconds(20))).hasSize(1);
            assertThat(home.resolve("inbox").resolve("waiting.md")).doesNotExist();
            assertThat(TestHomes.files(home.resolve("rejected"), "*")).isEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> diskCheck(port).equals("UP"));
            assertThat(daemon.logText()).contains("takes new input again");
        } finally {
            run("umount", "-l", home.toAbsolutePath().toString());
        }
    }
}
