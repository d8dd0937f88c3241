package io.memoflow.document;

import com.ibm.icu.lang.UCharacter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The fonts of a style: regular and bold, and optionally italic faces (without them, emphasis
 * is the upright face slanted), and the fallback chain ({@code font.fallback}) for the
 * characters those lack. Immutable and shared by all renders.
 *
 * <p>Font fallback is chosen per grapheme cluster: a cluster the style's face maps whole stays
 * in it; any other goes to the first fallback font that maps all its characters (characters
 * that are never drawn, such as joiners and variation selectors, do not count). Consecutive
 * clusters with the same font make one font run, shaped on its own. A cluster no font maps is
 * drawn with the style's face (its .notdef glyph), and {@link #missing} names it so that the
 * draft's acceptance can warn.
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

    /** The fallback chain, in order (regular faces only: a fallback is not made bold or italic). */
    final List<FontFace> fallback;

    private Fonts(FontFace regular, FontFace bold, FontFace italic, FontFace boldItalic, List<FontFace> fallback) {
        this.regular = regular;
        this.bold = bold;
        this.italic = italic;
        this.boldItalic = boldItalic;
        this.fallback = List.copyOf(fallback);
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

    /** Whether a run of the style set in {@code face} is drawn slanted: also a fallback font in italic text (it has no italic face). */
    boolean slanted(int style, FontFace face) {
        return slanted(style) || (style & ITALIC) != 0 && face != face(style);
    }

    private static final class Packaged {
        static final FontFace REGULAR = FontFace.load("fonts/Amiri-Regular.ttf", resource("fonts/Amiri-Regular.ttf"));
        static final FontFace BOLD = FontFace.load("fonts/Amiri-Bold.ttf", resource("fonts/Amiri-Bold.ttf"));
    }

    /** Loads the packaged fonts now (they are loaded once, on first use, by whichever thread comes first). */
    static void preload() {
        Objects.requireNonNull(Packaged.REGULAR);
        Objects.requireNonNull(Packaged.BOLD);
    }

    /** The packaged fallback fonts by the name {@code font.fallback} gives them, each loaded on first use. */
    static final Map<String, String> PACKAGED_FALLBACK = Map.of(
            "noto-sans-tifinagh", "fonts/NotoSansTifinagh-Regular.ttf",
            "noto-sans-hebrew", "fonts/NotoSansHebrew-Regular.ttf",
            "noto-sans-devanagari", "fonts/NotoSansDevanagari-Regular.ttf",
            "noto-sans-ethiopic", "fonts/NotoSansEthiopic-Regular.ttf");

    private static final Map<String, FontFace> LOADED_FALLBACK = new TreeMap<>();

    private static FontFace packagedFallback(String name) {
        synchronized (LOADED_FALLBACK) {
            return LOADED_FALLBACK.computeIfAbsent(name, n -> FontFace.load(PACKAGED_FALLBACK.get(n), resource(PACKAGED_FALLBACK.get(n))));
        }
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
        return new Fonts(regular, bold, italic, boldItalic, fallback(style));
    }

    /**
     * The chain of {@code font.fallback}: comma-separated, each a packaged font's name
     * ({@link #PACKAGED_FALLBACK}) or a .ttf file (relative to the style file's folder).
     */
    private static List<FontFace> fallback(MemoStyle style) {
        List<FontFace> chain = new ArrayList<>();
        for (String entry : style.get("font.fallback").split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (PACKAGED_FALLBACK.containsKey(key)) {
                chain.add(packagedFallback(key));
                continue;
            }
            if (!key.endsWith(".ttf")) {
                throw new IllegalArgumentException("The style key font.fallback names '" + name + "', which is neither a packaged "
                        + "font (" + String.join(", ", new TreeMap<>(PACKAGED_FALLBACK).keySet()) + ") nor a .ttf file. "
                        + "Give packaged names or .ttf files, separated by commas.");
            }
            Path p = style.resolve(name);
            try {
                chain.add(FontFace.load(p.toString(), Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new IllegalArgumentException("The font file " + p + " (style key font.fallback) could not be read: " + e
                        + ". Check the path, or remove it from font.fallback.", e);
            }
        }
        return chain;
    }

    /**
     * Shapes {@code chars[start, limit)} of one style in one direction, split into font runs:
     * the runs in visual order (left to right), each shaped on its own with the whole of
     * {@code chars} as context.
     */
    List<ShapedRun> shape(int style, char[] chars, int start, int limit, boolean rtl) {
        FontFace primary = face(style);
        if (fallback.isEmpty() || primary.awt.canDisplayUpTo(chars, start, limit) < 0) {
            return List.of(ShapedRun.shape(primary, chars, start, limit, rtl));
        }
        List<ShapedRun> runs = new ArrayList<>();
        int runStart = start;
        FontFace runFace = null;
        int i = start;
        while (i < limit) {
            int end = clusterEnd(chars, i, limit);
            FontFace f = faceFor(primary, chars, i, end, runFace);
            if (runFace != null && f != runFace) {
                runs.add(ShapedRun.shape(runFace, chars, runStart, i, rtl));
                runStart = i;
            }
            runFace = f;
            i = end;
        }
        if (runStart < limit) {
            runs.add(ShapedRun.shape(runFace == null ? primary : runFace, chars, runStart, limit, rtl));
        }
        if (rtl && runs.size() > 1) {
            Collections.reverse(runs);
        }
        return runs;
    }

    /**
     * The end of the grapheme cluster at {@code i}: a code point and the marks, joiners and
     * variation selectors after it (and the letter a joiner or virama joins to), enough to keep
     * what is drawn as one together.
     */
    static int clusterEnd(char[] chars, int i, int limit) {
        int end = i + Character.charCount(Character.codePointAt(chars, i, limit));
        while (end < limit) {
            int cp = Character.codePointAt(chars, end, limit);
            int type = Character.getType(cp);
            boolean previousJoins = isJoiner(Character.codePointBefore(chars, end, i));
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || isInvisible(cp) || previousJoins && Character.isLetter(cp)) {
                end += Character.charCount(cp);
            } else {
                break;
            }
        }
        return end;
    }

    /** The canonical combining class of viramas (halants). */
    private static final int VIRAMA = 9;

    /** A joiner or a virama: the letter after it is drawn with the one before. */
    private static boolean isJoiner(int cp) {
        return cp == 0x200D || UCharacter.getCombiningClass(cp) == VIRAMA;
    }

    /** Characters no font needs a glyph for: format characters (joiners, bidi marks), variation selectors. */
    static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.FORMAT || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    /** Characters that are layout, not glyphs: spaces and controls, line and paragraph separators. */
    private static boolean isLayout(int cp) {
        int type = Character.getType(cp);
        return isInvisible(cp) || type == Character.CONTROL || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR;
    }

    /** The font for the cluster [from, to): the primary when it maps it, else the first fallback that does, else the primary. */
    private FontFace faceFor(FontFace primary, char[] chars, int from, int to, FontFace previous) {
        boolean layoutOnly = true;
        for (int i = from; i < to; i += Character.charCount(Character.codePointAt(chars, i, to))) {
            layoutOnly &= isLayout(Character.codePointAt(chars, i, to));
        }
        if (layoutOnly) {
            return previous != null && maps(previous, chars, from, to) ? previous : primary;
        }
        if (maps(primary, chars, from, to)) {
            return primary;
        }
        for (FontFace f : fallback) {
            if (maps(f, chars, from, to)) {
                return f;
            }
        }
        return primary;
    }

    /** Whether a font has a glyph for every character of [from, to) that is drawn. */
    private static boolean maps(FontFace face, char[] chars, int from, int to) {
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(chars, i, to);
            if (!isInvisible(cp) && !face.awt.canDisplay(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * The characters of a text that neither the regular face nor any fallback font has (spaces,
     * controls and invisible characters aside), each once, in the order of first appearance.
     */
    List<Integer> missing(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null || regular.awt.canDisplayUpTo(text) < 0) {
            return out;
        }
        text.codePoints().distinct().forEach(cp -> {
            if (isLayout(cp) || regular.awt.canDisplay(cp)) {
                return;
            }
            for (FontFace f : fallback) {
                if (f.awt.canDisplay(cp)) {
                    return;
                }
            }
            out.add(cp);
        });
        return out;
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
