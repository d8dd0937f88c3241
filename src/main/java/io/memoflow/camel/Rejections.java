package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.service.MemoService;
import io.memoflow.store.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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

    public Rejections(Path home, Clock clock) {
        this.rejected = home.resolve("rejected");
        this.clock = clock;
    }

    void setMetrics(MemoflowMetrics metrics) {
        this.metrics = metrics;
    }

    /** An input memoflow cannot accept: the reason and what to do, in plain words. */
    public void rejected(Exchange exchange) {
        RejectedInputException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RejectedInputException.class);
        String original = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        String source = exchange.getProperty(Headers.SOURCE, "input", String.class);
        if (metrics != null) {
            metrics.rejected(source);
        }
        if (safe == null) {
            LOG.warn("Rejected {}: {}", source, e.getMessage());
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
        if (safe == null && metrics != null) {
            metrics.deliveryFailed();
        }
        if (safe == null) {
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
