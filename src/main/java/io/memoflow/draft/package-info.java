/**
 * Drafts as submitted: bytes turned into text (encoding detection, legacy Arabic code pages,
 * files that are not text), the YAML front matter read safely into checked fields, and the
 * Markdown body. The result is a {@link io.memoflow.draft.Draft}, or a
 * {@link io.memoflow.RejectedInputException} whose reason and advice are written for the sender.
 */
package io.memoflow.draft;
