package io.memoflow;

/**
 * An input (draft, decision, mail) that memoflow cannot accept. The message is written for the
 * person who submitted it: {@link #reason()} says what is wrong in plain words, {@link #advice()}
 * says what to do about it. Inputs failing with this exception are kept unchanged in
 * {@code rejected/} with a {@code NAME.error.txt} holding {@link #report()}.
 */
public class RejectedInputException extends RuntimeException {

    private final String reason;
    private final String advice;

    public RejectedInputException(String reason, String advice) {
        super(advice == null || advice.isBlank() ? reason : reason + " " + advice);
        this.reason = reason;
        this.advice = advice == null ? "" : advice;
    }

    public RejectedInputException(String reason, String advice, Throwable cause) {
        this(reason, advice);
        initCause(cause);
    }

    /** What is wrong, in plain words. */
    public String reason() {
        return reason;
    }

    /** What the submitter should do about it; may be empty. */
    public String advice() {
        return advice;
    }

    /** The text of the {@code NAME.error.txt} file: reason, then advice. */
    public String report() {
        return advice.isEmpty() ? reason + "\n" : reason + "\n\nWhat to do: " + advice + "\n";
    }
}
