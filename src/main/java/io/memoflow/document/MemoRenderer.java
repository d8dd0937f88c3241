package io.memoflow.document;

import java.util.List;

/**
 * Turns a memorandum into PDF pages. Implementations are thread safe: one instance serves
 * parallel renders, and the same input gives byte-identical output.
 */
public interface MemoRenderer {

    RenderedMemo render(MemoDocument document);

    /**
     * Renders the appearance of a visible signature: a one-page PDF exactly {@code width} x
     * {@code height} points, holding the given lines (e.g. the signatory's name, "Signed on
     * ..."), each shaped and set in its own direction, fonts embedded. The signer imports this
     * page as the signature's appearance stream.
     */
    byte[] renderStamp(List<String> lines, String language, float width, float height);

    /**
     * The characters of a text that no font of this renderer has (neither the style's fonts nor
     * its fallback chain), each once, named like {@code U+1F9FF NAZAR AMULET}: they would print
     * as empty boxes. Spaces, controls and invisible characters are never named.
     */
    default List<String> unprintable(String text) {
        return List.of();
    }

    /**
     * Checks that a draft's body can be typeset (its tables fit the page, in smaller type or on
     * landscape pages if need be), before it is accepted.
     *
     * @throws IllegalArgumentException saying in plain words what does not fit and what to change
     */
    default void checkLayout(String body, String language) {
    }
}
