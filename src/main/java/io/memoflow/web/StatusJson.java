package io.memoflow.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.diff.Redline;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.service.DocumentService;
import io.memoflow.store.MemoStore;
import io.memoflow.store.MemoSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code memoflow status --json} prints and the API answers: the list of memoranda, or one
 * memorandum with its history, its audit chain's final hash, the signed PDF and, for each
 * version after the first, what changed. Besides what JSON requires, DEL, the C1 controls, the
 * bidirectional controls and the line and paragraph separators are written as \\uXXXX, so the
 * JSON shows nothing a terminal would obey.
 */
public final class StatusJson {

    private StatusJson() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);
        mapper.getFactory().setCharacterEscapes(new JsonEscapes());
        return mapper;
    }

    /** The list of memoranda. */
    public static String list(List<MemoSummary> all) {
        return write(all);
    }

    /** Any value as JSON, with the same escapes. */
    public static String write(Object value) {
        try {
            return mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * One memorandum.
     *
     * @param signed where its signed PDF is (reported when it exists)
     */
    public static String memo(MemoStore store, Memo memo, Path signed) {
        ObjectMapper mapper = mapper();
        ObjectNode node = mapper.valueToTree(memo);
        node.remove("audit");
        ArrayNode history = node.putArray("history");
        for (AuditEvent e : AuditLog.of(memo.audit).events()) {
            history.add(mapper.valueToTree(e));
        }
        node.put("auditHash", AuditLog.of(memo.audit).finalHash());
        node.put("signedPdf", Files.exists(signed) ? signed.toString() : null);
        // for each version after the first, what changed since the one before (as in its CHANGES PDF)
        ArrayNode changes = node.putArray("changes");
        for (int v = 2; v <= memo.version; v++) {
            Redline r = DocumentService.changes(store, memo, v - 1, v);
            ObjectNode c = changes.addObject();
            c.put("version", v);
            c.put("from", v - 1);
            c.put("changedParagraphs", r.changedParagraphs());
            c.put("movedParagraphs", r.movedParagraphs());
            c.put("deletedWords", r.deletedWords());
            c.put("insertedWords", r.insertedWords());
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + memo.reference + " as JSON: " + e.getMessage(), e);
        }
    }

    static final class JsonEscapes extends CharacterEscapes {
        private final int[] ascii;

        JsonEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return UntrustedText.mustShowVisibly(ch) ? new SerializedString(String.format("\\u%04X", ch)) : null;
        }
    }
}
