package io.memoflow.document;

import java.util.List;

/**
 * A rendered memorandum: the PDF bytes and the layout facts that signing needs.
 *
 * @param files the files the PDF carries inside it, as the document asked for them
 */
public record RenderedMemo(byte[] pdf, int pageCount, List<SignatureBox> signatureBoxes, List<EmbeddedFile> files) {

    public RenderedMemo {
        signatureBoxes = List.copyOf(signatureBoxes);
        files = List.copyOf(files);
    }

    /** A rendered memorandum that carries no file inside it. */
    public RenderedMemo(byte[] pdf, int pageCount, List<SignatureBox> signatureBoxes) {
        this(pdf, pageCount, signatureBoxes, List.of());
    }
}
