package io.memoflow.memo;

/** What a work item of a memorandum asks memoflow to do. */
public enum WorkKind {
    /** send a mail (a request, a reminder, a notice, the signed PDF) */
    MAIL,
    /** seal and sign the approved memorandum into signed/REF.pdf */
    SIGN
}
