/**
 * Memoranda as PDF: the typesetter ({@link io.memoflow.document.Typesetter}, implementing
 * {@link io.memoflow.document.MemoRenderer}) turns a {@link io.memoflow.document.MemoDocument}
 * into a {@link io.memoflow.document.RenderedMemo}: the PDF, and the
 * {@link io.memoflow.document.SignatureBox} left empty for each party's visible signature. Also
 * its style ({@link io.memoflow.document.MemoStyle}), the fixed wording per language, and a text
 * measurer for others ({@link io.memoflow.document.TextMeasurer}). No Camel here.
 *
 * <h2>How text is set</h2>
 * <ol>
 * <li>The Markdown body is parsed with CommonMark and GFM tables; everything is text (links are
 *     their text, images their alternative text, HTML its source).</li>
 * <li>Each paragraph gets a direction: from its first strong character (the Unicode bidi
 *     algorithm's rule), else the document's language. ICU's Bidi resolves it, with numbers,
 *     references, e-mail and web addresses and phone numbers in right-to-left paragraphs held at
 *     a left-to-right embedding level so they keep their order.</li>
 * <li>Each visual run of the paragraph (split where the font changes) is shaped once with
 *     {@code java.awt.Font.layoutGlyphVector} (HarfBuzz inside the JDK), in its direction, with
 *     the whole paragraph as context, ligatures and kerning on. Lines break at ICU line-break
 *     opportunities using the shaped widths; each line's visual runs take their glyphs from that
 *     shaping (a run is shaped anew only if a cluster crosses the line's edge). Body text is
 *     justified by widening spaces.</li>
 * <li>Fonts are written as Type0 / CIDFontType2 subsets made by memoflow's own subsetter
 *     ({@code FontSubset}: the glyphs used, their components, and a copy of a glyph for each
 *     advance /W gives it that differs from the font's): one CID per distinct (glyph, text, advance), /W with the shaped advance, a CIDToGIDMap and a ToUnicode
 *     CMap from the shaper's clusters. A cluster's text is carried by the glyph of its first
 *     character (a ligature carries all its characters); marks the shaper moves off the baseline
 *     or sets with an inserted kashida are folded into their base's text and drawn with a text
 *     rise but no text; right-to-left texts of several characters are stored in visual order,
 *     as poppler expects.</li>
 * </ol>
 * Renders share only immutable state (fonts, with the tables subsets are made of parsed once;
 * style). PDF dates and the file identifier come from the memorandum, so output is
 * byte-for-byte reproducible.
 */
package io.memoflow.document;
