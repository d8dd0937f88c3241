package io.memoflow.workflow;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Reference;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Decision files, as dropped into {@code decisions/} or written by {@code memoflow decide}:
 * <pre>
 * memo: MOU-2026-0007
 * version: 2                   # the version the decider read
 * by: legal@dgsn.example.ma
 * decision: approve            # approve, changes or reject
 * comment: Article 4 is fine.  # optional
 * </pre>
 * UTF-8 YAML, at most 64 KiB, no anchors or aliases, no other keys. {@code version} is required: a
 * decision counts only for the version it was made on (the workflow engine refuses it for any
 * other), and a file without it is refused rather than taken for the current version, which may
 * have changed since the decider read it. {@code by} is a plain ASCII address (no look-alike
 * letters such as the Kelvin sign, which lower-cases to "k"); no value may contain control
 * characters or bidirectional controls (the comment may have line breaks and tabs).
 */
public final class DecisionFiles {

    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("memo", "version", "by", "decision", "comment");

    private DecisionFiles() {
    }

    /** Reads a decision file, or says in plain words why it is not one. */
    public static Decision parse(byte[] bytes, String channel, String intakeKey) {
        if (bytes.length == 0) {
            throw new RejectedInputException("The decision file is empty.", example());
        }
        if (bytes.length > MAX_BYTES) {
            throw new RejectedInputException("The decision file is " + bytes.length + " bytes; a decision file may have at most "
                    + MAX_BYTES + " bytes.", "Shorten the comment.");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RejectedInputException("The decision file is not UTF-8 text.", "Save it as UTF-8 text. " + example());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw new RejectedInputException("The decision file contains control characters.", example());
        }
        Object root;
        try {
            LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(0)
                    .setAllowRecursiveKeys(false).setCodePointLimit(MAX_BYTES).build();
            root = new Load(settings).loadFromString(text);
        } catch (YamlEngineException | IllegalArgumentException e) {
            // snakeyaml-engine throws IllegalArgumentException for a tag it cannot build (a value such as "!%20 ...")
            String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new RejectedInputException("The decision file is not in the expected 'key: value' form (" + msg + ").", example());
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new RejectedInputException("The decision file is not a list of 'key: value' lines.", example());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYS.contains(key)) {
                throw new RejectedInputException("The decision file has an unknown key '" + UntrustedText.visible(key)
                        + "'; a decision has only memo, version, by, decision and comment.", example());
            }
            Object v = e.getValue();
            if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                throw new RejectedInputException("In the decision file, '" + key + "' must be a single line of text.", example());
            }
            String value = v == null ? "" : String.valueOf(v).strip();
            String problem = UntrustedText.problemInLine(value, !"comment".equals(key));
            if (problem != null) {
                throw new RejectedInputException("In the decision file, '" + key + ":' contains " + problem + ".",
                        UntrustedText.adviceFor(problem));
            }
            fields.put(key, value);
        }
        for (String required : new String[] {"memo", "by", "decision"}) {
            if (fields.getOrDefault(required, "").isEmpty()) {
                throw new RejectedInputException("The decision file does not say '" + required + ":'.", example());
            }
        }
        String reference = fields.get("memo").toUpperCase(Locale.ROOT);
        if (!Reference.isValid(reference)) {
            throw new RejectedInputException("'memo: " + fields.get("memo") + "' is not a memorandum reference.",
                    "Write the reference as memoflow gave it, e.g. memo: MOU-2026-0007.");
        }
        String rawVersion = fields.getOrDefault("version", "");
        if (rawVersion.isEmpty()) {
            throw new RejectedInputException("The decision file does not say which version of " + reference
                    + " it decides on (no 'version:' line). A decision counts only for the version its decider read, and the"
                    + " memorandum may have a newer version by now.", "Add the line 'version: N' with the number of the version"
                    + " you read (memoflow status " + reference + " shows the current one and when it"
                    + " came), or write the decision with memoflow decide, which adds it.");
        }
        if (!rawVersion.matches("[1-9][0-9]{0,5}")) {
            throw new RejectedInputException("'version: " + UntrustedText.visible(rawVersion) + "' is not a version number.",
                    "Write the number of the version you read, e.g. version: 2.");
        }
        String rawBy = fields.get("by");
        for (int i = 0; i < rawBy.length(); i++) {
            char c = rawBy.charAt(i);
            if (c > 0x7E) {
                throw new RejectedInputException(String.format("'by: %s' is not an address memoflow accepts: it contains the"
                        + " character \"%s\" (U+%04X); addresses are written with plain Latin letters, digits and . _ - +"
                        + " only, so that a look-alike letter cannot stand for another.", rawBy, String.valueOf(c), (int) c),
                        "Type the decider's address again on a Latin keyboard, e.g. by: legal@example.org.");
            }
        }
        String by = rawBy.toLowerCase(Locale.ROOT);
        if (!by.matches("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]+") || by.length() > 254) {
            throw new RejectedInputException("'by: " + rawBy + "' is not an e-mail address.",
                    "Write the decider's address, e.g. by: legal@example.org.");
        }
        DecisionKind kind = DecisionKind.parse(fields.get("decision")).orElseThrow(() -> new RejectedInputException(
                "'decision: " + fields.get("decision") + "' is not a decision.",
                "Write approve, changes or reject (موافق، تعديل، رفض)."));
        return new Decision(reference, by, kind, fields.getOrDefault("comment", ""), channel, intakeKey,
                Integer.parseInt(rawVersion), null);
    }

    /** The text of a decision file for the given version of the memorandum. */
    public static byte[] format(String reference, int version, String by, DecisionKind kind, String comment) {
        if (version < 1) {
            throw new IllegalArgumentException("A decision is made on a version (1 or more), not " + version);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("memo", reference);
        map.put("version", version);
        map.put("by", by);
        map.put("decision", kind.word());
        if (comment != null && !comment.isBlank()) {
            map.put("comment", comment.strip());
        }
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(Integer.MAX_VALUE).build();
        return new Dump(settings).dumpToString(map).getBytes(StandardCharsets.UTF_8);
    }

    private static String example() {
        return "A decision file looks like this:\nmemo: MOU-2026-0007\nversion: 2\nby: legal@example.org\ndecision: approve\n"
                + "comment: optional text";
    }
}
