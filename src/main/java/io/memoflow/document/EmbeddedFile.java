package io.memoflow.document;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file the rendered PDF carries inside it (PDF/A-3 associated file): listed in the catalog's
 * EmbeddedFiles name tree and its {@code /AF} array.
 *
 * @param name         the file's name, e.g. {@code audit.jsonl}
 * @param mimeType     its MIME type, e.g. {@code application/jsonl}
 * @param description  what it is, in plain words (the file specification's /Desc)
 * @param relationship how it relates to the document: {@code Source}, {@code Supplement}, {@code Data}...
 * @param data         its bytes
 * @param date         when it was made (creation and modification date)
 */
public record EmbeddedFile(String name, String mimeType, String description, String relationship, byte[] data, Instant date) {

    public EmbeddedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mimeType, "mimeType");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(relationship, "relationship");
        data = data.clone();
        Objects.requireNonNull(date, "date");
    }

    /** Its bytes (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    int size() {
        return data.length;
    }

    byte[] bytes() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddedFile f && name.equals(f.name) && mimeType.equals(f.mimeType)
                && description.equals(f.description) && relationship.equals(f.relationship) && Arrays.equals(data, f.data)
                && date.equals(f.date);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mimeType, description, relationship, Arrays.hashCode(data), date);
    }

    @Override
    public String toString() {
        return "EmbeddedFile[" + name + ", " + mimeType + ", " + data.length + " bytes, " + date + "]";
    }
}
