package io.memoflow.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A decision as submitted, before the engine has checked it.
 *
 * @param reference the memorandum
 * @param by        the e-mail address of whoever decides (lower case)
 * @param kind      approve, changes or reject
 * @param comment   free text, may be empty
 * @param channel   file, cli or mail
 * @param intakeKey identifies the input it came from (a re-read after a crash is recognised)
 * @param version   the version the decision was made on: the version in the decision file (memoflow decide
 *                  writes the current one), or the version a mail reply's token was issued for. The
 *                  engine refuses a decision for any other version than the current one. 0 means "the
 *                  current one" and is produced by no input channel (only by code that decides itself)
 * @param stage     for mail replies and web links: the stage the token was issued for; null: the current one
 * @param origin    where the decision was made, added to its audit event (web: the client's address and
 *                  User-Agent); empty for the other channels
 */
public record Decision(String reference, String by, DecisionKind kind, String comment, String channel,
                       String intakeKey, int version, String stage, Map<String, String> origin) {
    public Decision {
        comment = comment == null ? "" : comment.strip();
        by = by == null ? "" : by.strip().toLowerCase(Locale.ROOT);
        origin = origin == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(origin));
    }

    /** A decision with nothing to say about where it was made. */
    public Decision(String reference, String by, DecisionKind kind, String comment, String channel, String intakeKey, int version,
                    String stage) {
        this(reference, by, kind, comment, channel, intakeKey, version, stage, Map.of());
    }
}
