package io.memoflow.mail;

/**
 * Limits on an incoming mail; beyond them it is set aside with the reason.
 *
 * @param maxMailBytes  largest whole mail memoflow reads (memoflow.imap.max-bytes); larger
 *                      mails are not even fetched
 * @param maxDraftBytes largest draft, as body text or attachment (memoflow.limits.draft-bytes)
 * @param maxParts      most MIME parts in one mail
 * @param maxDepth      deepest nesting of multiparts
 */
public record MailLimits(long maxMailBytes, long maxDraftBytes, int maxParts, int maxDepth) {
    public static final MailLimits DEFAULT = new MailLimits(25L * 1024 * 1024, 2L * 1024 * 1024, 100, 10);
}
