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
}
