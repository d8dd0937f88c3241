package io.memoflow.workflow;

import io.memoflow.RejectedInputException;
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
 * by: legal@dgsn.example.ma
 * decision: approve            # approve, changes or reject
 * comment: Article 4 is fine.  # optional
 * </pre>
 * UTF-8 YAML, at most 64 KiB, no anchors or aliases, no other keys.
 */
public final class DecisionFiles {

    public static final int MAX_BYTES = 64 * 1024;
    private static final Set<String> KEYS = Set.of("memo", "by", "decision", "comment");

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
        } catch (YamlEngineException e) {
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
                throw new RejectedInputException("The decision file has an unknown key '" + key
                        + "'; a decision has only memo, by, decision and comment.", example());
            }
            Object v = e.getValue();
            if (v != null && !(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
                throw new RejectedInputException("In the decision file, '" + key + "' must be a single line of text.", example());
            }
            fields.put(key, v == null ? "" : String.valueOf(v).strip());
        }
        for (String required : new String[] {"memo", "by", "decision"}) {
            if (fields.getOrDefault(required, "").isEmpty()) {
                throw new RejectedInputException("The decision file does not say '" + required + ":'.", example());
            }
        }
        String by = fields.get("by").toLowerCase(Locale.ROOT);
        if (!by.matches("[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:]+") || by.length() > 254) {
            throw new RejectedInputException("'by: " + fields.get("by") + "' is not an e-mail address.",
                    "Write the decider's address, e.g. by: legal@example.org.");
        }
        DecisionKind kind = DecisionKind.parse(fields.get("decision")).orElseThrow(() -> new RejectedInputException(
                "'decision: " + fields.get("decision") + "' is not a decision.",
                "Write approve, changes or reject (موافق، تعديل، رفض)."));
        return new Decision(fields.get("memo").toUpperCase(Locale.ROOT), by, kind, fields.getOrDefault("comment", ""),
                channel, intakeKey, 0, null);
    }

    /** The text of a decision file. */
    public static byte[] format(String reference, String by, DecisionKind kind, String comment) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("memo", reference);
        map.put("by", by);
        map.put("decision", kind.word());
        if (comment != null && !comment.isBlank()) {
            map.put("comment", comment.strip());
        }
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setWidth(Integer.MAX_VALUE).build();
        return new Dump(settings).dumpToString(map).getBytes(StandardCharsets.UTF_8);
    }

    private static String example() {
        return "A decision file looks like this:\nmemo: MOU-2026-0007\nby: legal@example.org\ndecision: approve\ncomment: optional text";
    }
}
