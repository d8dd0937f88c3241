package io.memoflow.app;

import io.memoflow.RejectedInputException;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.document.MemoRenderer;
import io.memoflow.document.Typesetter;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import io.memoflow.mail.DecisionLinks;
import io.memoflow.mail.MailAuthentication;
import io.memoflow.mail.MailComposer;
import io.memoflow.mail.MailLimits;
import io.memoflow.mail.MailReplies;
import io.memoflow.mail.MailTriage;
import io.memoflow.mail.Submitters;
import io.memoflow.mail.Tokens;
import io.memoflow.service.Defaults;
import io.memoflow.service.DocumentService;
import io.memoflow.service.MemoService;
import io.memoflow.service.WorkLedger;
import io.memoflow.signing.HttpTsa;
import io.memoflow.signing.MemoSigner;
import io.memoflow.signing.OutsideRevocation;
import io.memoflow.signing.SigningKeys;
import io.memoflow.signing.SigningLevel;
import io.memoflow.store.AtomicFiles;
import io.memoflow.store.FileMemoStore;
import io.memoflow.store.MemoStore;
import io.memoflow.store.PostgresMemoStore;
import io.memoflow.store.StoreMigration;
import io.memoflow.workflow.Authority;
import io.memoflow.workflow.Roles;
import io.memoflow.workflow.WorkflowCatalog;
import io.memoflow.workflow.WorkflowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * memoflow assembled from its settings (the composition root): the folders of the home folder,
 * the store, the workflow engine, the services, the renderer and the keys. Plain objects, no
 * Camel: the daemon's Camel configuration binds them, and the command-line tools use them
 * directly. This is the one place outside {@code store/} that chooses a store implementation.
 */
public final class Memoflow {

    /** The folders of a home folder, created on start. */
    public static final List<String> FOLDERS = List.of("inbox", "decisions", "outbox", "signed", "rejected", "data");

    private final MemoflowSettings settings;
    private final AdjustableClock clock;
    private final MemoStore store;
    private final WorkflowCatalog workflows;
    private final WorkflowEngine engine;
    private final MemoService service;
    private final WorkLedger work;
    private final MailComposer mail;
    private final Tokens tokens;
    private final DecisionLinks links;
    private final DocumentService documents;
    private final SigningKeys keys;
    private final DraftLimits limits;
    private final String nodeId;

    /** memoflow for these settings, with the typesetter (and the home folder's templates/style file when there is one). */
    public static Memoflow assemble(MemoflowSettings settings, AdjustableClock clock) {
        return new Memoflow(settings, clock, Typesetter.forHome(settings.home()));
    }

    /**
     * The store of a home folder's data folder, for the tools that work beside (or without) a
     * running daemon: status reads it, bench fills it. The home folder's settings choose it
     * (memoflow.store.url), as for the daemon.
     */
    public static MemoStore openStore(Path dataFolder) {
        Path home = dataFolder.toAbsolutePath().getParent();
        return openStore(MemoflowSettings.load(home, System.getenv()), dataFolder);
    }

    /**
     * The store these settings name: PostgreSQL when memoflow.store.url is a
     * {@code jdbc:postgresql://} address (memoflow.store.user, memoflow.store.password or
     * memoflow.store.password-file, memoflow.store.pool-size), else the file store in {@code dataFolder}.
     */
    public static MemoStore openStore(MemoflowSettings settings, Path dataFolder) {
        String url = settings.get("memoflow.store.url", "").trim();
        if (url.isEmpty() || "file".equals(url)) {
            return new FileMemoStore(dataFolder);
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("memoflow.store.url is '" + url + "': give jdbc:postgresql://HOST:PORT/DATABASE"
                    + " for a PostgreSQL store, or leave it empty for the file store in data/.");
        }
        return new PostgresMemoStore(url, settings.get("memoflow.store.user", "memoflow"), storePassword(settings),
                settings.getInt("memoflow.store.pool-size", 10));
    }

