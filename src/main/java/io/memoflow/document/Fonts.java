package io.memoflow.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fonts of a style: regular and bold, and optionally italic faces (without them, emphasis
 * is the upright face slanted). Immutable and shared by all renders.
 */
final class Fonts {

    static final int BOLD = 1;
    static final int ITALIC = 2;
    /** Decoration: struck through (a deleted word of a redline), in {@link #DELETED_COLOR}. */
    static final int STRUCK = 4;
    /** Decoration: underlined (an inserted word of a redline), in {@link #INSERTED_COLOR}. */
    static final int UNDERLINED = 8;
    /** Decoration: a note of memoflow's inside the text (e.g. a paragraph moved), in {@link #NOTE_COLOR}. */
    static final int NOTE = 16;
    /** The bits of a style that are decorations, not the choice of face. */
    static final int DECORATIONS = STRUCK | UNDERLINED | NOTE;

    static final Rgb DELETED_COLOR = new Rgb(0.75f, 0.08f, 0.08f);
    static final Rgb INSERTED_COLOR = new Rgb(0.0f, 0.33f, 0.72f);
    static final Rgb NOTE_COLOR = new Rgb(0.0f, 0.45f, 0.3f);

    final FontFace regular;
    final FontFace bold;
    private final FontFace italic;
    private final FontFace boldItalic;

    private Fonts(FontFace regular, FontFace bold, FontFace italic, FontFace boldItalic) {
        this.regular = regular;
        this.bold = bold;
        this.italic = italic;
        this.boldItalic = boldItalic;
    }

    /** The face for a style (a combination of {@link #BOLD} and {@link #ITALIC}). */
    FontFace face(int style) {
        boolean b = (style & BOLD) != 0;
        if ((style & ITALIC) != 0) {
            FontFace f = b ? boldItalic : italic;
            if (f != null) {
                return f;
            }
        }
        return b ? bold : regular;
    }

    /** Whether the style is drawn slanted because the style has no italic face for it. */
    boolean slanted(int style) {
        return (style & ITALIC) != 0 && ((style & BOLD) != 0 ? boldItalic : italic) == null;
    }

    private static final class Packaged {
        static final FontFace REGULAR = FontFace.load("fonts/Amiri-Regular.ttf", resource("fonts/Amiri-Regular.ttf"));
        static final FontFace BOLD = FontFace.load("fonts/Amiri-Bold.ttf", resource("fonts/Amiri-Bold.ttf"));
    }

    static Fonts load(MemoStyle style) {
        FontFace regular = file(style, "font.regular");
        FontFace bold = file(style, "font.bold");
        FontFace italic = file(style, "font.italic");
        FontFace boldItalic = file(style, "font.bold-italic");
        if (regular == null) {
            regular = Packaged.REGULAR;
        }
        if (bold == null) {
            bold = style.get("font.regular").isBlank() ? Packaged.BOLD : regular;
        }
        return new Fonts(regular, bold, italic, boldItalic);
    }

    private static FontFace file(MemoStyle style, String key) {
        Path p = style.file(key);
        if (p == null) {
            return null;
        }
        try {
            return FontFace.load(p.toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new IllegalArgumentException("The font file " + p + " (style key " + key + ") could not be read: " + e
                    + ". Check the path, or remove the key to use the packaged Amiri font.", e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = Fonts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The packaged resource " + name + " is missing from the memoflow jar; rebuild it.");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("The packaged resource " + name + " could not be read: " + e.getMessage(), e);
        }
    }
}
