package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.audit.AuditLog;
import io.memoflow.mail.IncomingMail;
import io.memoflow.mail.MailLimits;
import io.memoflow.mail.MailSubmission;
import io.memoflow.mail.MailTriage;
import io.memoflow.service.Accepted;
import io.memoflow.service.Intake;
import io.memoflow.service.MemoService;
import io.memoflow.service.WorkLedger;
import io.memoflow.store.AtomicFiles;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail intake route's bean. {@link #capture} copies the raw mail off the server first (if
 * that fails, the server is the problem: the mail stays unread there and is read again on the
 * next poll); from then on the mail is memoflow's: {@link MailTriage} decides whether it is a
 * submission (from an allowed submitter) or a decision (a reply carrying its assignee's token),
 * {@link #accept} hands it to the service, and anything that cannot be used is set aside by
 * {@link #setAside}: moved to the quarantine folder of the mailbox, with a copy and the reason
 * in {@code rejected/}. Nobody but the people of a memorandum is ever answered.
 */
public final class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final MemoService service;
    private final WorkLedger ledger;
    private final MailTriage triage;
    private final MailLimits limits;
    private final Path rejected;
    private final Path archive;
    private final String quarantineFolder;
    private final String processedFolder;
    private final Clock clock;

    /**
     * @param quarantineFolder mailbox folder for mail that cannot be used (memoflow.imap.quarantine-folder)
     * @param processedFolder  mailbox folder for mail that was used, or empty to leave it where it is, marked read
     */
    public MailIntake(MemoService service, WorkLedger ledger, MailTriage triage, MailLimits limits, Path home,
                      String quarantineFolder, String processedFolder, Clock clock) {
        this.service = service;
        this.ledger = ledger;
        this.triage = triage;
        this.limits = limits;
        this.rejected = home.resolve("rejected");
        this.archive = home.resolve("data").resolve("intake");
        this.quarantineFolder = quarantineFolder;
        this.processedFolder = processedFolder == null ? "" : processedFolder.strip();
        this.clock = clock;
    }

    /**
     * Copies the raw mail (RFC 5322 bytes) into the exchange property {@link Headers#MAIL}, gives
     * it a safe name, and marks it for the quarantine folder until it is accepted. A mail larger
     * than the limit is not fetched at all.
     */
    public void capture(Exchange exchange) throws MessagingException, IOException {
        Message original = exchange.getIn() instanceof MailMessage mm ? mm.getOriginalMessage() : null;
        Date received = original == null ? null : original.getReceivedDate();
        if (original != null) {
            int size = original.getSize();
            if (size > limits.maxMailBytes()) {
                exchange.setProperty(Headers.MAIL_SIZE, (long) size);
                exchange.setProperty(Headers.MAIL_SUMMARY, IncomingMail.describe(first(original, "From"), first(original, "Subject"),
                        first(original, "Message-ID")));
            } else {
                Bounded out = new Bounded(limits.maxMailBytes());
                try {
                    original.writeTo(out);
                    exchange.setProperty(Headers.MAIL, out.toByteArray());
                } catch (Bounded.TooLarge e) {
                    exchange.setProperty(Headers.MAIL_SIZE, e.size);
                    exchange.setProperty(Headers.MAIL_SUMMARY, IncomingMail.describe(first(original, "From"), first(original, "Subject"),
                            first(original, "Message-ID")));
                }
            }
        } else {
            byte[] body = exchange.getIn().getBody(byte[].class); // a mail handed over as bytes (e.g. an .eml file)
            if (body == null) {
                throw new IllegalStateException("The mail intake got neither a mail nor bytes; check the route that feeds it");
            }
            exchange.setProperty(Headers.MAIL, body);
        }
        byte[] raw = exchange.getProperty(Headers.MAIL, byte[].class);
        String identity = raw != null ? AuditLog.sha256(raw)
                : AuditLog.sha256(exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class) + "\u0000" + exchange.getProperty(Headers.MAIL_SIZE));
        exchange.setProperty(Headers.SAFE_NAME, safeName(received == null ? clock.instant() : received.toInstant(), identity));
        exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, quarantineFolder);
    }

    /**
     * The name of a mail's copy in {@code data/intake/} or {@code rejected/}: the time the server
     * received it, a short hash of its bytes, "mail.eml". The same mail read again (after a crash)
     * gets the same name, so it ends up in one place with one reason file.
     */
    static String safeName(Instant received, String sha256) {
        return NAME_STAMP.format(received) + "-" + sha256.substring(0, 8) + "-mail.eml";
    }

    private static final DateTimeFormatter NAME_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /**
     * Accepts the captured mail as a draft or a decision ({@link MailTriage} says which); returns
     * the memorandum's reference.
     *
     * @throws RejectedInputException when it cannot be used (the error handling sets it aside)
     */
    public String accept(Exchange exchange) {
        byte[] raw = exchange.getProperty(Headers.MAIL, byte[].class);
        if (raw == null) {
            long size = exchange.getProperty(Headers.MAIL_SIZE, 0L, Long.class);
            throw new RejectedInputException("The mail is " + size + " bytes; memoflow reads mails of at most " + limits.maxMailBytes()
                    + " bytes, so it was not even fetched.", "Send the draft as text or as a .md or .txt attachment without large attachments.");
        }
        exchange.setProperty(Headers.MAIL_SUMMARY, IncomingMail.describe(raw));
        IncomingMail mail = IncomingMail.parse(raw, limits);
        String reference = handle(exchange, mail, triage.triage(mail));
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        if (safe != null) {
            try {
                Files.createDirectories(archive);
                AtomicFiles.write(archive.resolve(safe), raw);
            } catch (IOException | UncheckedIOException e) {
                // the mail was accepted; only its archive copy is missing, and the mailbox still has it
                LOG.warn("{}: could not keep a copy of the mail in data/intake/: {}", reference, e.getMessage());
            }
        }
        if (processedFolder.isEmpty()) {
            exchange.getMessage().removeHeader(MailConstants.MAIL_MOVE_TO);
        } else {
            exchange.getMessage().setHeader(MailConstants.MAIL_MOVE_TO, processedFolder);
        }
        exchange.getMessage().setHeader(Headers.REFERENCE, reference);
        return reference;
    }

    /** Does what the triage said; returns the memorandum's reference or throws to set the mail aside. */
    private String handle(Exchange exchange, IncomingMail mail, MailTriage.Verdict verdict) {
        if (verdict instanceof MailTriage.Submission s) {
            MailSubmission draft = s.draft();
            Accepted accepted = service.submit(draft.content(), draft.name(), new Intake("mail", s.submitter(), s.key(), s.label()));
            LOG.info("{} version {} {} by mail from {} (draft in {}, {})", accepted.reference(), accepted.version(),
                    accepted.resumed() ? "was already accepted" : "accepted", s.submitter(), MemoService.printable(draft.name()),
                    draft.charset());
            return accepted.reference();
        }
        if (verdict instanceof MailTriage.AlreadyRecorded r) {
            LOG.info("{}: the reply {} was recorded before; nothing more to do", r.reference(), mail.describe());
            return r.reference();
        }
        if (verdict instanceof MailTriage.DecisionReply d) {
            try {
                return service.decide(d.decision());
            } catch (RejectedInputException e) {
                told(exchange, tell(d.decision().reference(), d.tellIfRefused(), e.report().strip()));
                throw e;
            }
        }
        MailTriage.SetAside aside = (MailTriage.SetAside) verdict;
        if (aside.reference() != null) {
            told(exchange, tell(aside.reference(), aside.tell(), aside.message()));
        }
        throw aside.rejection();
    }

    private static void told(Exchange exchange, String who) {
        if (who != null) {
            exchange.setProperty(Headers.MAIL_TOLD, who);
        }
    }

    /** Tells a person of the memorandum why a reply did not count; returns who, or null. */
    private String tell(String reference, String to, String why) {
        if (to == null) {
            LOG.warn("{}: a reply did not count; nobody is told (the sender is not one of the memorandum's people)", reference);
            return null;
        }
        if (ledger.refusedReply(reference, to, why)) {
            LOG.info("{}: telling {} why a reply did not count", reference, to);
            return to;
        }
        return null;
    }

    /**
     * Sets a mail aside that could not be used: writes {@code rejected/NAME} (the mail as it
     * came, unless it was too large to fetch) and {@code rejected/NAME.error.txt} (why); the
     * consumer moves it to the quarantine folder once the exchange completes.
     */
    public void setAside(Exchange exchange, String why, boolean internal) {
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        byte[] raw = exchange.getProperty(Headers.MAIL, byte[].class);
        String summary = exchange.getProperty(Headers.MAIL_SUMMARY, "", String.class);
        String what = summary.isEmpty() ? "a mail" : "the mail " + summary;
        StringBuilder text = new StringBuilder();
        text.append(internal ? "memoflow could not process " + what + " because of an internal error, not because of the mail"
                : "memoflow did not accept " + what).append(", read at ").append(WHEN.format(clock.instant())).append(".\n");
        text.append("It was moved to the folder '").append(quarantineFolder).append("' of the mailbox");
        if (raw != null) {
            text.append(", and a copy is kept unchanged beside this file as ").append(safe);
            AtomicFiles.write(rejected.resolve(safe), raw);
        } else {
            text.append(" (it is too large to be copied here)");
        }
        String told = exchange.getProperty(Headers.MAIL_TOLD, String.class);
        text.append(told == null ? ".\nNobody was answered.\n\n" : ".\n" + told + " is told why by mail.\n\n").append(why);
        if (internal) {
            text.append("\n\nWhat to do: once the cause is fixed, move the mail from '").append(quarantineFolder)
                    .append("' back into the mailbox folder memoflow reads and mark it unread.\n");
        }
        AtomicFiles.write(rejected.resolve(safe + ".error.txt"), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String first(Message m, String header) throws MessagingException {
        String[] v = m.getHeader(header);
        return v == null || v.length == 0 ? null : v[0];
    }

    /** A byte array stream that refuses to grow beyond a limit. */
    static final class Bounded extends OutputStream {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long max;
        private long size;

        Bounded(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            size += len;
            if (size > max) {
                throw new TooLarge(size);
            }
            out.write(b, off, len);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        static final class TooLarge extends IOException {
            final long size;

            TooLarge(long size) {
                super("more than " + size + " bytes");
                this.size = size;
            }
        }
    }
}
