/**
 * memoflow: a daemon that takes draft memoranda of understanding from watched folders or a
 * mailbox, runs them through review and approval, renders them as signed PDFs and tells every
 * party. {@link io.memoflow.Main} starts the command line; {@link io.memoflow.RejectedInputException}
 * is how every layer says, in plain words, why an input was not accepted and what to do.
 */
package io.memoflow;
