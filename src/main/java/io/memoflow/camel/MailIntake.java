package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.audit.AuditLog;
import io.memoflow.mail.IncomingMail;
import io.memoflow.mail.MailLimits;
import io.memoflow.mail.MailReplies;
import io.memoflow.mail.MailSubmission;
import io.memoflow.mail.Submitters;
import io.memoflow.service.Accepted;
import io.memoflow.service.Intake;
import io.memoflow.service.MemoService;
import io.memoflow.store.AtomicFiles;
import io.memoflow.memo.Memo;
import io.memoflow.workflow.Decision;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailConstants;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail intake route's bean. {@link #capture} copies the raw mail off the server first (if
 * that fails, the server is the problem: the mail stays unread there and is read again on the
 * next poll); from then on the mail is memoflow's: {@link #accept} makes it a submission (from
 * an allowed submitter) or a decision (a reply carrying its assignee's token), and anything that
 * cannot be used is set aside by {@link #setAside}: moved to the quarantine folder of the
 * mailbox, with a copy and the reason in {@code rejected/}. Nobody but the people of a
 * memorandum is ever answered.
 */
public final class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final MemoService service;
    private final MailReplies replies;
    private final Submitters submitters;
    private final MailLimits limits;
    private final Path rejected;
    private final Path archive;
    private final String ownAddress;
    private final String quarantineFolder;
    private final String processedFolder;
    private final Clock clock;

    /**
     * @param quarantineFolder mailbox folder for mail that cannot be used (memoflow.imap.quarantine-folder)
     * @param processedFolder  mailbox folder for mail that was used, or empty to leave it where it is, marked read
     */
    public MailIntake(MemoService service, MailReplies replies, Submitters submitters, MailLimits limits, Path home,
                      String ownAddress, String quarantineFolder, String processedFolder, Clock clock) {
        this.service = service;
        this.replies = replies;
        this.submitters = submitters;
        this.limits = limits;
        this.rejected = home.resolve("rejected");
        this.archive = home.resolve("data").resolve("intake");
        this.ownAddress = ownAddress.toLowerCase(java.util.Locale.ROOT);
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
        java.util.Date received = original == null ? null : original.getReceivedDate();
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
    static String safeName(java.time.Instant received, String sha256) {
        return NAME_STAMP.format(received) + "-" + sha256.substring(0, 8) + "-mail.eml";
    }

    private static final DateTimeFormatter NAME_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    /**
     * Accepts the captured mail as a draft or a decision; returns the memorandum's reference.
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
        String[] told = new String[1];
        String reference;
        try {
            reference = handle(mail, told);
        } finally {
            if (told[0] != null) {
                exchange.setProperty(Headers.MAIL_TOLD, told[0]);
            }
        }
        String safe = exchange.getProperty(Headers.SAFE_NAME, String.class);
        if (safe != null) {
            try {
                java.nio.file.Files.createDirectories(archive);
                AtomicFiles.write(archive.resolve(safe), raw);
            } catch (IOException | java.io.UncheckedIOException e) {
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

    private String handle(IncomingMail mail, String[] told) {
        if (mail.from() != null && mail.from().equals(ownAddress)) {
            throw new RejectedInputException("The mail comes from memoflow's own address " + ownAddress + " (a loop or a bounce).",
                    "Nothing to do; memoflow does not read its own mail.");
        }
        if (mail.automatic() != null) {
            throw new RejectedInputException("The mail was not written by a person: " + mail.automatic() + ".",
                    "Nothing to do; memoflow neither counts nor answers automatic mail. If it is a bounce of a mail memoflow sent,"
                            + " check the address it names.");
        }
        Optional<MailReplies.Target> target = replies.target(mail);
        boolean draftAttached = mail.attachments().stream().anyMatch(IncomingMail.Attachment::draftCandidate);
        if (target.isPresent() && (target.get().hasToken() || !draftAttached)) {
            return decision(mail, target.get(), told);
        }
        return submission(mail);
    }

    private String submission(IncomingMail mail) {
        if (!submitters.allows(mail.from())) {
            throw new RejectedInputException("The mail " + mail.describe() + " is not from an allowed submitter (memoflow.submitters: "
                    + submitters + "), so it was not taken as a draft and was not answered.",
                    "If the sender may submit drafts, add the address or its @domain to memoflow.submitters and submit the draft again"
                            + " (memoflow submit FILE, or ask the sender to send it again).");
        }
        MailSubmission draft = MailSubmission.of(mail);
        Accepted accepted = service.submit(draft.content(), draft.name(),
                new Intake("mail", mail.from(), mail.key(), draft.name() + " (" + mail.describe() + ")"));
        LOG.info("{} version {} {} by mail from {} (draft in {}, {})", accepted.reference(), accepted.version(),
                accepted.resumed() ? "was already accepted" : "accepted", mail.from(), draft.name(), draft.charset());
        return accepted.reference();
    }

    private String decision(IncomingMail mail, MailReplies.Target target, String[] told) {
        if (target.reference() == null) {
            throw new RejectedInputException("The reply " + mail.describe() + " carries a decision token but does not say which memorandum"
                    + " it is about.", "Reply to the request mail itself and keep its subject, which starts with [REFERENCE TOKEN].");
        }
        Optional<Memo> found = service.store().find(target.reference());
        if (found.isEmpty()) {
            throw new RejectedInputException("The reply " + mail.describe() + " is about " + target.reference()
                    + ", but there is no memorandum with that reference.", "Check the subject of the reply.");
        }
        Memo memo = found.get();
        MailReplies.Outcome outcome = replies.check(mail, target, memo);
        if (outcome instanceof MailReplies.AlreadyRecorded) {
            LOG.info("{}: the reply {} was recorded before; nothing more to do", memo.reference, mail.describe());
            return memo.reference;
        }
        if (outcome instanceof MailReplies.Refused r) {
            told[0] = tell(memo.reference, r.tell(), r.reason() + (r.advice().isEmpty() ? "" : "\n\nWhat to do: " + r.advice()));
            throw new RejectedInputException(r.reason(), r.advice());
        }
        Decision decision = ((MailReplies.Counts) outcome).decision();
        try {
            return service.decide(decision);
        } catch (RejectedInputException e) {
            told[0] = tell(memo.reference, decision.by(), e.report().strip());
            throw e;
        }
    }

    /** Tells a person of the memorandum why a reply did not count; returns who, or null. */
    private String tell(String reference, String to, String why) {
        if (to == null) {
            LOG.warn("{}: a reply did not count; nobody is told (the sender is not one of the memorandum's people)", reference);
            return null;
        }
        if (service.refusedReply(reference, to, why)) {
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
