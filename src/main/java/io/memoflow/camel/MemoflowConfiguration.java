package io.memoflow.camel;

import com.zaxxer.hikari.HikariDataSource;
import io.memoflow.app.Memoflow;
import io.memoflow.config.AdjustableClock;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.mail.MailServers;
import io.memoflow.store.AtomicFiles;
import io.memoflow.web.WebDesk;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.File;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.file.GenericFileExclusiveReadLockStrategy;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daemon's one configuration class (the camel-main idiom: Camel's own {@code camel.*} keys
 * are in {@code application.properties}; this class binds memoflow's beans). {@link #memoflow}
 * reads the settings of the home folder ({@code memoflow.home}), makes them the values of the
 * routes' {{placeholders}}, takes the home folder's lock and assembles memoflow; each other
 * method binds one bean the routes call, by the name the routes use:
 * <ul>
 * <li>{@code intake} ({@link FolderIntake}): the inbox and decisions folders</li>
 * <li>{@code stableFiles} ({@link StableFiles}): when a file in those folders is complete</li>
 * <li>{@code intakeReadLock}: their read lock (stableFiles; with a shared store first a claim, {@link ClusterReadLock})</li>
 * <li>{@code intakeFilter} ({@link IntakeFilter}): files there the file consumer could not move, reported and left</li>
 * <li>{@code work} ({@link Work}): pending work, PDFs and mails</li>
 * <li>{@code rejections} ({@link Rejections}): error reports for inputs not accepted, failed work</li>
 * <li>{@code web} ({@link WebEndpoints}), {@code webAdvance}, {@code webHeaders}, {@code platform-http-engine}: the web desk
 * and API (routes/web.camel.yaml)</li>
 * <li>{@code mailIntake} ({@link MailIntake}): the IMAP mailbox (drafts and decision replies)</li>
 * <li>{@code imapLogin}, {@code smtpLogin} ({@link MailLogin}), {@code imapProperties},
 * {@code smtpProperties}: what the mail endpoints log in and connect with</li>
 * <li>{@code mailPollErrors} ({@link PollErrors}): how a failed poll of the mailbox is reported</li>
 * <li>{@code diskGuard} ({@link DiskGuard}): no new input while the disk is nearly full</li>
 * <li>{@code workInProgress}: the idempotent repository that keeps one task from running twice at once</li>
 * <li>{@code clusterService} ({@link AdvisoryLockClusterService}), {@code mailboxLeadership}: which node reads the mailbox (the mail route's policy)</li>
 * <li>{@code memoflow} ({@link Memoflow}), {@code clock} ({@link AdjustableClock})</li>
 * </ul>
 * Camel binds these before it loads the routes; each method takes the one memoflow assembled on first use.
 */
public class MemoflowConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    /** The cluster namespace whose leader reads the mailbox. */
    static final String MAILBOX = "memoflow-mailbox";

    private Memoflow memoflow;
    private MailIntake mailIntake;
    private Rejections rejections;
    private DiskGuard diskGuard;
    private StableFiles stableFiles;
    private WorkLeases workLeases;
    private AdvisoryLockClusterService clusterService;

    @BindToRegistry("memoflow")
    public synchronized Memoflow memoflow(CamelContext context) throws Exception {
        if (memoflow != null) {
            return memoflow;
        }
        MemoflowSettings settings = settings(context.getPropertiesComponent());
        AtomicFiles.permissions(settings.get("memoflow.files.mode", "640"), settings.get("memoflow.files.folder-mode", "750"));
        Memoflow.createFolders(settings.home());
        if (!Memoflow.clustered(settings)) { // one daemon per home folder; instances sharing a PostgreSQL store share the folder
            DaemonLock lock = new DaemonLock(settings.folder("data").resolve("daemon.lock"));
            lock.acquire();
            context.addService(lock, true, true);
        }
        memoflow = Memoflow.assemble(settings, AdjustableClock.system());
        context.addService(new StoreLifecycle(memoflow.store()), true, true);
        workLeases = new WorkLeases(memoflow.store(), memoflow.nodeId(),
                Duration.ofMillis(millis(settings, "memoflow.cluster.lease-ms", "20000")));
        clusterService = clusterService(memoflow);
        context.addService(clusterService, true, true);
        return memoflow;
    }

    /**
     * Who leads what only one node may do at a time (the mailbox, through the mail route's policy):
     * with a shared store, the node holding a PostgreSQL advisory lock on a connection of its own;
     * with the file store, the home folder's one daemon.
     */
    @BindToRegistry("clusterService")
    public synchronized AdvisoryLockClusterService clusterService(CamelContext context) throws Exception {
        memoflow(context);
        return clusterService;
    }

    /** The mail route's policy: it runs on the leader of memoflow-mailbox only, from the moment that node leads. */
    @BindToRegistry("mailboxLeadership")
    public RoutePolicy mailboxLeadership(CamelContext context) throws Exception {
        ClusteredRoutePolicy policy = ClusteredRoutePolicy.forNamespace(clusterService(context), MAILBOX);
        policy.setInitialDelay(Duration.ZERO);
        return policy;
    }

    private static AdvisoryLockClusterService clusterService(Memoflow memoflow) {
        Optional<DataSource> shared = memoflow.sharedDataSource();
        if (shared.isEmpty() || !(shared.get() instanceof HikariDataSource pool)) {
            return AdvisoryLockClusterService.soleNode(memoflow.nodeId());
        }
        Properties login = new Properties();
        login.setProperty("user", pool.getUsername());
        if (pool.getPassword() != null) {
            login.setProperty("password", pool.getPassword());
        }
        login.setProperty("ApplicationName", "memoflow " + memoflow.nodeId() + " leadership");
        return AdvisoryLockClusterService.postgres(memoflow.nodeId(), () -> DriverManager.getConnection(pool.getJdbcUrl(), login),
                millis(memoflow.settings(), "memoflow.cluster.leader-retry-ms", "2000"));
    }

    /**
     * The intake folders' read lock: {@link StableFiles} alone for one daemon; with a shared store,
     * a claim in the store first ({@link ClusterReadLock}), so each file is taken by one node.
     */
    @BindToRegistry("intakeReadLock")
    public synchronized GenericFileExclusiveReadLockStrategy<File> intakeReadLock(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        StableFiles stable = stableFiles(context);
        Optional<DataSource> shared = memoflow.sharedDataSource();
        if (shared.isEmpty()) {
            return stable;
        }
        long maxAge = millis(memoflow.settings(), "memoflow.cluster.claim-max-age-ms", "30000");
        // repeatable read: two nodes claiming (or taking over) the same file at once cannot both win; the second gets an error
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(shared.get()));
        transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        JdbcOrphanLockAwareIdempotentRepository claims = new JdbcOrphanLockAwareIdempotentRepository(shared.get(), transactions,
                "memoflow-intake", context);
        claims.setCreateTableIfNotExists(false); // Flyway made it, with the unique key that makes a second claim fail
        claims.setLockMaxAgeMillis(maxAge);
        claims.setLockKeepAliveIntervalMillis(Math.max(1, maxAge / 5));
        context.addService(claims, true, true);
        return new ClusterReadLock(claims, stable);
    }

    @BindToRegistry("clock")
    public AdjustableClock clock(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return memoflow.clock();
    }

    @BindToRegistry("intake")
    public FolderIntake intake(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return new FolderIntake(memoflow.service(), new SafeNames(), memoflow.draftLimits().maxBytes());
    }

    @BindToRegistry("stableFiles")
    public synchronized StableFiles stableFiles(CamelContext context) throws Exception {
        if (stableFiles == null) {
            MemoflowSettings settings = memoflow(context).settings();
            stableFiles = new StableFiles(Clock.systemUTC(), millis(settings, "memoflow.inbox.stable-ms", "2000"),
                    millis(settings, "memoflow.inbox.check-ms", "250"), millis(settings, "memoflow.inbox.lock-timeout-ms", "5000"));
        }
        return stableFiles;
    }

    @BindToRegistry("intakeFilter")
    public IntakeFilter intakeFilter(CamelContext context) throws Exception {
        return new IntakeFilter(rejections(context));
    }

    @BindToRegistry("work")
    public Work work(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return new Work(memoflow.service(), memoflow.work(), memoflow.documents(), memoflow.mail(), memoflow.settings().home(), workLeases);
    }

    @BindToRegistry("web")
    public WebEndpoints web(CamelContext context) throws Exception {
        return new WebEndpoints(WebDesk.assemble(memoflow(context)));
    }

    @BindToRegistry("webAdvance")
    public Processor webAdvance() {
        return WebEndpoints.ADVANCE;
    }

    /**
     * The platform HTTP engine of the web routes, bound to the web desk's port (memoflow.web.port).
     * Camel's own engine finds its server's port only when there is one HTTP server; with the
     * management server (health and metrics) beside it, it would look for a server on 8080.
     */
    @BindToRegistry("platform-http-engine")
    public PlatformHttpEngine platformHttpEngine(CamelContext context) throws Exception {
        int port = memoflow(context).settings().getInt("memoflow.web.port", 8460);
        return new VertxPlatformHttpEngine() {
            @Override
            public int getServerPort() {
                return port;
            }
        };
    }

    /** HTTP's usual header filter, except that the web desk's own Cache-Control (no-store) is sent. */
    @BindToRegistry("webHeaders")
    public HeaderFilterStrategy webHeaders() {
        HttpHeaderFilterStrategy strategy = new HttpHeaderFilterStrategy();
        strategy.getOutFilter().remove("cache-control");
        return strategy;
    }

    @BindToRegistry("mailIntake")
    public synchronized MailIntake mailIntake(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        if (mailIntake == null) {
            MemoflowSettings settings = memoflow.settings();
            mailIntake = new MailIntake(memoflow.service(), memoflow.work(), memoflow.mailTriage(), memoflow.mailLimits(), settings.home(),
                    settings.get("memoflow.imap.quarantine-folder", "memoflow-quarantine"), settings.get("memoflow.imap.processed-folder"),
                    memoflow.clock());
        }
        return mailIntake;
    }

    @BindToRegistry("rejections")
    public synchronized Rejections rejections(CamelContext context) throws Exception {
        if (rejections == null) {
            Memoflow memoflow = memoflow(context);
            rejections = new Rejections(memoflow.settings().home(), memoflow.clock(), memoflow.work(), mailIntake(context),
                    memoflow.retryFirst(), memoflow.retryMax());
        }
        return rejections;
    }

    @BindToRegistry("imapLogin")
    public MailLogin imapLogin(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        MailServers.Server imap = MailServers.imap(memoflow.settings());
        return new MailLogin(imap.user(), imap.password());
    }

    @BindToRegistry("smtpLogin")
    public MailLogin smtpLogin(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        MailServers.Server smtp = MailServers.smtp(memoflow.settings());
        return new MailLogin(smtp.user(), smtp.password());
    }

    @BindToRegistry("imapProperties")
    public Properties imapProperties(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return MailServers.imap(memoflow.settings()).javaMail();
    }

    @BindToRegistry("smtpProperties")
    public Properties smtpProperties(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return MailServers.smtp(memoflow.settings()).javaMail();
    }

    @BindToRegistry("mailPollErrors")
    public PollErrors mailPollErrors(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        return new PollErrors("the mailbox " + MailServers.imap(memoflow.settings()).describe(), diskGuard(context));
    }

    @BindToRegistry("diskGuard")
    public synchronized DiskGuard diskGuard(CamelContext context) throws Exception {
        if (diskGuard == null) {
            Memoflow memoflow = memoflow(context);
            diskGuard = new DiskGuard(memoflow.settings().home(), memoflow.settings().getLong("memoflow.disk.min-free-mb", 64) << 20);
        }
        return diskGuard;
    }

    @BindToRegistry("workInProgress")
    public IdempotentRepository workInProgress() {
        return MemoryIdempotentRepository.memoryIdempotentRepository(100_000);
    }

    private final AtomicBoolean renewalWatch = new AtomicBoolean();

    /** Health checks and metrics once Camel has started; the signing keys are loaded now, so a bad keystore stops the start. */
    @Override
    public void configure(CamelContext context) throws Exception {
        Memoflow memoflow = memoflow(context);
        Rejections rejections = rejections(context);
        context.addStartupListener((ctx, alreadyStarted) -> {
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health != null && health.getCheck("memoflow-folders").isEmpty()) {
                health.register(MemoflowHealthChecks.folders(memoflow.settings().home(), Memoflow.FOLDERS));
                health.register(MemoflowHealthChecks.store(memoflow.store(), workLeases));
                health.register(MemoflowHealthChecks.keys(memoflow::keyProblem));
                health.register(MemoflowHealthChecks.disk(diskGuardOf(ctx)));
                health.register(MemoflowHealthChecks.renewals(memoflow.documents()));
                health.register(MemoflowHealthChecks.mailbox(ctx, "mail-intake", clusterService, MAILBOX));
            }
            // renewals due: one WARN line at start, then daily
            if (renewalWatch.compareAndSet(false, true)) {
                ctx.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "memoflow-renewals").scheduleAtFixedRate(() -> {
                try {
                    memoflow.documents().warnRenewalsDue();
                } catch (RuntimeException e) {
                    LOG.warn("Could not look for signed memoranda due for renewal: {}", e.getMessage(), e);
                }
                }, 0, 1, TimeUnit.DAYS);
            }
            MeterRegistry meters = ctx.getRegistry().findSingleByType(MeterRegistry.class);
            if (meters != null) {
                MemoflowMetrics metrics = new MemoflowMetrics(meters, memoflow.store());
                memoflow.service().setEvents(metrics);
                rejections.setMetrics(metrics);
            }
        });
        if (memoflow.clustered()) {
            long every = Math.max(1, workLeases.ttl().toMillis() / 4);
            context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "memoflow-work-leases")
                    .scheduleWithFixedDelay(workLeases::renew, every, every, TimeUnit.MILLISECONDS);
        }
        memoflow.keys().seal();
        logStart(memoflow);
        LOG.info("In {} and {}, a file is taken once it has not changed for {} s", memoflow.settings().home().resolve("inbox"),
                memoflow.settings().home().resolve("decisions"), String.format(Locale.ROOT, "%.1f", stableFiles(context).stableMs() / 1000.0));
    }

    private DiskGuard diskGuardOf(CamelContext context) {
        try {
            return diskGuard(context);
        } catch (Exception e) {
            throw new IllegalStateException("The disk guard cannot be made: " + e.getMessage(), e);
        }
    }

    /**
     * The settings of the daemon: the three layers of the home folder (packaged defaults,
     * memoflow.properties, environment), under the memoflow.* properties Camel was given (by
     * the command line or a test), which then become the values of the routes' placeholders.
     */
    static MemoflowSettings settings(PropertiesComponent pc) {
        Path home = Path.of(pc.resolveProperty("memoflow.home")
                .or(() -> Optional.ofNullable(System.getenv("MEMOFLOW_HOME")))
                .orElse(System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Properties given = pc.loadProperties(k -> k.startsWith("memoflow."));
        Map<String, String> merged = new HashMap<>(MemoflowSettings.load(home, System.getenv()).under(""));
        given.stringPropertyNames().forEach(k -> merged.put(k, given.getProperty(k)));
        if (merged.getOrDefault("memoflow.workers", "0").trim().equals("0")) {
            merged.put("memoflow.workers", String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
        MemoflowSettings settings = MemoflowSettings.of(home, merged);
        settings.asProperties().forEach((k, v) -> pc.addOverrideProperty((String) k, (String) v));
        MailServers.placeholders(settings).forEach(pc::addOverrideProperty);
        // the web routes exist only when Camel's HTTP server runs (memoflow run turns it on for memoflow.web.port > 0)
        pc.addOverrideProperty("memoflow.web.enabled", pc.resolveProperty("camel.server.enabled").orElse("false").trim());
        return settings;
    }

    private static long millis(MemoflowSettings settings, String key, String fallback) {
        String v = settings.get(key, fallback).trim();
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + v + "'; it must be a whole number of milliseconds, such as " + fallback
                    + ". Fix it in memoflow.properties.", e);
        }
    }

    private static void logStart(Memoflow memoflow) {
        MemoflowSettings settings = memoflow.settings();
        Path home = settings.home();
        if (memoflow.keys().demonstration()) {
            LOG.warn("Signing with self-signed DEMONSTRATION keys in {} (CA certificate: demo-ca.pem there). The signatures are valid "
                    + "but prove nothing about who signed; configure memoflow.keys.* before real use.", home.resolve("data/keys"));
        } else {
            LOG.info("Signing keys: {}", memoflow.keys().description());
        }
        MailServers.Server smtp = MailServers.smtp(settings);
        if (memoflow.clustered()) {
            LOG.info("Node {} on the shared store {}: inbox and decision files are claimed there, work is leased there", memoflow.nodeId(),
                    memoflow.store().describe());
        }
        LOG.info("memoflow home {}: watching {} for drafts and {} for decisions; mail goes to {}{}", home, home.resolve("inbox"),
                home.resolve("decisions"), home.resolve("outbox"),
                smtp.enabled() ? " and SMTP " + smtp.describe() : " (no SMTP server configured)");
        MailServers.Server imap = MailServers.imap(settings);
        if (imap.enabled()) {
            LOG.info("Reading mail from {} folder {} every {} ms; drafts accepted from {}", imap.describe(),
                    settings.get("memoflow.imap.folder", "INBOX"), MailServers.placeholders(settings).get("memoflow.imap.poll-ms"),
                    memoflow.submitters());
        }
    }
}
