package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.service.MemoService;
import io.memoflow.service.Task;
import io.memoflow.service.WorkLedger;
import io.memoflow.store.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the error handling of the routes does with a failure, one pair of methods per kind of
 * route (each kind has its own route configuration in {@code routes/errors.camel.yaml}):
 * <ul>
 * <li>intake folders: says why an input was not accepted in {@code rejected/NAME.error.txt}
 * beside the input (which the file consumer's moveFailed moves there, unchanged);</li>
 * <li>mailbox: sets a mail that cannot be used aside (quarantine folder, copy in rejected/);</li>
 * <li>work: records the failure of a task in the store, with a back-off, so that it stays
 * pending and the sweep retries it.</li>
 * </ul>
 */
public final class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Path rejected;
    private final Clock clock;
    private volatile MemoflowMetrics metrics;
    private final WorkLedger ledger;
    private final MailIntake mail;
    private final Duration retryFirst;
    private final Duration retryMax;

    /**
     * @param ledger     records failed work (its error and back-off); null: failures are only logged
     * @param mail       sets aside mail that cannot be used; null when there is no mail intake
     * @param retryFirst back-off after a task's first failure, doubled for each further one ...
     * @param retryMax   ... up to this
     */
    public Rejections(Path home, Clock clock, WorkLedger ledger, MailIntake mail, Duration retryFirst, Duration retryMax) {
        this.rejected = home.resolve("rejected");
        this.clock = clock;
        this.ledger = ledger;
        this.mail = mail;
        this.retryFirst = retryFirst;
        this.retryMax = retryMax;
    }

    public Rejections(Path home, Clock clock) {
        this(home, clock, null, null, Duration.ofSeconds(60), Duration.ofHours(1));
    }

    void setMetrics(MemoflowMetrics metrics) {
        this.metrics = metrics;
    }

    // ------------------------------------------------------------------ intake folders

    /**
     * A file from an intake folder that memoflow cannot accept: the reason and what to do, in
     * plain words, in {@code rejected/NAME.error.txt}; the file consumer's moveFailed moves the
     * file beside it, unchanged.
     */
    public void inputRejected(Exchange exchange) {
        RejectedInputException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedInputException.class);
        String original = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        String source = exchange.getProperty(Headers.SOURCE, "input", String.class);
        if (metrics != null) {
            metrics.rejected(source);
        }
        write(safe, "memoflow did not accept the " + (source.equals("decisions") ? "decision file" : "draft") + " \""
                + MemoService.printable(original) + "\" from " + source + "/ at " + WHEN.format(clock.instant()) + ".\n"
                + "It is kept unchanged beside this file as " + safe + ".\n\n" + e.report());
        LOG.warn("Rejected {}/{} -> rejected/{}: {}", source, MemoService.printable(original), safe, e.reason());
    }

    /**
     * A file in an intake folder that memoflow can neither take nor move (see {@link IntakeFilter}):
     * it stays where it is; the reason goes to {@code rejected/NAME.error.txt} (once: an existing
     * reason file is kept) and one WARN line to the log.
     */
    public void leftInPlace(String source, String original, long size, long lastModified, RejectedInputException e) {
        String safe = new SafeNames().of(original, size, lastModified);
        AtomicFiles.create(rejected.resolve(safe + ".error.txt"), ("memoflow did not take \"" + MemoService.printable(original)
                + "\" from " + source + "/ at " + WHEN.format(clock.instant()) + "; nothing was read from it.\n\n" + e.report())
                .getBytes(StandardCharsets.UTF_8));
        if (metrics != null) {
            metrics.rejected(source);
        }
        LOG.warn("Left {}/{} in place (reason in rejected/{}.error.txt): {}", source, MemoService.printable(original), safe, e.reason());
    }

    /** A file from an intake folder that failed for another reason (after retries): set aside with the error. */
    public void inputFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        String original = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String source = exchange.getProperty(Headers.SOURCE, "input", String.class);
        write(safe, "memoflow could not process \"" + MemoService.printable(original) + "\" from " + source + "/ at "
                + WHEN.format(clock.instant()) + " because of an internal error, not because of the input:\n\n" + e
                + "\n\nThe input is kept unchanged beside this file as " + safe + ". The daemon log has the details.\n\n"
                + "What to do: once the cause is fixed, submit it again (memoflow submit " + safe + ").\n");
        LOG.error("Could not process {}/{} (set aside as rejected/{}): {}", source, MemoService.printable(original), safe, e, e);
    }

    // ------------------------------------------------------------------ mailbox

    /**
     * Whether a failure of the mail intake is handled: once the mail has been copied off the
     * server (it then has its safe name) it is set aside in the quarantine folder, and handled;
     * before that the server is the problem, so the mail stays unread there and is read again on
     * the next poll.
     */
    public boolean mailCaptured(Exchange exchange) {
        return exchange.getProperty(Headers.SAFE_NAME) != null;
    }

    /** A mail memoflow cannot use: copied to rejected/ with the reason, moved to the quarantine folder. */
    public void mailRejected(Exchange exchange) {
        RejectedInputException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedInputException.class);
        String summary = exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class);
        if (mail == null || !mailCaptured(exchange)) {
            LOG.warn("Rejected a mail {}: {}", summary, e.reason());
            return;
        }
        mail.setAside(exchange, e.report(), false);
        LOG.warn("Rejected the mail {} -> quarantine folder and rejected/{}: {}", summary, exchange.getProperty(Headers.SAFE_NAME),
                e.reason());
    }

    /** A mail that failed for another reason (after retries): set aside like a rejected one, with the error. */
    public void mailFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String summary = exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class);
        if (mail == null || !mailCaptured(exchange)) {
            LOG.warn("Could not read a mail from the mailbox; it stays there unread and is read again on the next poll: {}", String.valueOf(e));
            return;
        }
        mail.setAside(exchange, String.valueOf(e) + "\n\nThe daemon log has the details.", true);
        LOG.error("Could not process the mail {} (set aside in the quarantine folder and rejected/{}): {}", summary,
                exchange.getProperty(Headers.SAFE_NAME), e, e);
    }

    // ------------------------------------------------------------------ work

    /** Work that cannot be done as asked (e.g. its memorandum is gone): logged; nothing to set aside. */
    public void workRejected(Exchange exchange) {
        RejectedInputException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedInputException.class);
        LOG.warn("Rejected work for {}: {}", exchange.getMessage().getHeader(Headers.REFERENCE), e.getMessage());
    }

    /** Work that failed (after retries): it stays pending in the store with its error and a back-off, and the sweep retries it. */
    public void workFailed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (metrics != null) {
            metrics.deliveryFailed();
        }
        Task task = exchange.getProperty(Headers.TASK, Task.class);
        if (task != null && ledger != null) {
            Instant next = ledger.failed(task, String.valueOf(e), retryFirst, retryMax);
            LOG.error("{} {} failed and stays pending; it is tried again after {}: {}", task.reference(), task.id(), WHEN.format(next),
                    String.valueOf(e));
            return;
        }
        LOG.error("Work for {} failed and stays pending; it is retried on the next sweep: {}",
                exchange.getMessage().getHeader(Headers.REFERENCE), String.valueOf(e), e);
    }

    private void write(String safe, String text) {
        AtomicFiles.write(rejected.resolve(safe + ".error.txt"), text.getBytes(StandardCharsets.UTF_8));
    }
}
