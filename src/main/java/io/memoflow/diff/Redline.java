package io.memoflow.diff;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The difference between two versions of a text, paragraph by paragraph, in the order of the
 * new version; a paragraph that is only in the old version stands where it stood relative to
 * its neighbours.
 */
public record Redline(List<Paragraph> paragraphs) {

    public Redline {
        paragraphs = List.copyOf(paragraphs);
    }

    /** What happened to a paragraph. */
    public enum Change {
        /** Word for word the same, in the same place. */
        SAME,
        /** Edited: some of its words deleted or inserted. */
        CHANGED,
        /** Only in the new version. */
        INSERTED,
        /** Only in the old version. */
        DELETED,
        /** Moved to another place, possibly also edited. */
        MOVED
    }

    /** What happened to a run of words. */
    public enum Kind { SAME, DELETED, INSERTED }

    /**
     * A word as typed and the white space before it (as typed in its version).
     */
    public record Piece(Kind kind, String space, String word) {
    }

    /**
     * A paragraph.
     *
     * @param oldNumber its number (1-based) in the old version, 0 when it is new
     * @param newNumber its number (1-based) in the new version, 0 when it was deleted
     */
    public record Paragraph(Change change, List<Piece> pieces, int oldNumber, int newNumber) {
        public Paragraph {
            pieces = List.copyOf(pieces);
        }

        /** True when any of its words was deleted or inserted. */
        public boolean edited() {
            return pieces.stream().anyMatch(p -> p.kind() != Kind.SAME);
        }
    }

    /** Paragraphs changed, inserted, deleted or moved. */
    public int changedParagraphs() {
        return (int) paragraphs.stream().filter(p -> p.change() != Change.SAME).count();
    }

    public int deletedWords() {
        return count(Kind.DELETED);
    }

    public int insertedWords() {
        return count(Kind.INSERTED);
    }

    public int movedParagraphs() {
        return (int) paragraphs.stream().filter(p -> p.change() == Change.MOVED).count();
    }

    private int count(Kind kind) {
        int n = 0;
        for (Paragraph p : paragraphs) {
            for (Piece piece : p.pieces()) {
                if (piece.kind() == kind) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The markers a rendering puts around deleted and inserted words, and how it names a move. */
    public interface Markers {
        String deletedStart();

        String deletedEnd();

        String insertedStart();

        String insertedEnd();

        /** The note put before a moved paragraph (already marked up), e.g. "[moved from paragraph 3] ". */
        String moved(int fromNumber);
    }

    /** Markers for plain text: [-deleted-] {+inserted+}, and [moved from paragraph N]. */
    public static final Markers PLAIN = new Markers() {
        public String deletedStart() {
            return "[-";
        }

        public String deletedEnd() {
            return "-]";
        }

        public String insertedStart() {
            return "{+";
        }

        public String insertedEnd() {
            return "+}";
        }

        public String moved(int fromNumber) {
            return "[moved from paragraph " + fromNumber + "] ";
        }
    };

    /**
     * The new version's text with the deleted words put back where they were, each run of
     * deleted or inserted words on a line between markers (a Markdown line's leading block
     * syntax, such as "#", "-" or "1.", and table bars are left outside them so that the line
     * keeps its structure), paragraphs separated by a blank line.
     */
    public String render(Markers m) {
        StringBuilder sb = new StringBuilder();
        for (Paragraph p : paragraphs) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            if (p.change() == Change.MOVED) {
                sb.append(m.moved(p.oldNumber()));
            }
            Kind open = null;
            boolean first = true;
            boolean lineStart = true;
            for (Piece piece : p.pieces()) {
                String space = piece.space();
                if (first) {
                    space = "";
                } else if (piece.kind() == Kind.DELETED && p.change() != Change.DELETED && space.indexOf('\n') >= 0) {
                    space = " "; // a deleted word set inside the new text's line, not making a line of its own
                }
                boolean newLine = first || space.indexOf('\n') >= 0;
                lineStart = newLine || lineStart;
                boolean syntax = "|".equals(piece.word()) || lineStart && BLOCK_SYNTAX.matcher(piece.word()).matches();
                lineStart = lineStart && syntax; // "1." then "-" may both lead a line
                Kind kind = syntax ? Kind.SAME : piece.kind();
                if (open != null && (open != kind || newLine)) {
                    sb.append(open == Kind.DELETED ? m.deletedEnd() : m.insertedEnd());
                    open = null;
                }
                sb.append(space);
                if (open == null && kind != Kind.SAME) {
                    sb.append(kind == Kind.DELETED ? m.deletedStart() : m.insertedStart());
                    open = kind;
                }
                sb.append(piece.word());
                first = false;
            }
            if (open != null) {
                sb.append(open == Kind.DELETED ? m.deletedEnd() : m.insertedEnd());
            }
        }
        return sb.toString();
    }

    private static final Pattern BLOCK_SYNTAX = Pattern.compile("#{1,6}|[-*+>|]|\\d{1,9}[.)]");
}
