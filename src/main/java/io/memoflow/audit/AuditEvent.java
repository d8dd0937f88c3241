package io.memoflow.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event in a memorandum's history.
 *
 * @param at      when it happened
 * @param type    what happened, one word: submitted, version, request, decision, changes,
 *                rejected, approved, signature, notification, completed, reminder, escalation,
 *                expired
 * @param actor   who did it: an e-mail address, or "memoflow"
 * @param version the memorandum version it concerns (0 when none)
 * @param detail  further facts (sha256, decision, comment, channel, stage, to, ...)
 */
public record AuditEvent(Instant at, String type, String actor, int version, Map<String, String> detail) {
    public AuditEvent {
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(detail));
    }
}
