package io.memoflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.testing.DaemonProcess;
import io.memoflow.testing.TestHomes;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The real daemon serves the web desk on its own port while health and metrics stay on theirs. */
class WebDeskIT {

    @Test
    void theWebDeskAndTheHealthEndpointListenEachOnItsOwnPort() throws Exception {
        Path home = TestHomes.fresh("e2e-web");
        int http = DaemonProcess.freePort();
        int web = DaemonProcess.freePort();
        try (DaemonProcess daemon = new DaemonProcess(home).env("MEMOFLOW_HTTP_PORT", String.valueOf(http))
                .env("MEMOFLOW_WEB_PORT", String.valueOf(web)).start()) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> OperationsIT.get(http, "/observe/health").statusCode() == 200);
            assertThat(OperationsIT.get(web, "/login").statusCode()).isEqualTo(200);
            assertThat(OperationsIT.get(web, "/api/openapi.json").body()).contains("/api/drafts");
            assertThat(OperationsIT.get(web, "/").statusCode()).isEqualTo(303);
            assertThat(OperationsIT.get(web, "/observe/health").statusCode()).isEqualTo(404);
            assertThat(OperationsIT.get(http, "/login").statusCode()).isEqualTo(404);
        }
    }
}
