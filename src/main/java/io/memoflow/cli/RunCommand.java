package io.memoflow.cli;

import io.memoflow.camel.MemoflowConfiguration;
import io.memoflow.config.MemoflowSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code memoflow run}: the daemon. */
@Command(name = "run", description = "Run the daemon on the home folder until stopped (Ctrl-C or SIGTERM).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Override
    public Integer call() throws Exception {
        Path dir = home.resolve();
        Files.createDirectories(dir);
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        Main main = daemon(settings);
        main.run();
        return main.getExitCode();
    }

    /** A Camel Main set up as the memoflow daemon for these settings. */
    public static Main daemon(MemoflowSettings settings) {
        Main main = new Main();
        main.configure().addConfiguration(MemoflowConfiguration.class);
        // Camel's fixed settings are in application.properties; these follow memoflow's settings
        Path routes = settings.home().resolve("routes");
        if (Files.isDirectory(routes)) {
            main.addOverrideProperty("camel.main.routesIncludePattern", "file:" + routes.toAbsolutePath() + "/*.camel.yaml");
        }
        settings.asProperties().forEach((k, v) -> main.addOverrideProperty((String) k, (String) v));
        main.addOverrideProperty("camel.main.shutdownTimeout", settings.get("memoflow.shutdown.timeout-seconds", "30"));
        int port = settings.getInt("memoflow.http.port", 8080);
        if (port > 0) {
            main.addOverrideProperty("camel.management.enabled", "true");
            main.addOverrideProperty("camel.management.port", String.valueOf(port));
            main.addOverrideProperty("camel.management.host", settings.get("memoflow.http.host", "127.0.0.1"));
            main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
            main.addOverrideProperty("camel.management.metricsEnabled", "true");
            main.addOverrideProperty("camel.metrics.enabled", "true");
            main.addOverrideProperty("camel.health.exposureLevel", "full");
            main.addOverrideProperty("camel.metrics.enableRoutePolicy", "true");
        }
        return main;
    }
}