    /**
     * Copies the home folder's file store into the PostgreSQL store that {@code target} names
     * (memoflow.store.url and its user and password), for {@code memoflow migrate}.
     */
    public static StoreMigration.Report migrate(MemoflowSettings target) {
        if (!clustered(target)) {
            throw new IllegalArgumentException("Give the PostgreSQL store to copy into: --to jdbc:postgresql://HOST:PORT/DATABASE");
        }
        try (MemoStore store = openStore(target, target.folder("data"))) {
            return StoreMigration.copy(target.folder("data"), (PostgresMemoStore) store);
        }
    }

    /** True when the home folder has a store to read: a PostgreSQL store is configured, or data/memos exists. */
    public static boolean hasStore(Path home) {
        return Files.isDirectory(home.resolve("data").resolve("memos"))
                || !MemoflowSettings.load(home, System.getenv()).get("memoflow.store.url", "").isBlank();
    }

    /** True when the store is shared by several instances (PostgreSQL): no one-daemon-per-home lock then. */
    public boolean clustered() {
        return store instanceof PostgresMemoStore;
    }

    /** True when these settings name a store shared by several instances (decided before the store is opened). */
    public static boolean clustered(MemoflowSettings settings) {
        String url = settings.get("memoflow.store.url", "").trim();
        return !url.isEmpty() && !"file".equals(url);
    }

    /** The shared store's connections (for the cluster's claims of input files), or empty with the file store. */
    public Optional<DataSource> sharedDataSource() {
        return store instanceof PostgresMemoStore shared ? Optional.of(shared.dataSource()) : Optional.empty();
    }

    /** This instance's name among several on one store (memoflow.node.id; default: host name and process id). */
    public String nodeId() {
        return nodeId;
    }

