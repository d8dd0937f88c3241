package io.memoflow.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.camel.SafeNames;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.draft.UntrustedText;
import io.memoflow.store.AtomicFiles;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memoflow submit FILE}: hands a draft to the daemon's API (POST /api/drafts) when a web
 * desk user is given (--user or MEMOFLOW_USER, password from --password-file or
 * MEMOFLOW_PASSWORD) and a daemon answers at memoflow.web.base-url, and says its reference at
 * once; else copies it into the inbox, atomically, never over another file.
 */
@Command(name = "submit", description = "Submit a draft: through the running daemon's API when a web desk user is given "
        + "(--user or MEMOFLOW_USER) and the daemon answers, which tells its reference at once; else by copying it into the "
        + "inbox safely (written under a temporary name, then renamed).")
public final class SubmitCommand implements Callable<Integer> {

    private static final Map<String, String> TYPES = Map.of("md", "text/markdown", "markdown", "text/markdown", "txt", "text/plain",
            "html", "text/html", "htm", "text/html", "pdf", "application/pdf",
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "odt", "application/vnd.oasis.opendocument.text");

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(paramLabel = "FILE", description = "The draft (.md, .txt, .docx, .odt, .html, .pdf).")
    Path file;

    @Option(names = "--user", paramLabel = "EMAIL", description = "A user of the web desk (memoflow user add): submit through the "
            + "daemon's API. Default: the environment variable MEMOFLOW_USER; without one, the draft goes into the inbox.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is that user's password. "
            + "Default: the environment variable MEMOFLOW_PASSWORD.")
    Path passwordFile;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("memoflow: " + file + " is not a file.");
            return 2;
        }
        Path dir = home.resolve();
        MemoflowSettings settings = MemoflowSettings.load(dir, System.getenv());
        long max = settings.getLong("memoflow.limits.draft-bytes", 2L * 1024 * 1024);
        long size = Files.size(file);
        if (size > max) {
            System.err.println("memoflow: " + file + " is " + size + " bytes; a draft may have at most " + max
                    + " bytes (memoflow.limits.draft-bytes).");
            return 2;
        }
        String who = user != null ? user : System.getenv("MEMOFLOW_USER");
        String base = Memoflow.webBaseUrl(settings);
        if (who != null && !who.isBlank() && base != null) {
            Integer done = viaApi(base, who.strip());
            if (done != null) {
                return done;
            }
        }
        Path target = handOver(dir, file, settings);
        System.out.println("Submitted " + file + " as " + dir.relativize(target) + ". The daemon takes it from there; follow it with: memoflow status");
        return 0;
    }

    /** Submits through the API; null when no daemon answers (then the inbox is used). */
    private Integer viaApi(String base, String who) throws IOException {
        String password = passwordFile != null ? Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("")
                : System.getenv("MEMOFLOW_PASSWORD");
        if (password == null) {
            System.err.println("memoflow: no password for " + who + ": give --password-file FILE or set MEMOFLOW_PASSWORD.");
            return 2;
        }
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/drafts")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((who + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpTimeoutException e) {
            System.err.println("memoflow: no daemon answers at " + base + " (" + e.getClass().getSimpleName() + "); putting the draft "
                    + "into the inbox instead.");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while submitting to " + base, e);
        }
        Map<String, String> fields = new HashMap<>();
        try {
            new ObjectMapper().readTree(response.body()).fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        } catch (JsonProcessingException e) {
            fields.put("error", "its answer is not JSON: " + UntrustedText.visible(response.body()));
        }
        if (response.statusCode() == 201) {
            System.out.println("Submitted " + file + " as " + fields.get("reference") + " version " + fields.get("version") + " ("
                    + fields.get("state") + "). Follow it with: memoflow status " + fields.get("reference"));
            return 0;
        }
        System.err.println("memoflow: the daemon did not accept " + file + " (HTTP " + response.statusCode() + "): "
                + UntrustedText.visible(fields.getOrDefault("error", "")) + (fields.containsKey("advice") ? " " + UntrustedText.visible(fields.get("advice")) : ""));
        return 1;
    }

    /**
     * Copies a draft into the inbox of {@code dir} complete, never over another file: written under
     * a temporary name and forced to disk, then linked in under its own (made unique) name. The
     * copy carries the draft's own modification time, at least {@code memoflow.inbox.stable-ms} in
     * the past: it is complete the moment it appears and never changes, so the daemon takes it at
     * its next look at the folder without the wait meant for files still being written there.
     *
     * @return the draft's path in the inbox
     */
    public static Path handOver(Path dir, Path file, MemoflowSettings settings) throws IOException {
        Memoflow.createFolders(dir);
        byte[] bytes = Files.readAllBytes(file);
        long stableMs = settings.getLong("memoflow.inbox.stable-ms", 2000);
        long own = Files.getLastModifiedTime(file).toMillis();
        FileTime time = FileTime.fromMillis(Math.min(own, System.currentTimeMillis() - stableMs - 1000));
        String name = SafeNames.sanitize(file.getFileName().toString());
        Path inbox = dir.resolve("inbox");
        Path target = inbox.resolve(name);
        for (int i = 2; !AtomicFiles.create(target, bytes, time); i++) {
            int dot = name.lastIndexOf('.');
            target = inbox.resolve(dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i);
        }
        return target;
    }
}
