package io.memoflow.mail;

import io.memoflow.draft.Party;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.DecisionRecord;
import io.memoflow.memo.Memo.StageRun;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.workflow.Decision;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replies to decision requests. A reply counts only when it comes from the assignee the request
 * went to (its From address), carries that assignee's token for the memorandum's current
 * version and stage, and begins with a decision word; the token says which version and stage
 * it was issued for, so a stale one is refused by the workflow engine. Everything else is
 * refused with a reason, and with the address to tell, if any: the assignee whose token it is,
 * or the sender when the sender is one of the memorandum's people; never a stranger.
 */
public final class MailReplies {

    private static final Pattern REFERENCE = Pattern.compile("[A-Z][A-Z0-9]{0,15}-\\d{4}-\\d{4,6}");
    private static final Pattern SUBJECT_TAG = Pattern.compile("\\[\\s*(" + REFERENCE.pattern() + ")(?:\\s+((?i:MF-[A-Z2-9]{16})))?\\s*\\]");
    private static final Pattern TOKEN = Pattern.compile("(?<![A-Za-z0-9])(?i:MF-[A-Z2-9]{16})(?![A-Za-z0-9])");
    private static final Pattern OWN_ID = Pattern.compile("<(" + REFERENCE.pattern() + ")(?:-\\d{3,}-[a-z]+)?@([^<>]+)>");
    private static final int VERSIONS_CHECKED = 20;

    private final Tokens tokens;
    private final String ownDomain;

    /**
     * @param ownDomain the domain of memoflow's Message-IDs (from memoflow.smtp.from), so that
     *                  In-Reply-To and References can name a memorandum
     */
    public MailReplies(Tokens tokens, String ownDomain) {
        this.tokens = tokens;
        this.ownDomain = ownDomain.toLowerCase(Locale.ROOT);
    }

    /** What a mail says about a memorandum it answers. */
    public record Target(String reference, String token) {
        public boolean hasToken() {
            return token != null;
        }
    }

    /**
     * The memorandum a mail answers, from its subject tag {@code [REF TOKEN]}, a token in the
     * subject or the X-Memoflow-Token header, or memoflow's Message-IDs in In-Reply-To and
     * References; empty when it answers none (then it is a submission, if anything).
     */
    public Optional<Target> target(IncomingMail mail) {
        String reference = null;
        String token = null;
        Matcher tag = SUBJECT_TAG.matcher(mail.subject());
        if (tag.find()) {
            reference = tag.group(1);
            token = tag.group(2);
        }
        if (token == null) {
            Matcher t = TOKEN.matcher(mail.subject());
            if (t.find()) {
                token = t.group();
            }
        }
        if (token == null && mail.tokenHeader() != null && TOKEN.matcher(mail.tokenHeader()).matches()) {
            token = mail.tokenHeader();
        }
        if (reference == null) {
            for (String id : mail.repliesTo()) {
                Matcher m = OWN_ID.matcher(id);
                if (m.matches() && m.group(2).toLowerCase(Locale.ROOT).equals(ownDomain)) {
                    reference = m.group(1);
                    break;
                }
            }
        }
        if (reference == null && token == null) {
            return Optional.empty();
        }
        return Optional.of(new Target(reference, token == null ? null : token.toUpperCase(Locale.ROOT)));
    }

    /** The outcome of checking a reply against its memorandum. */
    public sealed interface Outcome permits Counts, AlreadyRecorded, Refused {
    }

    /** The reply is a decision for the workflow engine (which may still refuse it). */
    public record Counts(Decision decision) implements Outcome {
    }

    /** This very mail was recorded before (read again after a crash): nothing to do. */
    public record AlreadyRecorded() implements Outcome {
    }

    /**
     * The reply does not count.
     *
     * @param tell the address to tell why (a person of this memorandum), or null: only logged
     */
    public record Refused(String reason, String advice, String tell) implements Outcome {
    }

