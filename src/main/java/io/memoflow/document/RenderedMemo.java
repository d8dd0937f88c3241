package io.memoflow.document;

import java.util.List;

/** A rendered memorandum: the PDF bytes and the layout facts that signing needs. */
public record RenderedMemo(byte[] pdf, int pageCount, List<SignatureBox> signatureBoxes) {
    public RenderedMemo {
        signatureBoxes = List.copyOf(signatureBoxes);
    }
}
