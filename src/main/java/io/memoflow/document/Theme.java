package io.memoflow.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

/** A {@link MemoStyle} resolved once: numbers parsed, fonts and letterhead loaded. Immutable. */
final class Theme {

    final MemoStyle style;
    final Fonts fonts;
    final float pageWidth;
    final float pageHeight;
    final float marginTop;
    final float marginBottom;
    final float marginInner;
    final float marginOuter;
    final float bodySize;
    final float titleSize;
    final float[] headingSizes;
    final float smallSize;
    /** The smallest type a table too wide for the page is set in before it goes on landscape pages. */
    final float tableMinimumSize;
    final float lineHeight;
    final float paragraphSpacing;
    final Rgb text;
    final Rgb accent;
    final Rgb muted;
    final ImageResource letterhead;
    final float letterheadHeight;
    final boolean letterheadOnAllPages;
    final String headerText;
    final String footerText;
    final String footerPage;
    final ZoneId zone;
    final float signatureHeight;
    final float watermarkOpacity;

    Theme(MemoStyle style) {
        this.style = style;
        this.fonts = Fonts.load(style);
        float[] size = style.pageSize();
        pageWidth = size[0];
        pageHeight = size[1];
        marginTop = style.length("page.margin.top");
        marginBottom = style.length("page.margin.bottom");
        marginInner = style.length("page.margin.inner");
        marginOuter = style.length("page.margin.outer");
        bodySize = style.number("size.body");
        titleSize = style.number("size.title");
        headingSizes = new float[] {style.number("size.heading1"), style.number("size.heading2"), style.number("size.heading3")};
        smallSize = style.number("size.small");
        tableMinimumSize = style.number("size.table-minimum");
        lineHeight = style.number("line-height");
        paragraphSpacing = style.length("paragraph.spacing");
        text = style.color("color.text");
        accent = style.color("color.accent");
        muted = style.color("color.muted");
        Path image = style.file("letterhead.image");
        if (image != null) {
            try {
                letterhead = ImageResource.load(Files.readAllBytes(image), image.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("The letterhead image " + image + " (style key letterhead.image) could not be read: "
                        + e + ". Check the path, or remove the key.", e);
            }
        } else {
            letterhead = null;
        }
        letterheadHeight = style.length("letterhead.height");
        letterheadOnAllPages = style.get("letterhead.pages").equals("all");
        headerText = style.get("header.text");
        footerText = style.get("footer.text");
        footerPage = style.get("footer.page");
        zone = style.zone();
        signatureHeight = style.length("signature.height");
        watermarkOpacity = style.number("watermark.opacity");
        if (pageWidth - marginInner - marginOuter < 144 || pageHeight - marginTop - marginBottom < 200) {
            throw new IllegalArgumentException("The style's margins leave too little room on the page (less than 2in wide or "
                    + "about 3in high). Reduce page.margin.* or use a larger page.size.");
        }
    }

    float lineHeight(float size) {
        return size * lineHeight;
    }
}
