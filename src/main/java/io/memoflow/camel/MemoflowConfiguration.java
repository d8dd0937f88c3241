package io.memoflow.camel;

import io.memoflow.config.AdjustableClock;
import io.memoflow.config.Components;
import io.memoflow.config.Memoflow;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.mail.MailLimits;
import io.memoflow.mail.MailReplies;
import io.memoflow.mail.MailServers;
import io.memoflow.mail.Submitters;
import io.memoflow.store.FileMemoStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one configuration class: reads the settings of the home folder
 * ({@code memoflow.home}), makes them the values of the routes' {{placeholders}}, assembles
 * memoflow and binds the beans the routes call:
 * <ul>
 * <li>{@code intake} ({@link FolderIntake}): the inbox and decisions folders</li>
 * <li>{@code work} ({@link Work}): pending work, PDFs and mails</li>
 * <li>{@code rejections} ({@link Rejections}): error reports for inputs not accepted, failed work</li>
 * <li>{@code mailIntake} ({@link MailIntake}): the IMAP mailbox (drafts and decision replies)</li>
 * <li>{@code imapLogin}, {@code smtpLogin} ({@link MailLogin}), {@code imapProperties},
 * {@code smtpProperties}: what the mail endpoints log in and connect with</li>
 * <li>{@code workInProgress}: the idempotent repository that keeps one task from running twice at once</li>
 * <li>{@code memoflow} ({@link Memoflow}), {@code clock} ({@link AdjustableClock})</li>
 * </ul>
 */
