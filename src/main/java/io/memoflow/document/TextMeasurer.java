package io.memoflow.document;

import com.ibm.icu.util.ULocale;
import io.memoflow.draft.Languages;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures and wraps text exactly as the typesetter sets it (bidi, shaping with ligatures and
 * kerning, ICU line breaking), e.g. to size a signature stamp. Thread safe.
 */
public final class TextMeasurer {

    private final Fonts fonts;
    private final float lineHeight;

    TextMeasurer(Fonts fonts, float lineHeight) {
        this.fonts = fonts;
        this.lineHeight = lineHeight;
    }

    /** A measurer with the packaged fonts. */
    public static TextMeasurer defaults() {
        return of(MemoStyle.defaults());
    }

    /** A measurer with a style's fonts and line height. */
    public static TextMeasurer of(MemoStyle style) {
        return new TextMeasurer(Fonts.load(style), style.number("line-height"));
    }

    /** Width in points of {@code text} set on one line (hard line breaks: the widest line). */
    public float width(String text, float fontSize, boolean bold) {
        return prepare(text, fontSize, bold, null).naturalWidth;
    }

    /**
     * The lines {@code text} breaks into at {@code maxWidth} points, each the logical text of
     * the line (without the spaces at the break).
     *
     * @param language BCP 47 tag for line-break rules and the direction of text without strong
     *                 characters; may be null
     */
    public List<String> wrap(String text, float fontSize, boolean bold, float maxWidth, String language) {
        ParagraphSetter.Prepared p = prepare(text, fontSize, bold, language);
        List<String> out = new ArrayList<>();
        for (ParagraphSetter.Line line : ParagraphSetter.lines(p, maxWidth)) {
            out.add(p.para.text.substring(line.start(), line.end()));
        }
        return out;
    }

    /** The distance between baselines the typesetter uses at this size. */
    public float lineHeight(float fontSize) {
        return fontSize * lineHeight;
    }

    private ParagraphSetter.Prepared prepare(String text, float fontSize, boolean bold, String language) {
        if (!(fontSize > 0 && fontSize < 1000)) {
            throw new IllegalArgumentException("Font size must be between 0 and 1000 points, not " + fontSize);
        }
        boolean rtl = Languages.isRightToLeft(language);
        Para para = Para.of(text == null ? "" : text, bold ? Fonts.BOLD : 0, fontSize, lineHeight(fontSize), Para.Align.START,
                null, rtl, Rgb.BLACK);
        ULocale locale = language == null || language.isBlank() ? ULocale.ROOT : Dates.locale(language);
        return ParagraphSetter.prepare(para, fonts, locale);
    }
}
