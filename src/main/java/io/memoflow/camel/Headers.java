package io.memoflow.camel;

/**
 * The names of the message headers and exchange properties memoflow's routes use. Routes refer
 * to them by these strings; this class is where they are defined and explained.
 */
public final class Headers {

    /** Header: the reference of the memorandum the message is about, e.g. MOU-2026-0007. */
    public static final String REFERENCE = "MemoflowReference";

    /**
     * Header: the highest work sequence number of the memorandum when its pending work was
     * claimed; work with a higher number appeared meanwhile and is carried out in another pass.
     */
    public static final String SEEN_WORK = "MemoflowSeenWork";

    /** Exchange property: the {@link io.memoflow.service.Task} a work route is carrying out. */
    public static final String TASK = "MemoflowTask";

    /**
     * Exchange property: the claim an intake file's exchange holds in the shared store (several
     * instances, {@link ClusterReadLock}); given up when the file was moved.
     */
    public static final String INTAKE_CLAIM = "MemoflowIntakeClaim";

    /** Header: where a mail went ("outbox" or "outbox+smtp"). */
    public static final String DELIVERY = "MemoflowDelivery";

    /**
     * Exchange property: the file name an input gets when it is moved out of an intake folder,
     * into {@code data/intake/} (accepted) or {@code rejected/} (with {@code NAME.error.txt}).
     * Unique, and safe whatever the original name was.
     */
    public static final String SAFE_NAME = "MemoflowSafeName";

    /** Exchange property: where an input came from (inbox, decisions or mail). */
    public static final String SOURCE = "MemoflowSource";

    /** Exchange property: the raw bytes (RFC 5322) of a mail read from the mailbox. */
    public static final String MAIL = "MemoflowMail";

    /** Exchange property: the size of a mail too large to be fetched (then {@link #MAIL} is absent). */
    public static final String MAIL_SIZE = "MemoflowMailSize";

    /** Exchange property: "from X "subject" &lt;message-id&gt;", for messages about a mail. */
    public static final String MAIL_SUMMARY = "MemoflowMailSummary";

    /** Exchange property: the person of a memorandum told why a reply did not count, if any. */
    public static final String MAIL_TOLD = "MemoflowMailTold";

    /**
     * Exchange property: the reference of a memorandum a web request changed (a decision, a
     * draft); the web routes then hand it to the dispatch (seda:advance) to start its work.
     */
    public static final String ADVANCE = "MemoflowAdvance";

    private Headers() {
    }
}
