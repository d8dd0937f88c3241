package io.memoflow.signing;

/** Signing or key handling failed; the message says what is missing and what to do. */
public class SigningException extends RuntimeException {
    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
