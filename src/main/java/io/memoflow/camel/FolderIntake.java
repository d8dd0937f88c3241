package io.memoflow.camel;

import io.memoflow.RejectedInputException;
import io.memoflow.service.Accepted;
import io.memoflow.service.Intake;
import io.memoflow.service.MemoService;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionFiles;
import org.apache.camel.Exchange;

/**
 * The intake folders' bean: names each input safely, reads it, and hands it to the memo
 * service. Moving the input afterwards (to {@code data/intake/} or {@code rejected/}) is the
 * file consumer's own on-completion work.
 */
public final class FolderIntake {

    private final MemoService service;
    private final SafeNames names;
    private final long maxBytes;

    public FolderIntake(MemoService service, SafeNames names, long maxBytes) {
        this.service = service;
        this.names = names;
        this.maxBytes = maxBytes;
    }

    /** Gives the input its safe name (exchange property {@link Headers#SAFE_NAME}) before anything can fail. */
    public void name(Exchange exchange) {
        var m = exchange.getMessage();
        exchange.setProperty(Headers.SAFE_NAME, names.of(m.getHeader(Exchange.FILE_NAME_ONLY, String.class),
                m.getHeader(Exchange.FILE_LENGTH, 0L, Long.class), m.getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class)));
    }

    /** Accepts a draft from the inbox; returns its reference. */
    public String draft(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        if (length > maxBytes) {
            throw new RejectedInputException("The draft is " + length + " bytes; a draft may have at most " + maxBytes + " bytes.",
                    "Shorten it, or raise memoflow.limits.draft-bytes.");
        }
        byte[] content = exchange.getMessage().getBody(byte[].class);
        Accepted accepted = service.submit(content, name, new Intake("file", "", key(exchange), name));
        exchange.getMessage().setHeader(Headers.REFERENCE, accepted.reference());
        return accepted.reference();
    }

    /** Accepts a decision file; returns the memorandum's reference. */
    public String decision(Exchange exchange) {
        long length = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        if (length > DecisionFiles.MAX_BYTES) {
            throw new RejectedInputException("The decision file is " + length + " bytes; a decision file may have at most "
                    + DecisionFiles.MAX_BYTES + " bytes.", "Shorten the comment.");
        }
        byte[] content = exchange.getMessage().getBody(byte[].class);
        String channel = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "", String.class).endsWith(".cli.decision") ? "cli" : "file";
        Decision decision = DecisionFiles.parse(content, channel, key(exchange));
        String reference = service.decide(decision);
        exchange.getMessage().setHeader(Headers.REFERENCE, reference);
        return reference;
    }

    /** Identifies a file by name, size and time, so a re-read after a crash is recognised. */
    private static String key(Exchange exchange) {
        var m = exchange.getMessage();
        return "file:" + m.getHeader(Exchange.FILE_NAME_ONLY, String.class) + ":" + m.getHeader(Exchange.FILE_LENGTH, Long.class)
                + ":" + m.getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
    }
}