    private static String nodeId(MemoflowSettings settings) {
        String configured = settings.get("memoflow.node.id", "").trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost"; // no name for this host: the process id still tells the instances apart on it
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    private static String storePassword(MemoflowSettings settings) {
        if (settings.has("memoflow.store.password-file") && !settings.get("memoflow.store.password-file").isBlank()) {
            Path file = settings.home().resolve(settings.get("memoflow.store.password-file"));
            try {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty() || lines.get(0).isBlank()) {
                    throw new IllegalArgumentException("The store's password file " + file + " is empty; put the password on its first line.");
                }
                return lines.get(0).strip();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the store's password file " + file + " (memoflow.store.password-file): "
                        + e.getMessage() + ". Check the name and that memoflow may read it.", e);
            }
        }
        return settings.get("memoflow.store.password", "");
    }

    public Memoflow(MemoflowSettings settings, AdjustableClock clock, MemoRenderer renderer) {
        this.settings = settings;
        this.clock = clock;
        this.nodeId = nodeId(settings);
        createFolders(settings.home());
        this.store = openStore(settings, settings.folder("data"));
        this.workflows = WorkflowCatalog.parse(settings.under("memoflow.workflows."));
        this.engine = new WorkflowEngine(clock, roles(settings));
        this.limits = new DraftLimits(
                settings.getLong("memoflow.limits.draft-bytes", DraftLimits.DEFAULT.maxBytes()),
                settings.getInt("memoflow.limits.front-matter-bytes", DraftLimits.DEFAULT.maxFrontMatterBytes()),
                settings.getInt("memoflow.limits.nesting-depth", DraftLimits.DEFAULT.maxNestingDepth()),
                settings.getInt("memoflow.limits.parties", DraftLimits.DEFAULT.maxParties()),
                settings.getInt("memoflow.limits.addresses", DraftLimits.DEFAULT.maxAddresses()),
                settings.getInt("memoflow.limits.zip-entries", DraftLimits.DEFAULT.maxZipEntries()),
                settings.getLong("memoflow.limits.unzipped-bytes", DraftLimits.DEFAULT.maxUnzippedBytes()),
                settings.getInt("memoflow.limits.zip-nesting", DraftLimits.DEFAULT.maxZipNesting()));
        Defaults defaults = new Defaults(settings.get("memoflow.reference.prefix", "MOU"),
                settings.get("memoflow.workflow.default", "standard"),
                settings.get("memoflow.author.default").toLowerCase(Locale.ROOT),
                settings.getList("memoflow.reviewers.default").stream().map(s -> s.toLowerCase(Locale.ROOT)).toList(),
                Defaults.parseParties(settings.get("memoflow.parties.default")),
                !"accept".equalsIgnoreCase(settings.get("memoflow.duplicates", "reject")),
                settings.getBoolean("memoflow.versions.keep-author", true),
                settings.getBoolean("memoflow.versions.keep-workflow", true));
        try {
            Authority.checkPeople(defaults.author(), defaults.parties());
        } catch (RejectedInputException e) {
            throw new IllegalArgumentException("memoflow.author.default and memoflow.parties.default: " + e.reason() + " " + e.advice(), e);
        }
        if (workflows.find(defaults.workflow()).isEmpty()) {
            throw new IllegalArgumentException("memoflow.workflow.default names the workflow '" + defaults.workflow()
                    + "', which is not configured; configured: " + String.join(", ", workflows.all().keySet()));
        }
        this.service = new MemoService(store, new DraftParser(limits), engine, workflows, defaults);
        this.service.checkFontsWith(renderer);
        this.work = new WorkLedger(store, engine, service);
        Path keyFolder = settings.folder("data").resolve("keys");
        SigningKeys[] made = new SigningKeys[1];
        Runnable makeKeys = () -> {
            tokenSecret(keyFolder);
            made[0] = SigningKeys.fromConfig(k -> settings.has(k) ? settings.get(k) : null, settings.folder("data"));
        };
        if (store instanceof PostgresMemoStore shared) {
            shared.shareFolder(keyFolder, makeKeys); // the token secret and the demonstration keys: once per cluster
        } else {
            makeKeys.run();
        }
        this.keys = made[0];
        byte[] secret = tokenSecret(keyFolder);
        this.tokens = new Tokens(secret);
        this.links = new DecisionLinks(secret);
        this.mail = new MailComposer(settings.get("memoflow.smtp.from", "memoflow@localhost"), tokens, links, webBaseUrl(settings));
        SigningLevel level = SigningLevel.parse(settings.get("memoflow.signing.level", "LTA"));
        HttpTsa tsa = HttpTsa.fromConfig(settings.has("memoflow.tsa.url") ? settings.getList("memoflow.tsa.url") : List.of(),
                settings.has("memoflow.tsa.user") ? settings.get("memoflow.tsa.user") : null,
                settings.has("memoflow.tsa.password-file") ? settings.get("memoflow.tsa.password-file") : null, settings.home());
        OutsideRevocation revocation = OutsideRevocation.fromConfig(
                settings.has("memoflow.keys.crl-files") ? settings.getList("memoflow.keys.crl-files") : List.of(),
                settings.getLong("memoflow.revocation.timeout-ms", 10_000), settings.home());
        this.documents = new DocumentService(store, renderer, new MemoSigner(keys, renderer, level, tsa, revocation),
                settings.get("memoflow.organisation"), clock);
        Duration warnBefore = settings.getDuration("memoflow.renew.warn-before");
        this.documents.watchRenewals(settings.folder("signed"), warnBefore == null ? Duration.ofDays(90) : warnBefore);
    }

    private static Roles roles(MemoflowSettings settings) {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        settings.under("memoflow.roles.").forEach((name, list) -> roles.put(name,
                Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).toList()));
        return new Roles(roles);
    }

    /** Creates the home folder's folders; cleans temporary files an interrupted write left behind. */
    public static void createFolders(Path home) {
        try {
            for (String f : FOLDERS) {
                AtomicFiles.createFolders(home.resolve(f));
            }
            AtomicFiles.createFolders(home.resolve("data").resolve("keys"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folders of the home folder " + home + ": " + e.getMessage()
                    + ". Check that it exists and is writable, or give another one with --home.", e);
        }
        for (String f : List.of("outbox", "signed", "rejected")) {
            AtomicFiles.removeStrayTemporaries(home.resolve(f));
        }
    }

    private static byte[] tokenSecret(Path keys) {
        Path file = keys.resolve("token.secret");
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                AtomicFiles.create(file, secret);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token secret " + file + ": " + e.getMessage(), e);
        }
    }

    public MemoflowSettings settings() {
        return settings;
    }

    public AdjustableClock clock() {
        return clock;
    }

    public MemoStore store() {
        return store;
    }

    public WorkflowCatalog workflows() {
        return workflows;
    }

    public WorkflowEngine engine() {
        return engine;
    }

    public MemoService service() {
        return service;
    }

    /** What is still to do for each memorandum (mails, signing). */
    public WorkLedger work() {
        return work;
    }

    public MailComposer mail() {
        return mail;
    }

    public Tokens tokens() {
        return tokens;
    }

    /** The personal decision links of the web desk. */
    public DecisionLinks decisionLinks() {
        return links;
    }

    /**
     * Where the web desk is reached, for the links in mails: memoflow.web.base-url, else
     * http://HOST:PORT of memoflow.web.host and memoflow.web.port; null when the desk is off
     * (memoflow.web.port=0), and then the mails carry no links.
     */
    public static String webBaseUrl(MemoflowSettings settings) {
        if (settings.getInt("memoflow.web.port", 8460) <= 0) {
            return null;
        }
        String configured = settings.get("memoflow.web.base-url", "").trim();
        if (!configured.isEmpty()) {
            URI uri = URI.create(configured);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("memoflow.web.base-url is '" + configured + "'; it must be an http:// or https:// "
                        + "address such as https://memoflow.example.org. Fix it in memoflow.properties.");
            }
            return configured.replaceAll("/+$", "");
        }
        String host = settings.get("memoflow.web.host", "127.0.0.1");
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + settings.getInt("memoflow.web.port", 8460);
    }

    /** The signing keys (demonstration keys when none are configured). */
    public SigningKeys keys() {
        return keys;
    }

    public DocumentService documents() {
        return documents;
    }

    public Path folder(String name) {
        return settings.folder(name);
    }

    /** How large and deep a draft may be (memoflow.limits.*). */
    public DraftLimits draftLimits() {
        return limits;
    }

    /** How large and deep a mail may be (memoflow.imap.max-bytes, memoflow.limits.*). */
    public MailLimits mailLimits() {
        return new MailLimits(settings.getLong("memoflow.imap.max-bytes", MailLimits.DEFAULT.maxMailBytes()),
                limits.maxBytes(),
                settings.getInt("memoflow.limits.mail-parts", MailLimits.DEFAULT.maxParts()),
                settings.getInt("memoflow.limits.mail-depth", MailLimits.DEFAULT.maxDepth()));
    }

    /** Decides what a mail read from the mailbox is: a submission, a decision, or a mail to set aside. */
    public MailTriage mailTriage() {
        return new MailTriage(new MailReplies(tokens, mail.domain()), submitters(), editors(),
                settings.get("memoflow.smtp.from", "memoflow@localhost"), store::find, new DraftParser(limits),
                new MailAuthentication(settings.getBoolean("memoflow.mail.require-authentication", false),
                        settings.getList("memoflow.mail.authserv-id")));
    }

    /** Who may send new versions of any memorandum by mail, besides its author (memoflow.editors). */
    public Submitters editors() {
        return new Submitters(settings.getList("memoflow.editors"), "memoflow.editors");
    }

    /** Who may submit drafts by mail (memoflow.submitters). */
    public Submitters submitters() {
        return new Submitters(settings.getList("memoflow.submitters"));
    }

    /** The back-off after a task's first failure (memoflow.work.retry-first-ms), doubled for each further one ... */
    public Duration retryFirst() {
        return Duration.ofMillis(settings.getLong("memoflow.work.retry-first-ms", 60_000));
    }

    /** ... up to this (memoflow.work.retry-max-ms). */
    public Duration retryMax() {
        return Duration.ofMillis(settings.getLong("memoflow.work.retry-max-ms", 3_600_000));
    }

    /** Why the seal's key cannot be loaded, or null when it can (the health check). */
    public String keyProblem() {
        try {
            keys.seal();
            return null;
        } catch (RuntimeException e) {
            return "The seal's key cannot be loaded: " + e.getMessage();
        }
    }
}
