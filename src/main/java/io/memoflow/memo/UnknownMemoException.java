package io.memoflow.memo;

import io.memoflow.RejectedInputException;

/** No memorandum has the given reference. */
public class UnknownMemoException extends RejectedInputException {
    public UnknownMemoException(String reference) {
        super("There is no memorandum with the reference " + reference + ".",
                "Check the reference (memoflow status lists them all). To submit a new memorandum, leave 'reference:' out of the front matter.");
    }
}
