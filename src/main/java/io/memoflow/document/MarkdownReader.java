package io.memoflow.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Reads a Markdown body (CommonMark with GFM tables) into blocks. Everything is text: links
 * are their text, images their alternative text, raw HTML its source; nothing is fetched or read.
 */
final class MarkdownReader {

    /** Parsers are immutable and thread safe. */
    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private final Theme theme;
    private final boolean documentRtl;
    private final List<Block> out = new ArrayList<>();
    private final float indentUnit;
    /** Whether the text's redline markers are decorations (the CHANGES copy). */
    private final boolean marked;
    private static final int MAX_INDENT_LEVELS = 6;

    private MarkdownReader(Theme theme, boolean documentRtl, boolean marked) {
        this.theme = theme;
        this.documentRtl = documentRtl;
        this.marked = marked;
        this.indentUnit = theme.bodySize * 1.8f;
    }

    static List<Block> read(String markdown, Theme theme, boolean documentRtl) {
        return read(markdown, theme, documentRtl, false);
    }

    /** @param marked true when the redline markers of {@link MemoDocument} are decorations */
    static List<Block> read(String markdown, Theme theme, boolean documentRtl, boolean marked) {
        MarkdownReader reader = new MarkdownReader(theme, documentRtl, marked);
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            reader.block(n, 0, null, false);
        }
        return reader.out;
    }

    /**
     * Only the tables of a body, wherever they stand (in lists and quotes too), as {@link #read}
     * gives them: what checking a draft's layout needs, without setting every paragraph. A table
     * needs a pipe, so a body without one is not parsed at all.
     */
    static List<Block.Table> tables(String markdown, Theme theme, boolean documentRtl) {
        if (markdown == null || markdown.indexOf('|') < 0) {
            return List.of();
        }
        MarkdownReader reader = new MarkdownReader(theme, documentRtl, false);
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(PARSER.parse(markdown));
        while (!pending.isEmpty()) {
            Node n = pending.pop();
            if (n instanceof TableBlock) {
                reader.table(n);
                continue;
            }
            for (Node c = n.getLastChild(); c != null; c = c.getPrevious()) {
                pending.push(c);
            }
        }
        List<Block.Table> tables = new ArrayList<>();
        for (Block b : reader.out) {
            if (b instanceof Block.Table t) {
                tables.add(t);
            }
        }
        return tables;
    }

    /** The list marker for a paragraph: a paragraph of its own, in the direction of the item's text. */
    private Para marker(String text, Para item) {
        if (text == null) {
            return null;
        }
        return Para.of(text, 0, item.size, item.lineHeight, Para.Align.END, item.rtl, documentRtl, theme.text);
    }

    private void block(Node node, int depth, String marker, boolean tight) {
        float indent = Math.min(depth, MAX_INDENT_LEVELS) * indentUnit; // deeper nesting is set at the deepest indent
        float body = theme.bodySize;
        float after = tight ? theme.paragraphSpacing * 0.4f : theme.paragraphSpacing;
        if (node instanceof Heading h) {
            float size = theme.headingSizes[Math.min(h.getLevel(), 3) - 1];
            Para.Builder b = new Para.Builder(marked);
            inline(h, Fonts.BOLD, b);
            if (!b.isEmpty()) {
                Para p = b.build(size, theme.lineHeight(size), Para.Align.START, null, documentRtl, theme.accent);
                out.add(new Block.Text(p, size * 0.9f, size * 0.3f, indent, 0, true, marker(marker, p), "H" + Math.min(h.getLevel(), 6)));
            }
        } else if (node instanceof Paragraph) {
            Para.Builder b = new Para.Builder(marked);
            inline(node, 0, b);
            if (!b.isEmpty()) {
                Para p = b.build(body, theme.lineHeight(body), Para.Align.JUSTIFY, null, documentRtl, theme.text);
                out.add(new Block.Text(p, 0, after, indent, 0, false, marker(marker, p)));
            }
        } else if (node instanceof BulletList || node instanceof OrderedList) {
            boolean ordered = node instanceof OrderedList;
            int number = ordered ? startNumber((OrderedList) node) : 0;
            String delimiter = ordered ? delimiter((OrderedList) node) : "";
            boolean tightList = node instanceof BulletList bl ? bl.isTight() : ((OrderedList) node).isTight();
            for (Node item = node.getFirstChild(); item != null; item = item.getNext()) {
                if (!(item instanceof ListItem)) {
                    continue;
                }
                String m = ordered ? (number++) + delimiter : (depth % 2 == 0 ? "•" : "–");
                boolean first = true;
                for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
                    block(child, depth + 1, first ? m : null, tightList);
                    first = false;
                }
                if (item.getFirstChild() == null) {
                    Para p = Para.of("\u00A0", 0, body, theme.lineHeight(body), Para.Align.START, null, documentRtl, theme.text);
                    out.add(new Block.Text(p, 0, after, indent + indentUnit, 0, false, marker(m, p)));
                }
            }
            if (tightList && !out.isEmpty() && out.get(out.size() - 1) instanceof Block.Text t) {
                out.set(out.size() - 1, new Block.Text(t.para(), t.spaceBefore(), theme.paragraphSpacing, t.indentStart(),
                        t.indentEnd(), t.keepWithNext(), t.marker(), t.tag()));
            }
        } else if (node instanceof BlockQuote) {
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                block(child, depth + 1, marker, tight);
                marker = null;
            }
        } else if (node instanceof FencedCodeBlock f) {
            literal(f.getLiteral(), indent, marker);
        } else if (node instanceof IndentedCodeBlock c) {
            literal(c.getLiteral(), indent, marker);
        } else if (node instanceof HtmlBlock html) {
            literal(html.getLiteral(), indent, marker);
        } else if (node instanceof ThematicBreak) {
            out.add(new Block.Rule(body * 0.4f, body * 0.8f));
        } else if (node instanceof TableBlock) {
            table(node);
        } else {
            // anything else that holds blocks (e.g. from extensions): its children
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                block(child, depth, marker, tight);
                marker = null;
            }
        }
    }

    private void literal(String text, float indent, String marker) {
        if (text == null) {
            return;
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (t.isBlank()) {
            return;
        }
        Para.Builder b = new Para.Builder(marked);
        String[] lines = t.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                b.lineBreak();
            }
            b.append(lines[i], 0);
        }
        float size = theme.bodySize * 0.92f;
        Para p = b.build(size, theme.lineHeight(size), Para.Align.START, null, documentRtl, theme.text);
        out.add(new Block.Text(p, 0, theme.paragraphSpacing, indent, 0, false, marker(marker, p)));
    }

    private void table(Node table) {
        List<List<Para>> rows = new ArrayList<>();
        int headerRows = 0;
        float size = theme.bodySize * 0.92f;
        for (Node section = table.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            if (!(section instanceof TableHead) && !(section instanceof TableBody)) {
                continue;
            }
            for (Node row = section.getFirstChild(); row != null; row = row.getNext()) {
                if (!(row instanceof TableRow)) {
                    continue;
                }
                List<Para> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (!(cell instanceof TableCell tc)) {
                        continue;
                    }
                    Para.Builder b = new Para.Builder(marked);
                    inline(tc, head ? Fonts.BOLD : 0, b);
                    Para.Align align = Para.Align.START;
                    if (tc.getAlignment() == TableCell.Alignment.CENTER) {
                        align = Para.Align.CENTER;
                    } else if (tc.getAlignment() != null) {
                        // GFM alignments are physical: left and right mean the same on the page in both directions
                        boolean right = tc.getAlignment() == TableCell.Alignment.RIGHT;
                        align = right ? Para.Align.END : Para.Align.START;
                        Para probe = b.build(size, theme.lineHeight(size), align, null, documentRtl, theme.text);
                        if (probe.rtl) {
                            align = right ? Para.Align.START : Para.Align.END;
                        }
                    }
                    cells.add(b.build(size, theme.lineHeight(size), align, null, documentRtl, theme.text));
                }
                rows.add(cells);
                if (head) {
                    headerRows++;
                }
            }
        }
        if (!rows.isEmpty()) {
            out.add(new Block.Table(rows, headerRows, theme.bodySize * 0.3f, theme.paragraphSpacing * 1.5f));
        }
    }

    private static int startNumber(OrderedList list) {
        Integer start = list.getMarkerStartNumber();
        return start == null ? 1 : start;
    }

    private static String delimiter(OrderedList list) {
        String d = list.getMarkerDelimiter();
        return d == null ? "." : d;
    }

    /** Collects the text of inline nodes with their styles. */
    static void inline(Node parent, int style, Para.Builder b) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                b.append(t.getLiteral(), style);
            } else if (n instanceof Code c) {
                b.append(c.getLiteral(), style);
            } else if (n instanceof Emphasis) {
                inline(n, style | Fonts.ITALIC, b);
            } else if (n instanceof StrongEmphasis) {
                inline(n, style | Fonts.BOLD, b);
            } else if (n instanceof SoftLineBreak) {
                b.append(" ", style);
            } else if (n instanceof HardLineBreak) {
                b.lineBreak();
            } else if (n instanceof HtmlInline h) {
                b.append(h.getLiteral(), style);
            } else if (n instanceof Link || n instanceof Image) {
                inline(n, style, b); // the visible text only: nothing is ever fetched
            } else {
                inline(n, style, b);
            }
        }
    }
}
