package io.memoflow.camel;

import io.memoflow.mail.MailComposer;
import io.memoflow.memo.Memo;
import io.memoflow.service.DocumentService;
import io.memoflow.service.MemoService;
import io.memoflow.service.Task;
import io.memoflow.service.WorkLedger;
import io.memoflow.store.MemoSummary;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The dispatch routes' bean: hands out a memorandum's pending work, produces the bytes each task
 * writes (the signed PDF, a mail), and records each task as done once its file is written.
 */
public final class Work {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final MemoService service;
    private final WorkLedger ledger;
    private final DocumentService documents;
    private final MailComposer mail;
    private final Path signed;
    private final WorkLeases leases;

    public Work(MemoService service, WorkLedger ledger, DocumentService documents, MailComposer mail, Path home, WorkLeases leases) {
        this.service = service;
        this.leases = leases;
        this.ledger = ledger;
        this.documents = documents;
        this.mail = mail;
        this.signed = home.resolve("signed");
    }

    /**
     * The pending tasks of the memorandum named in the body; none while another node holds the
     * memorandum's work lease (several instances on one store). The lease is held until the
     * exchange completes, whether it succeeds or fails.
     */
    public List<Task> pending(Exchange exchange) {
        // the exchange may be a wire-tapped copy of the exchange that handed the memorandum over: it
        // does not need the raw mail that exchange may have carried
        exchange.removeProperty(Headers.MAIL);
        String reference = exchange.getMessage().getBody(String.class);
        if (!leases.take(reference)) {
            exchange.getMessage().setHeader(Headers.REFERENCE, reference);
            exchange.getMessage().setHeader(Headers.SEEN_WORK, Integer.MAX_VALUE);
            return List.of(); // another node works on it; its sweep or this one's finds what is left
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                leases.done(reference);
            }
        });
        WorkLedger.Pending pending = ledger.pending(reference);
        exchange.getMessage().setHeader(Headers.REFERENCE, reference);
        exchange.getMessage().setHeader(Headers.SEEN_WORK, pending.seenWork());
        return pending.tasks();
    }

    /** True when new work appeared while this pass ran (e.g. completion mails after signing). */
    public boolean moreWork(Exchange exchange) {
        return ledger.hasWorkAfter(exchange.getMessage().getHeader(Headers.REFERENCE, String.class),
                exchange.getMessage().getHeader(Headers.SEEN_WORK, 0, Integer.class));
    }

    /** The signed PDF for a sign task; the one already in signed/ when a crash interrupted the task. */
    public byte[] signedPdf(Exchange exchange) {
        Task task = exchange.getMessage().getBody(Task.class);
        String name = task.reference() + ".pdf";
        exchange.getMessage().setHeader(Exchange.FILE_NAME, name);
        exchange.getMessage().setHeader(Headers.REFERENCE, task.reference());
        Path existing = signed.resolve(name);
        exchange.setProperty(Headers.TASK, task);
        try {
            if (Files.exists(existing)) {
                return Files.readAllBytes(existing);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + existing + ": " + e.getMessage(), e);
        }
        Memo memo = service.memo(task.reference());
        return documents.sign(memo);
    }

    /** Records that the signed PDF is in signed/. */
    public void signed(Exchange exchange) {
        Task task = exchange.getProperty(Headers.TASK, Task.class);
        ledger.signed(task);
    }

    /** The .eml of a mail task (file name: the task id). */
    public byte[] mail(Exchange exchange) {
        Task task = exchange.getMessage().getBody(Task.class);
        exchange.setProperty(Headers.TASK, task);
        exchange.getMessage().setHeader(Headers.REFERENCE, task.reference());
        exchange.getMessage().setHeader(Exchange.FILE_NAME, task.id() + ".eml");
        Memo memo = service.memo(task.reference());
        Memo.WorkItem w = task.work();
        byte[] attachment = null;
        String attachmentName = null;
        MailComposer.Changes changes = null;
        List<MailComposer.Attachment> attachments = new ArrayList<>();
        if ("draft".equals(w.attach)) {
            attachments.add(new MailComposer.Attachment(memo.reference + "-v" + w.version + "-DRAFT.pdf", documents.draftPdf(memo, w.version)));
            if (w.version >= 2) {
                // a request for a decision on a later version: what changed since the version before, as a redline
                String name = DocumentService.changesPdfName(memo, w.version);
                attachments.add(new MailComposer.Attachment(name, documents.changesPdf(memo, w.version)));
                changes = new MailComposer.Changes(w.version - 1, documents.changes(memo, w.version).changedParagraphs(), name);
            }
        } else if ("signed".equals(w.attach)) {
            Path pdf = signed.resolve(memo.reference + ".pdf");
            try {
                attachment = Files.readAllBytes(pdf);
            } catch (IOException e) {
                throw new UncheckedIOException("The signed PDF " + pdf + " is missing; it was written before this mail was due. "
                        + "Restore it from a backup of signed/.", e);
            }
            attachmentName = memo.reference + ".pdf";
            attachments.add(new MailComposer.Attachment(attachmentName, attachment));
        }
        return mail.composeWith(memo, w, attachments, changes);
    }

    /** The .eml in the body as a message for the SMTP endpoint, which sends it as it is (Message-ID kept). */
    public MimeMessage outgoing(Exchange exchange) throws MessagingException {
        byte[] eml = exchange.getMessage().getBody(byte[].class);
        return new MimeMessage(SESSION, new ByteArrayInputStream(eml));
    }

    /** Records that a mail is in outbox/ (and was sent, when SMTP is configured). */
    public void mailed(Exchange exchange) {
        Task task = exchange.getProperty(Headers.TASK, Task.class);
        ledger.mailed(task, exchange.getMessage().getHeader(Headers.DELIVERY, "outbox", String.class));
    }

    /**
     * Applies what is due (reminders, escalations, expiry), then returns the references of
     * memoranda with work pending: carried out on start and retried periodically.
     */
    public List<String> sweep() {
        return ledger.sweep();
    }
}
