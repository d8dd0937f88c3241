/**
 * Redlines: the word-level difference between two versions of a memorandum's text
 * ({@link io.memoflow.diff.TextDiff}), paragraph by paragraph, and its rendering with markers
 * ({@link io.memoflow.diff.Redline#render}). Words are what is between white space, as typed:
 * an Arabic word keeps its attached clitics (و ف ب ل ك ال) and its harakat, so a change of a
 * clitic or of harakat alone is a change of that word. Pure code, no I/O, no Camel.
 */
package io.memoflow.diff;