public class MemoflowConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent pc = context.getPropertiesComponent();
        Path home = Path.of(pc.resolveProperty("memoflow.home")
                .or(() -> java.util.Optional.ofNullable(System.getenv("MEMOFLOW_HOME")))
                .orElse(System.getProperty("user.dir"))).toAbsolutePath().normalize();
        Map<String, String> given = new HashMap<>();
        Properties p = pc.loadProperties(k -> k.startsWith("memoflow."));
        p.stringPropertyNames().forEach(k -> given.put(k, p.getProperty(k)));
        MemoflowSettings layered = MemoflowSettings.load(home, System.getenv());
        Map<String, String> merged = new HashMap<>(layered.under(""));
        merged.putAll(given);
        if (merged.getOrDefault("memoflow.workers", "0").trim().equals("0")) {
            merged.put("memoflow.workers", String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
        }
        MemoflowSettings settings = MemoflowSettings.of(home, merged);

        settings.asProperties().forEach((k, v) -> pc.addOverrideProperty((String) k, (String) v));
        MailServers.placeholders(settings).forEach(pc::addOverrideProperty);
        MailServers.Server imap = MailServers.imap(settings);
        MailServers.Server smtp = MailServers.smtp(settings);

        Memoflow.createFolders(home);
        DaemonLock lock = new DaemonLock(home.resolve("data").resolve("daemon.lock"));
        lock.acquire();
        context.addService(lock, true, true);

        AdjustableClock clock = AdjustableClock.system();
        Memoflow memoflow = Components.assemble(settings, clock);
        boolean clean = Files.deleteIfExists(home.resolve("data").resolve("clean-stop"));
        if (!clean) {
            int n = memoflow.store().rebuildIndex();
            LOG.info("Store index rebuilt from {} memoranda (the last stop was not clean, or this is the first start)", n);
        }
        context.addService(new CleanStop(home.resolve("data").resolve("clean-stop"), memoflow.store()), true, true);

        Registry registry = context.getRegistry();
        registry.bind("memoflow", memoflow);
        registry.bind("clock", clock);
        registry.bind("intake", new FolderIntake(memoflow.service(), new SafeNames(),
                settings.getLong("memoflow.limits.draft-bytes", 2L * 1024 * 1024)));
        registry.bind("work", new Work(memoflow.service(), memoflow.documents(), memoflow.mail(), home));
        registry.bind("imapLogin", new MailLogin(imap.user(), imap.password()));
        registry.bind("smtpLogin", new MailLogin(smtp.user(), smtp.password()));
        registry.bind("imapProperties", imap.javaMail());
        registry.bind("smtpProperties", smtp.javaMail());
        MailIntake mailIntake = new MailIntake(memoflow.service(), new MailReplies(memoflow.tokens(), memoflow.mail().domain()),
                new Submitters(settings.getList("memoflow.submitters")),
                new MailLimits(settings.getLong("memoflow.imap.max-bytes", MailLimits.DEFAULT.maxMailBytes()),
                        settings.getLong("memoflow.limits.draft-bytes", MailLimits.DEFAULT.maxDraftBytes()),
                        settings.getInt("memoflow.limits.mail-parts", MailLimits.DEFAULT.maxParts()),
                        settings.getInt("memoflow.limits.mail-depth", MailLimits.DEFAULT.maxDepth())),
                home, settings.get("memoflow.smtp.from", "memoflow@localhost"),
                settings.get("memoflow.imap.quarantine-folder", "memoflow-quarantine"), settings.get("memoflow.imap.processed-folder"), clock);
        registry.bind("mailIntake", mailIntake);
        registry.bind("mailPollErrors", new PollErrors("the mailbox " + imap.describe()));
        Rejections rejections = new Rejections(home, clock, memoflow.service(), mailIntake,
                Duration.ofMillis(settings.getLong("memoflow.work.retry-first-ms", 60_000)),
                Duration.ofMillis(settings.getLong("memoflow.work.retry-max-ms", 3_600_000)));
        registry.bind("rejections", rejections);
        registry.bind("workInProgress", MemoryIdempotentRepository.memoryIdempotentRepository(100_000));

        context.addStartupListener((ctx, alreadyStarted) -> {
            HealthCheckRegistry health = HealthCheckRegistry.get(ctx);
            if (health != null && health.getCheck("memoflow-folders").isEmpty()) {
                health.register(MemoflowHealthChecks.folders(home, Memoflow.FOLDERS));
                health.register(MemoflowHealthChecks.store(memoflow.store()));
                health.register(MemoflowHealthChecks.keys(() -> {
                    try {
                        memoflow.keys().seal();
                        return null;
                    } catch (RuntimeException e) {
                        return "The seal's key cannot be loaded: " + e.getMessage();
                    }
                }));
            }
            MeterRegistry meters = ctx.getRegistry().findSingleByType(MeterRegistry.class);
            if (meters != null) {
                MemoflowMetrics metrics = new MemoflowMetrics(meters, memoflow.store());
                memoflow.service().setEvents(metrics);
                rejections.setMetrics(metrics);
            }
        });

        memoflow.keys().seal(); // load (or create) the keys now: a bad keystore stops the start with its reason
        if (memoflow.keys().demonstration()) {
            LOG.warn("Signing with self-signed DEMONSTRATION keys in {} (CA certificate: demo-ca.pem there). The signatures are valid "
                    + "but prove nothing about who signed; configure memoflow.keys.* before real use.", home.resolve("data/keys"));
        } else {
            LOG.info("Signing keys: {}", memoflow.keys().description());
        }
        LOG.info("memoflow home {}: watching {} for drafts and {} for decisions; mail goes to {}{}", home, home.resolve("inbox"),
                home.resolve("decisions"), home.resolve("outbox"),
                smtp.enabled() ? " and SMTP " + smtp.describe() : " (no SMTP server configured)");
        if (imap.enabled()) {
            LOG.info("Reading mail from {} folder {} every {} ms; drafts accepted from {}", imap.describe(),
                    settings.get("memoflow.imap.folder", "INBOX"), MailServers.placeholders(settings).get("memoflow.imap.poll-ms"),
                    new Submitters(settings.getList("memoflow.submitters")));
        }
    }

    /** Marks a clean stop, so the next start can trust the store index. */
    static final class CleanStop extends org.apache.camel.support.service.ServiceSupport {
        private final Path marker;
        private final FileMemoStore store;

        CleanStop(Path marker, FileMemoStore store) {
            this.marker = marker;
            this.store = store;
        }

        @Override
        protected void doStop() {
            store.compactIndex();
            io.memoflow.store.AtomicFiles.write(marker, new byte[0]);
        }
    }
}
