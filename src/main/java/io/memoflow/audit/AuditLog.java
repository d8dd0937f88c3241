package io.memoflow.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hash-chained audit log, one JSON object per line ({@code audit.jsonl}). Every line carries
 * {@code prev}, the SHA-256 (hex) of the previous line's UTF-8 bytes (64 zeros for the first
 * line); the log's {@link #finalHash()} is the SHA-256 of its last line. Editing, removing or
 * reordering any line breaks the chain, and removing lines at the end changes the final hash.
 *
 * <p>Lines are canonical: fields in the order seq, at, type, actor, version, detail (keys
 * sorted), prev; no white space. Not thread safe; callers hold the memorandum's lock.
 */
public final class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines;

    public AuditLog() {
        this.lines = new ArrayList<>();
    }

    private AuditLog(List<String> lines) {
        this.lines = new ArrayList<>(lines);
    }

    /** A log holding the given lines as they are; call {@link #verify(List)} to check them. */
    public static AuditLog of(List<String> lines) {
        return new AuditLog(lines);
    }

    /** Appends an event and returns its line. */
    public String append(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", lines.size() + 1);
        node.put("at", event.at().toString());
        node.put("type", event.type());
        node.put("actor", event.actor());
        node.put("version", event.version());
        ObjectNode detail = node.putObject("detail");
        event.detail().forEach(detail::put);
        node.put("prev", lines.isEmpty() ? GENESIS : sha256(lines.get(lines.size() - 1)));
        try {
            String line = JSON.writeValueAsString(node);
            lines.add(line);
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write an audit line: " + e.getMessage(), e);
        }
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public int size() {
        return lines.size();
    }

    /** SHA-256 (hex) of the last line, or {@link #GENESIS} for an empty log. */
    public String finalHash() {
        return lines.isEmpty() ? GENESIS : sha256(lines.get(lines.size() - 1));
    }

    /** The log as {@code audit.jsonl} bytes: UTF-8, one line each, every line ending in \n. */
    public byte[] toJsonl() {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The events, parsed back. */
    public List<AuditEvent> events() {
        List<AuditEvent> events = new ArrayList<>();
        for (String line : lines) {
            events.add(parse(line));
        }
        return events;
    }

    /** Splits {@code audit.jsonl} bytes into lines (a final empty line is ignored). */
    public static List<String> parseJsonl(byte[] jsonl) {
        String text = new String(jsonl, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            out.add(line);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /**
     * Checks the chain: every line parses, sequence numbers count up from 1, every
     * {@code prev} is the hash of the line before.
     *
     * @return the problems found, in plain words; empty when the chain holds
     */
    public static List<String> verify(List<String> lines) {
        List<String> problems = new ArrayList<>();
        String prev = GENESIS;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add("Audit entry " + (i + 1) + " is not valid JSON.");
                prev = sha256(line);
                continue;
            }
            if (node == null || !node.isObject()) {
                problems.add("Audit entry " + (i + 1) + " is not a JSON object.");
            } else {
                if (node.path("seq").asInt(-1) != i + 1) {
                    problems.add("Audit entry " + (i + 1) + " carries sequence number " + node.path("seq").asText("none")
                            + ": entries were removed or reordered.");
                }
                if (!prev.equals(node.path("prev").asText())) {
                    problems.add("Audit entry " + (i + 1) + " does not chain to the entry before it: "
                            + (i == 0 ? "the first entry was changed or removed." : "an entry was edited, removed or reordered."));
                }
            }
            prev = sha256(line);
        }
        return problems;
    }

    public static AuditEvent parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            Map<String, String> detail = new TreeMap<>();
            node.path("detail").fields().forEachRemaining(e -> detail.put(e.getKey(), e.getValue().asText()));
            return new AuditEvent(Instant.parse(node.path("at").asText()), node.path("type").asText(),
                    node.path("actor").asText(), node.path("version").asInt(), detail);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("Not an audit line: " + e.getMessage(), e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }
}
