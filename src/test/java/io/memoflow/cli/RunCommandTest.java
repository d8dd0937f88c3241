package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.config.MemoflowSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    @TempDir
    Path home;

    @Test
    void healthAndMetricsListenOnThisMachineOnlyUnlessConfigured() {
        Main daemon = RunCommand.daemon(MemoflowSettings.of(home, Map.of()));
        assertThat(daemon.getOverrideProperties().getProperty("camel.management.host")).isEqualTo("127.0.0.1");
        assertThat(daemon.getOverrideProperties().getProperty("camel.management.port")).isEqualTo("8080");

        Main open = RunCommand.daemon(MemoflowSettings.of(home, Map.of("memoflow.http.host", "0.0.0.0")));
        assertThat(open.getOverrideProperties().getProperty("camel.management.host")).isEqualTo("0.0.0.0");
    }

    @Test
    void portZeroTurnsTheHttpEndpointOff() {
        Main daemon = RunCommand.daemon(MemoflowSettings.of(home, Map.of("memoflow.http.port", "0")));
        assertThat(daemon.getOverrideProperties().getProperty("camel.management.enabled")).isNull();
    }

    @Test
    void theWebDeskRunsOnCamelsMainServerOnItsOwnPortBesideHealthAndMetricsAndPortZeroTurnsItOff() {
        Main daemon = RunCommand.daemon(MemoflowSettings.of(home, Map.of()));
        assertThat(daemon.getOverrideProperties().getProperty("camel.server.enabled")).isEqualTo("true");
        assertThat(daemon.getOverrideProperties().getProperty("camel.server.port")).isEqualTo("8460");
        assertThat(daemon.getOverrideProperties().getProperty("camel.server.host")).isEqualTo("127.0.0.1");
        assertThat(daemon.getOverrideProperties().getProperty("camel.management.port")).isEqualTo("8080");
        Main off = RunCommand.daemon(MemoflowSettings.of(home, Map.of("memoflow.web.port", "0")));
        assertThat(off.getOverrideProperties().getProperty("camel.server.enabled")).isNull();
    }

    @Test
    void aRoutesFolderInTheHomeFolderReplacesThePackagedRoutes() throws Exception {
        assertThat(RunCommand.daemon(MemoflowSettings.of(home, Map.of())).getOverrideProperties()
                .getProperty("camel.main.routesIncludePattern")).isNull(); // application.properties: the packaged ones
        Files.createDirectories(home.resolve("routes"));
        assertThat(RunCommand.daemon(MemoflowSettings.of(home, Map.of())).getOverrideProperties()
                .getProperty("camel.main.routesIncludePattern")).isEqualTo("file:" + home.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
    }
}
