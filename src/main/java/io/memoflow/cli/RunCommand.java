package io.memoflow.cli;

import io.memoflow.camel.MemoflowConfiguration;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.document.Typesetter;
import io.memoflow.signing.SigningKeys;
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
        Thread preload = new Thread(() -> {
            SigningKeys.warmUp();
            Typesetter.preloadFonts();
        }, "memoflow-preload");
        preload.setDaemon(true);
        // what the assembly needs, on the second core while Camel starts on this one; the keys first: the
        // cryptography's classes took longer to be ready than the fonts (ready 1.62 -> 1.49 s, median of 8 and 16 starts)
        preload.start();
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
        int webPort = settings.getInt("memoflow.web.port", 8460);
        if (webPort > 0) {
            // Camel's main HTTP server carries the web desk and the API (routes/web.camel.yaml); health and metrics
            // stay on the management server above
            main.addOverrideProperty("camel.server.enabled", "true");
            main.addOverrideProperty("camel.server.port", String.valueOf(webPort));
            main.addOverrideProperty("camel.server.host", settings.get("memoflow.web.host", "127.0.0.1"));
            main.addOverrideProperty("camel.server.path", "/");
            main.addOverrideProperty("camel.server.fileUploadDirectory", settings.folder("data").resolve("uploads").toString());
            main.addOverrideProperty("camel.server.maxBodySize", String.valueOf(settings.getLong("memoflow.limits.draft-bytes",
                    2L * 1024 * 1024) + 64 * 1024));
        }
        return main;
    }
}
