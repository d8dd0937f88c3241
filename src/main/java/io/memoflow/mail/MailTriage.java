package io.memoflow.mail;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Reference;
import io.memoflow.workflow.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides what an incoming mail is, without touching the mailbox or the store: a
 * {@link Submission} (a draft from an allowed submitter), a {@link DecisionReply} (a reply
 * carrying its assignee's token), an {@link AlreadyRecorded} reply (this very mail was counted
 * before, e.g. read again after a crash), or a mail to {@link SetAside} with the reason and whom
 * to tell. Only the people of a memorandum are ever told; a stranger never is.
 *
 * <p>The rules, in order: mail from memoflow's own address (a loop or a bounce) and mail not
 * written by a person are set aside. A mail that answers a memorandum (see
 * {@link MailReplies#target}) is a reply when it carries a token, or when it has no attachment
 * that could be a draft; a reply must name its memorandum, the memorandum must exist, and
 * {@link MailReplies#check} must let it count. Anything else is a submission, which must come
 * from an allowed submitter and hold exactly one draft; a new version of an existing memorandum
 * must come from its author or an editor ({@code memoflow.editors}), else its author is told.
 * With {@code memoflow.mail.require-authentication}, a mail that does not prove its sender's
 * domain ({@link MailAuthentication}) is set aside before anything else, and nobody is told.
 */
public final class MailTriage {

    /** Finds a memorandum by its reference (the store's {@code find}). */
    @FunctionalInterface
    public interface Memoranda {
        Optional<Memo> find(String reference);
    }

    /** What a mail is. */
    public sealed interface Verdict permits Submission, DecisionReply, AlreadyRecorded, SetAside {
    }

    /**
     * A draft to submit.
     *
     * @param draft     the draft, its name and the charset it came in
     * @param submitter the sender (an allowed submitter)
     * @param key       identifies this mail, so that reading it again is recognised
     * @param label     the draft's name and the mail's description, for messages
     */
    public record Submission(MailSubmission draft, String submitter, String key, String label) implements Verdict {
    }

    /** A decision for the workflow engine, which may still refuse it; then {@link #tellIfRefused()} is told why. */
    public record DecisionReply(Decision decision) implements Verdict {
        /** The person told when the engine refuses the decision: its sender, the assignee whose token it carries. */
        public String tellIfRefused() {
            return decision.by();
        }
    }

    /** This very reply was recorded before: nothing more to do for {@code reference}. */
    public record AlreadyRecorded(String reference) implements Verdict {
    }

    /**
     * A mail that cannot be used.
     *
     * @param reason    what is wrong, in plain words
     * @param advice    what to do about it; may be empty
     * @param reference the memorandum the mail is a refused reply to, or null when it answers no
     *                  existing memorandum (then nobody is told)
     * @param tell      the person of that memorandum to tell why, or null: nobody is told
     */
    public record SetAside(String reason, String advice, String reference, String tell) implements Verdict {
        public SetAside {
            advice = advice == null ? "" : advice;
        }

        /** The text told to {@link #tell}: the reason, then what to do. */
        public String message() {
            return reason + (advice.isEmpty() ? "" : "\n\nWhat to do: " + advice);
        }

        /** The exception that sets the mail aside (the intake route's error handling takes it from there). */
        public RejectedInputException rejection() {
            return new RejectedInputException(reason, advice);
        }
    }

    private final MailReplies replies;
    private final Submitters submitters;
    private final Submitters editors;
    private final String ownAddress;
    private final Memoranda memoranda;
    private final DraftParser parser;
    private final MailAuthentication authentication;

    /**
     * Triage without editors (new versions by mail only from their memorandum's author) and
     * without required sender authentication.
     */
    public MailTriage(MailReplies replies, Submitters submitters, String ownAddress, Memoranda memoranda) {
        this(replies, submitters, new Submitters(List.of(), "memoflow.editors"), ownAddress, memoranda, new DraftParser(DraftLimits.DEFAULT),
                MailAuthentication.OFF);
    }

    /**
     * @param editors        who may send new versions of any memorandum (memoflow.editors); its author always may
     * @param ownAddress     memoflow's own address (memoflow.smtp.from): mail from it is never used
     * @param memoranda      finds the memorandum a reply or a new version is about
     * @param parser         reads a submitted draft's reference (the service reads the draft again, and refuses it when it is bad)
     * @param authentication whether a mail must prove its sender's domain (memoflow.mail.require-authentication)
     */
    public MailTriage(MailReplies replies, Submitters submitters, Submitters editors, String ownAddress, Memoranda memoranda,
                      DraftParser parser, MailAuthentication authentication) {
        this.replies = replies;
        this.submitters = submitters;
        this.editors = editors;
        this.ownAddress = ownAddress.toLowerCase(Locale.ROOT);
        this.memoranda = memoranda;
        this.parser = parser;
        this.authentication = authentication;
    }

    /** What {@code mail} is. */
    public Verdict triage(IncomingMail mail) {
        if (mail.from() != null && mail.from().equals(ownAddress)) {
            return new SetAside("The mail comes from memoflow's own address " + ownAddress + " (a loop or a bounce).",
                    "Nothing to do; memoflow does not read its own mail.", null, null);
        }
        if (mail.automatic() != null) {
            return new SetAside("The mail was not written by a person: " + mail.automatic() + ".",
                    "Nothing to do; memoflow neither counts nor answers automatic mail. If it is a bounce of a mail memoflow sent,"
                            + " check the address it names.", null, null);
        }
        String unproven = authentication.problem(mail);
        if (unproven != null) {
            return new SetAside(unproven, "Nothing was changed and nobody was answered (the sender cannot be trusted). If the sender is"
                    + " genuine, their mail system must sign its mail (DKIM) or pass DMARC for their domain, as the receiving server checks it;"
                    + " memoflow.mail.require-authentication=true asks for this.", null, null);
        }
        Optional<MailReplies.Target> target = replies.target(mail);
        boolean draftAttached = mail.attachments().stream().anyMatch(IncomingMail.Attachment::draftCandidate);
        if (target.isPresent() && (target.get().hasToken() || !draftAttached)) {
            return reply(mail, target.get());
        }
        return submission(mail);
    }

    private Verdict submission(IncomingMail mail) {
        if (!submitters.allows(mail.from())) {
            return new SetAside("The mail " + mail.describe() + " is not from an allowed submitter (memoflow.submitters: "
                    + submitters + "), so it was not taken as a draft and was not answered.",
                    "If the sender may submit drafts, add the address or its @domain to memoflow.submitters and submit the draft again"
                            + " (memoflow submit FILE, or ask the sender to send it again).", null, null);
        }
        MailSubmission draft;
        try {
            draft = MailSubmission.of(mail);
        } catch (RejectedInputException e) {
            return new SetAside(e.reason(), e.advice(), null, null);
        }
        SetAside notAnEditor = newVersionByAnother(mail, draft);
        if (notAnEditor != null) {
            return notAnEditor;
        }
        return new Submission(draft, mail.from(), mail.key(), draft.name() + " (" + mail.describe() + ")");
    }

    /**
     * A new version (a draft naming an existing memorandum's reference) counts only from that
     * memorandum's author or an editor; otherwise the mail is set aside and the author (only) is
     * told. Null when the draft is no new version, or its sender may send it.
     */
    private SetAside newVersionByAnother(IncomingMail mail, MailSubmission submission) {
        String reference;
        try {
            reference = parser.parse(submission.content(), submission.name()).reference();
        } catch (RejectedInputException e) {
            return null; // not a readable draft: the service reads it again and refuses it with this very reason
        }
        if (reference == null || !Reference.isValid(reference.strip())) {
            return null; // a new memorandum, or a reference the service refuses
        }
        Optional<Memo> found = memoranda.find(reference.strip());
        if (found.isEmpty()) {
            return null; // the service says there is no such memorandum
        }
        Memo memo = found.get();
        String from = mail.from();
        if (from != null && (from.equals(memo.author) || editors.allows(from))) {
            return null;
        }
        return new SetAside("The mail " + mail.describe() + " sends a new version of " + memo.reference + ", but " + from
                + " is neither the author of " + memo.reference + (memo.author == null ? " (it has none)" : " (" + memo.author + ")")
                + " nor an editor (memoflow.editors: " + editors + "), so it was not taken and nothing was changed.",
                "The author of " + memo.reference + " can send the new version; or, if " + from + " may send new versions of any"
                        + " memorandum, the administrator adds the address or its @domain to memoflow.editors."
                        + (memo.author == null ? "" : " The author, " + memo.author + ", is told."),
                memo.author == null ? null : memo.reference, memo.author);
    }

    private Verdict reply(IncomingMail mail, MailReplies.Target target) {
        if (target.reference() == null) {
            return new SetAside("The reply " + mail.describe() + " carries a decision token but does not say which memorandum"
                    + " it is about.", "Reply to the request mail itself and keep its subject, which starts with [REFERENCE TOKEN].",
                    null, null);
        }
        Optional<Memo> found = memoranda.find(target.reference());
        if (found.isEmpty()) {
            return new SetAside("The reply " + mail.describe() + " is about " + target.reference()
                    + ", but there is no memorandum with that reference.", "Check the subject of the reply.", null, null);
        }
        Memo memo = found.get();
        MailReplies.Outcome outcome = replies.check(mail, target, memo);
        if (outcome instanceof MailReplies.AlreadyRecorded) {
            return new AlreadyRecorded(memo.reference);
        }
        if (outcome instanceof MailReplies.Refused r) {
            return new SetAside(r.reason(), r.advice(), memo.reference, r.tell());
        }
        return new DecisionReply(((MailReplies.Counts) outcome).decision());
    }
}
