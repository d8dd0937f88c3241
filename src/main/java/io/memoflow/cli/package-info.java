/**
 * The command line (picocli): {@code run} (the daemon), {@code submit}, {@code decide},
 * {@code status}, {@code verify} and {@code bench}, each a thin command over the composition
 * root or the daemon's folders.
 */
package io.memoflow.cli;
