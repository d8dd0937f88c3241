package io.memoflow.document;

import java.util.List;

/** A block of the body as the layout sees it: text, table, rule. */
sealed interface Block {

    /**
     * A paragraph (or heading, list item, quote): set at the frame width minus the indents.
     *
     * @param marker        list marker hung in the start indent of the first line, or null
     * @param keepWithNext  a heading: never the last thing on a page
     * @param tag           its structure type in the tagged PDF ("H1"... "H6", "P"), or null: a list item
     *                      when it has a marker, else "H1" when kept with the next block, else "P"
     */
    record Text(Para para, float spaceBefore, float spaceAfter, float indentStart, float indentEnd, boolean keepWithNext,
                Para marker, String tag) implements Block {

        Text(Para para, float spaceBefore, float spaceAfter, float indentStart, float indentEnd, boolean keepWithNext,
             Para marker) {
            this(para, spaceBefore, spaceAfter, indentStart, indentEnd, keepWithNext, marker, null);
        }
    }

    /**
     * A table; rows of cells (one paragraph each), the first {@code headerRows} repeated on every
     * page the table runs onto. Columns run in the document's direction (mirrored in Arabic).
     */
    record Table(List<List<Para>> rows, int headerRows, float spaceBefore, float spaceAfter) implements Block {
    }

    /** A horizontal rule. */
    record Rule(float spaceBefore, float spaceAfter) implements Block {
    }
}
