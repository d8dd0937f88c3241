package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.service.MemoService;
import io.memoflow.service.Task;
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
 * Says why an input was not accepted: writes {@code rejected/NAME.error.txt} beside the input
 * (which the file consumer moves there, unchanged) and logs one line. Used by the shared error
 * handling route configuration.
 */
public final class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Path rejected;
    private final Clock clock;
    private volatile MemoflowMetrics metrics;
    private final MemoService service;
    private final MailIntake mail;
    private final Duration retryFirst;
    private final Duration retryMax;

    /**
     * @param service    records failed work (its error and back-off); null: failures are only logged
     * @param mail       sets aside mail that cannot be used; null when there is no mail intake
     * @param retryFirst back-off after a task's first failure, doubled for each further one ...
     * @param retryMax   ... up to this
     */
    public Rejections(Path home, Clock clock, MemoService service, MailIntake mail, Duration retryFirst, Duration retryMax) {
        this.rejected = home.resolve("rejected");
        this.clock = clock;
        this.service = service;
        this.mail = mail;
        this.retryFirst = retryFirst;
        this.retryMax = retryMax;
    }

    public Rejections(Path home, Clock clock) {
        this(home, clock, null, null, Duration.ofSeconds(60), Duration.ofHours(1));
    }

    /**
     * Whether the shared error handling marks a failure as handled. An input from a folder is not
     * (its file consumer then moves it to rejected/ by itself); work is (it stays pending in the
     * store and is retried later); a mail is once it has been copied off the server (it is then
     * set aside in the quarantine folder), not before (the server is the problem, so the mail
     * stays unread there and is read again on the next poll).
     */
    public boolean handled(Exchange exchange) {
        if (isWork(exchange)) {
            return true;
        }
        boolean named = exchange.getProperty(Headers.SAFE_NAME) != null;
        return isMail(exchange) ? named : !named;
    }

    private static boolean isWork(Exchange exchange) {
        return exchange.getProperty(Headers.WORK) != null;
    }

    private static boolean isMail(Exchange exchange) {
        return !isWork(exchange) && "mail".equals(exchange.getProperty(Headers.SOURCE, String.class));
    }

    void setMetrics(MemoflowMetrics metrics) {
        this.metrics = metrics;
    }

    /** An input memoflow cannot accept: the reason and what to do, in plain words. */
    public void rejected(Exchange exchange) {
        RejectedInputException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedInputException.class);
        if (isMail(exchange)) {
            String summary = exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class);
            if (mail == null || exchange.getProperty(Headers.SAFE_NAME) == null) {
                LOG.warn("Rejected a mail {}: {}", summary, e.reason());
                return;
            }
            mail.setAside(exchange, e.report(), false);
            LOG.warn("Rejected the mail {} -> quarantine folder and rejected/{}: {}", summary, exchange.getProperty(Headers.SAFE_NAME),
                    e.reason());
            return;
        }
        String original = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        String source = exchange.getProperty(Headers.SOURCE, "input", String.class);
        if (metrics != null && !isWork(exchange)) {
            metrics.rejected(source);
        }
        if (safe == null || isWork(exchange)) {
            LOG.warn("Rejected {}: {}", isWork(exchange) ? "work for " + exchange.getMessage().getHeader(Headers.REFERENCE) : source,
                    e.getMessage());
            return;
        }
        write(safe, "memoflow did not accept the " + (source.equals("decisions") ? "decision file" : "draft") + " \""
                + MemoService.printable(original) + "\" from " + source + "/ at " + WHEN.format(clock.instant()) + ".\n"
                + "It is kept unchanged beside this file as " + safe + ".\n\n" + e.report());
        LOG.warn("Rejected {}/{} -> rejected/{}: {}", source, MemoService.printable(original), safe, e.reason());
    }

    /** An unexpected failure: for an input, it is set aside with the error; for work, it stays pending. */
    public void failed(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        String reference = exchange.getMessage().getHeader(Headers.REFERENCE, String.class);
        if ((safe == null || isWork(exchange)) && !isMail(exchange) && metrics != null) {
            metrics.deliveryFailed();
        }
        if (isMail(exchange)) {
            String summary = exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class);
            if (mail == null || safe == null) {
                LOG.warn("Could not read a mail from the mailbox; it stays there unread and is read again on the next poll: {}", String.valueOf(e));
                return;
            }
            mail.setAside(exchange, String.valueOf(e) + "\n\nThe daemon log has the details.", true);
            LOG.error("Could not process the mail {} (set aside in the quarantine folder and rejected/{}): {}", summary, safe, e, e);
            return;
        }
        if (safe == null || isWork(exchange)) {
            Task task = exchange.getProperty(Headers.TASK, Task.class);
            if (task != null && service != null) {
                Instant next = service.failed(task, String.valueOf(e), retryFirst, retryMax);
                LOG.error("{} {} failed and stays pending; it is tried again after {}: {}", task.reference(), task.id(), WHEN.format(next),
                        String.valueOf(e));
                return;
            }
            LOG.error("Work for {} failed and stays pending; it is retried on the next sweep: {}", reference, String.valueOf(e), e);
            return;
        }
        String original = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String source = exchange.getProperty(Headers.SOURCE, "input", String.class);
        write(safe, "memoflow could not process \"" + MemoService.printable(original) + "\" from " + source + "/ at "
                + WHEN.format(clock.instant()) + " because of an internal error, not because of the input:\n\n" + e
                + "\n\nThe input is kept unchanged beside this file as " + safe + ". The daemon log has the details.\n\n"
                + "What to do: once the cause is fixed, submit it again (memoflow submit " + safe + ").\n");
        LOG.error("Could not process {}/{} (set aside as rejected/{}): {}", source, MemoService.printable(original), safe, e, e);
    }

    private void write(String safe, String text) {
        AtomicFiles.write(rejected.resolve(safe + ".error.txt"), text.getBytes(StandardCharsets.UTF_8));
    }
}