    /** Checks a reply that {@link #target} found to answer {@code memo}. */
    public Outcome check(IncomingMail mail, Target target, Memo memo) {
        for (DecisionRecord d : memo.decisions) {
            if (mail.key().equals(d.intakeKey)) {
                return new AlreadyRecorded();
            }
        }
        String from = mail.from();
        Set<String> people = people(memo);
        String sender = from == null ? "an unknown sender" : from;
        String tellSender = from != null && people.contains(from) ? from : null;
        if (from == null) {
            return new Refused("The reply has no single valid sender address (From).", "Reply from your own mail account.", null);
        }
        if (!target.hasToken()) {
            return new Refused("The reply from " + sender + " about " + memo.reference + " carries no decision token, so it cannot count.",
                    "Reply to the request mail itself and keep its subject, which holds your token (MF-...).", tellSender);
        }
        Issued issued = issuedFor(target.token(), memo, people, from);
        if (issued == null) {
            return new Refused("The decision token " + target.token() + " in the reply from " + sender + " was not issued for "
                    + memo.reference + " (it may belong to another memorandum, or be mistyped).",
                    "Reply to the latest request mail for " + memo.reference + " and keep its subject unchanged.", tellSender);
        }
        if (!issued.assignee().equals(from)) {
            return new Refused("A reply carrying the decision token that memoflow sent to " + issued.assignee() + " for "
                    + memo.reference + " came from " + sender + ", not from " + issued.assignee() + "; it does not count.",
                    "If you sent it, reply from " + issued.assignee() + ", the address the request went to. If you did not, "
                            + "someone else has your request mail; nothing was changed.", issued.assignee());
        }
        ReplyText.Parsed text = ReplyText.parse(mail.bodyText());
        if (text.kind().isEmpty()) {
            String word = text.firstWord().isEmpty() ? "empty" : "'" + MailText.printable(text.firstWord()) + "'";
            return new Refused("The reply from " + sender + " about " + memo.reference + " does not begin with a decision: its first word is "
                    + word + ".", "Reply again with APPROVE, CHANGES or REJECT (or موافق، تعديل، رفض) as the very first word; "
                    + "the rest of the first paragraph is your comment.", from);
        }
        String problem = UntrustedText.problemInLine(text.comment(), true);
        if (problem != null) {
            return new Refused("The comment in the reply from " + sender + " about " + memo.reference + " contains " + problem
                    + ", so the reply does not count.", "Reply again with the comment typed as plain text. "
                    + UntrustedText.adviceFor(problem), from);
        }
        return new Counts(new Decision(memo.reference, from, text.kind().get(), text.comment(), "mail", mail.key(), issued.version(),
                issued.stage()));
    }

    /** What a token was issued for. */
    record Issued(int version, String stage, String assignee) {
    }

    /** Finds the version, stage and assignee a token was issued for, trying the sender first; null when none. */
    Issued issuedFor(String token, Memo memo, Set<String> people, String from) {
        Set<String> stages = new LinkedHashSet<>();
        StageRun current = memo.currentStage();
        if (current != null) {
            stages.add(current.name);
        }
        memo.run.forEach(r -> stages.add(r.name));
        memo.decisions.forEach(d -> {
            if (d.stageName != null) {
                stages.add(d.stageName);
            }
        });
        memo.work.forEach(w -> {
            if (w.stage != null) {
                stages.add(w.stage);
            }
        });
        Set<String> who = new LinkedHashSet<>();
        who.add(from);
        who.addAll(people);
        for (int v = memo.version; v >= Math.max(1, memo.version - VERSIONS_CHECKED); v--) {
            for (String s : stages) {
                for (String p : who) {
                    if (tokens.matches(token, memo.reference, v, s, p)) {
                        return new Issued(v, s, p);
                    }
                }
            }
        }
        return null;
    }

    /** Everyone memoflow asks or tells about a memorandum. */
    static Set<String> people(Memo memo) {
        Set<String> out = new LinkedHashSet<>();
        for (StageRun r : memo.run) {
            out.addAll(r.assignees);
            out.addAll(r.escalateTo);
        }
        out.addAll(memo.reviewers);
        for (Party p : memo.parties) {
            if (p.email() != null && !p.email().isBlank()) {
                out.add(p.email());
            }
        }
        for (WorkItem w : memo.work) {
            if ("request".equals(w.template) || "reminder".equals(w.template) || "escalation".equals(w.template)) {
                out.addAll(w.to);
            }
        }
        if (memo.author != null && !memo.author.isBlank()) {
            out.add(memo.author);
        }
        out.removeIf(s -> s == null || s.isBlank());
        return out;
    }
}
