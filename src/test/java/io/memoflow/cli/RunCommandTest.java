package io.memoflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.config.MemoflowSettings;
import io.memoflow.testing.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

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
    void theDaemonsCommandIsParsedAloneUnderItsFullName() {
        Map.Entry<CommandLine, String[]> run = MemoflowCommand.commandLine(new String[] {"run", "--home", "x"});
        assertThat(run.getKey().getSubcommands()).as("no other command's model is built for the daemon").isEmpty();
        assertThat(run.getKey().getCommandName()).isEqualTo("memoflow run");
        assertThat(run.getValue()).containsExactly("--home", "x");
        assertThat(Commands.run("run", "--no-such-option").exit()).isEqualTo(2);
        assertThat(MemoflowCommand.commandLine(new String[] {"status"}).getKey().getSubcommands()).containsKey("run");
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
