package io.memoflow.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The project's own test drafts, in {@code src/test/resources/fixtures/} (UTF-8), read from the
 * class path. Written for the tests (invented organisations and people); nothing outside the
 * project is needed to run them. Legacy encodings (windows-1256, ISO-8859-6, UTF-16) are made from
 * these texts inside the tests.
 */
public final class Fixtures {

    /** A long Arabic memorandum of understanding (front matter, preamble, 19 articles): several pages. */
    public static final String LONG_MOU = "ar-long-mou.md";
    /** A plain-text Arabic draft as pasted from a news page: caption, share-button leftovers, comment form. */
    public static final String PASTED_ARTICLE = "ar-pasted-article.txt";
    /** A fully vowelled Arabic preamble and closing formula (harakat, shadda, tanwin, dagger alef). */
    public static final String VOWELLED = "ar-vowelled-preamble.md";
    /** Arabic and English articles in turn, with Latin inside Arabic lines and Arabic inside English ones. */
    public static final String BILINGUAL = "bilingual-mou.md";
    /** A Markdown memorandum with headings, lists and a six-column GFM table of Arabic and numbers. */
    public static final String TABLE = "ar-training-plan.md";

    public static final List<String> ALL = List.of(LONG_MOU, PASTED_ARTICLE, VOWELLED, BILINGUAL, TABLE);

    private Fixtures() {
    }

    /** The fixture's bytes as stored (UTF-8). */
    public static byte[] bytes(String name) {
        String resource = "fixtures/" + name;
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture " + resource + " on the class path (src/test/resources)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file as text, front matter included. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The text after the YAML front matter (the whole text when there is none): the Markdown body. */
    public static String body(String name) {
        return withoutFrontMatter(text(name));
    }

    static String withoutFrontMatter(String text) {
        if (!text.startsWith("---\n")) {
            return text;
        }
        int end = text.indexOf("\n---\n", 3);
        if (end < 0) {
            throw new IllegalArgumentException("Front matter without its closing line");
        }
        return text.substring(end + "\n---\n".length());
    }
}
