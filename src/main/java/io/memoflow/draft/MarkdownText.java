package io.memoflow.draft;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds memoflow's Markdown from a document read by a format reader: headings as {@code #},
 * list items, GFM tables and paragraphs, with every character the document had kept as text
 * (Markdown syntax characters are escaped, so that a {@code *} typed in Word stays a
 * {@code *}). A paragraph whose direction the document sets (Word's {@code w:bidi}, HTML's
 * {@code dir}, OpenDocument's writing mode) but whose text starts with a letter of the other
 * direction begins with a direction mark (U+200F or U+200E), so it is typeset in the direction
 * the document gave it. A document may begin with YAML front matter typed as its first
 * paragraphs between {@code ---} lines: those lines are kept as typed.
 */
final class MarkdownText {

    /** A paragraph's direction as the document sets it. */
    enum Dir { RTL, LTR, NONE }

    /** The text of a paragraph, in runs of the same emphasis. */
    static final class Inline {
        private final StringBuilder md = new StringBuilder();
        private final StringBuilder plain = new StringBuilder();
        private final StringBuilder pending = new StringBuilder();
        private boolean bold;
        private boolean italic;

        /** Adds text; {@code \n} is a line break inside the paragraph. */
        Inline add(String text, boolean bold, boolean italic) {
            if (text == null || text.isEmpty()) {
                return this;
            }
            if (pending.length() > 0 && (bold != this.bold || italic != this.italic)) {
                flush();
            }
            this.bold = bold;
            this.italic = italic;
            pending.append(text);
            plain.append(text);
            return this;
        }

        Inline add(String text) {
            return add(text, false, false);
        }

        private void flush() {
            String t = pending.toString();
            pending.setLength(0);
            String[] lines = t.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    md.append("\\\n");
                }
                emphasised(lines[i]);
            }
        }

        private void emphasised(String t) {
            String marks = bold && italic ? "***" : bold ? "**" : italic ? "*" : "";
            int start = 0;
            int end = t.length();
            while (start < end && Character.isWhitespace(t.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(t.charAt(end - 1))) {
                end--;
            }
            if (marks.isEmpty() || start == end) {
                md.append(escape(t));
                return;
            }
            md.append(escape(t.substring(0, start))).append(marks).append(escape(t.substring(start, end))).append(marks)
                    .append(escape(t.substring(end)));
        }

        String markdown() {
            flush();
            return md.toString();
        }

        String plain() {
            return plain.toString();
        }

        /** A copy of this text, which is then emptied. */
        Inline copyAndClear() {
            Inline copy = new Inline();
            flush();
            copy.md.append(md);
            copy.plain.append(plain);
            md.setLength(0);
            plain.setLength(0);
            return copy;
        }

        boolean isBlank() {
            return !DraftParser.hasVisibleText(plain.toString());
        }
    }

    private record Block(String markdown, String plain, boolean listItem) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private String firstHeading;

    void heading(int level, Inline text, Dir dir) {
        if (text.isBlank()) {
            return;
        }
        if (firstHeading == null) {
            firstHeading = text.plain().replaceAll("\\s+", " ").strip();
        }
        String md = oneLine(text.markdown());
        blocks.add(new Block("#".repeat(Math.max(1, Math.min(6, level))) + " " + directed(md, text.plain(), dir), text.plain(), false));
    }

    void paragraph(Inline text, Dir dir) {
        if (text.isBlank()) {
            return;
        }
        blocks.add(new Block(lines(directed(text.markdown(), text.plain(), dir)), text.plain(), false));
    }

    /** A note memoflow adds for something it cannot show as text (a picture, an embedded object). */
    void note(String note) {
        blocks.add(new Block(escape("[" + note + "]"), "[" + note + "]", false));
    }

    /**
     * A list item.
     *
     * @param level  0 for the outer list
     * @param number its number in an ordered list, or 0 for a bullet
     */
    void listItem(int level, int number, Inline text, Dir dir) {
        String marker = number > 0 ? number + ". " : "- ";
        String indent = "    ".repeat(Math.max(0, Math.min(8, level)));
        String md = text.isBlank() ? "" : directed(text.markdown(), text.plain(), dir);
        String body = lines(md).replace("\n", "\n" + indent + " ".repeat(marker.length()));
        blocks.add(new Block(indent + marker + body, text.plain(), true));
    }

    /** A table; the first row is its header. Each row is padded to the widest. */
    void table(List<List<Inline>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        if (columns == 0) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        StringBuilder plain = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            sb.append('|');
            for (int c = 0; c < columns; c++) {
                Inline cell = c < rows.get(r).size() ? rows.get(r).get(c) : null;
                String md = cell == null ? "" : oneLine(cell.markdown());
                sb.append(' ').append(md).append(" |");
                if (cell != null) {
                    plain.append(cell.plain()).append('\t');
                }
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|').append(" --- |".repeat(columns)).append('\n');
            }
            plain.append('\n');
        }
        blocks.add(new Block(sb.toString().stripTrailing(), plain.toString(), false));
    }

    String firstHeading() {
        return firstHeading;
    }

    /** The Markdown text: front matter typed as the first paragraphs kept as typed, then the blocks. */
    String markdown() {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        if (!blocks.isEmpty() && blocks.get(0).plain().strip().equals("---")) {
            sb.append("---\n");
            from = 1;
            while (from < blocks.size()) {
                String plain = blocks.get(from).plain().replace('\u00A0', ' ');
                from++;
                String stripped = plain.strip();
                if (stripped.equals("---") || stripped.equals("...")) {
                    sb.append("---\n");
                    break;
                }
                sb.append(plain.stripTrailing()).append('\n');
            }
        }
        Block previous = null;
        for (int i = from; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (previous != null) {
                sb.append(previous.listItem() && b.listItem() ? "\n" : "\n\n");
            }
            sb.append(b.markdown());
            previous = b;
        }
        return sb.append('\n').toString();
    }

    private static String directed(String md, String plain, Dir dir) {
        md = md.stripLeading();
        if (dir == Dir.NONE) {
            return md;
        }
        Boolean rtl = firstStrongIsRtl(plain);
        if (rtl == null) {
            return md;
        }
        if (dir == Dir.RTL && !rtl) {
            return "\u200F" + md;
        }
        if (dir == Dir.LTR && rtl) {
            return "\u200E" + md;
        }
        return md;
    }

    /** True when the first strong character is right to left, false when left to right, null when none. */
    static Boolean firstStrongIsRtl(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
            if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                return false;
            }
        }
        return null;
    }

    private static String oneLine(String md) {
        return md.replace("\\\n", " ").replace("\n", " ");
    }

    /** Each line without the spaces around it, so that none becomes a code block or a hard break by accident. */
    private static String lines(String md) {
        String[] parts = md.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(parts[i].strip());
        }
        return sb.toString();
    }

    /** Text as Markdown that shows exactly this text: syntax characters escaped, also at the start of a line. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                continue;
            }
            if (c == '\n') {
                sb.append(c);
                lineStart = true;
                continue;
            }
            if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
                sb.append('\\');
            } else if (lineStart && "#-+=".indexOf(c) >= 0) {
                sb.append('\\');
            } else if (lineStart && Character.isDigit(c)) {
                int j = i;
                while (j < text.length() && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                sb.append(text, i, j);
                if (j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')')) {
                    sb.append('\\').append(text.charAt(j));
                    j++;
                }
                i = j - 1;
                lineStart = false;
                continue;
            }
            sb.append(c);
            if (!Character.isWhitespace(c)) {
                lineStart = false;
            }
        }
        return sb.toString();
    }
}
