package io.memoflow.document;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The logical structure of one render (tagged PDF, PDF/UA): a {@code Document} element holding
 * headings, paragraphs, lists ({@code L}, {@code LI}, {@code Lbl}, {@code LBody}) and tables
 * ({@code Table}, {@code TR}, {@code TH} with a column scope, {@code TD}) in the order the
 * typesetter places them, which is the reading order. The flow opens an element before it draws
 * a block's lines and closes it after; the {@link Canvas} marks what it draws with the open
 * element (a marked-content sequence with an MCID), or as an artifact when none is open (page
 * headers and footers, rules, table grids, the watermark, the letterhead, repeated table
 * headers). Not thread safe: one instance per render.
 */
final class StructureTree {

    /** A structure element: its type, parent, language when it differs from its parent's, and kids in order. */
    static final class Element {
        final String type;
        final Element parent;
        final String lang;
        final List<Object> kids = new ArrayList<>();
        /** A table header cell's scope, or null. */
        String scope;
        /** The object number once written. */
        int object;

        Element(String type, Element parent, String lang) {
            this.type = type;
            this.parent = parent;
            this.lang = lang;
        }
    }

    /** A marked-content sequence on a page, a kid of an element. */
    record Marked(Canvas page, int mcid) {
    }

    /** An open entry that marks what is drawn as an artifact (a repeated table header). */
    private static final Element ARTIFACT = new Element("Artifact", null, null);

    final Element document;
    private final String language;
    private final Deque<Element> open = new ArrayDeque<>();
    /** Lists being built, innermost last, each with the start indent of its items. */
    private final Deque<Element> lists = new ArrayDeque<>();
    private final Deque<Float> listIndents = new ArrayDeque<>();
    private Element lastItem;
    private Element table;
    private final Map<Integer, Element> rows = new HashMap<>();
    private final Map<Long, Element> cells = new HashMap<>();
    private int lastHeading;

    /** @param language the document's primary language (BCP 47), the catalog's /Lang */
    StructureTree(String language) {
        this.language = language;
        this.document = new Element("Document", null, null);
    }

    /** The element what the canvas draws now belongs to, or null: an artifact. */
    Element current() {
        Element e = open.peekLast();
        return e == ARTIFACT ? null : e;
    }

    /** Opens the element of a block of text: a heading, a paragraph, or a list item's body (in its list). */
    void block(Block.Text b) {
        String lang = language(b.para());
        if (b.marker() != null) {
            listItem(b.indentStart(), lang);
            return;
        }
        closeLists();
        String type = b.tag() != null ? b.tag() : b.keepWithNext() ? "H1" : "P";
        if (type.length() == 2 && type.charAt(0) == 'H' && Character.isDigit(type.charAt(1))) {
            // no level skipped (PDF/UA): a third-level heading under a first-level one is the second level
            int level = Math.min(type.charAt(1) - '0', lastHeading + 1);
            lastHeading = level;
            type = "H" + level;
        }
        open.addLast(add(document, type, lang));
    }

    private void listItem(float indent, String lang) {
        while (!listIndents.isEmpty() && listIndents.peekLast() > indent + Flow.EPS) {
            lists.removeLast();
            listIndents.removeLast();
        }
        if (lists.isEmpty() || listIndents.peekLast() < indent - Flow.EPS) {
            // a new list: in the document, or nested in the body of the item it follows
            Element parent = lists.isEmpty() || lastItem == null ? document : (Element) lastItem.kids.get(1);
            lists.addLast(add(parent, "L", null));
            listIndents.addLast(indent);
        }
        Element item = add(lists.peekLast(), "LI", null);
        add(item, "Lbl", null);
        open.addLast(item);
        open.addLast(add(item, "LBody", lang));
        lastItem = item;
    }

    private void closeLists() {
        lists.clear();
        listIndents.clear();
        lastItem = null;
    }

    /** Opens the label of the list item whose body is open (its marker is drawn now). */
    void label() {
        Element body = open.peekLast();
        if (body != null && "LBody".equals(body.type)) {
            open.addLast((Element) body.parent.kids.get(0));
        } else {
            open.addLast(ARTIFACT);
        }
    }

    /** Opens a paragraph in the document (e.g. a party's line on the signature page). */
    void paragraph(Para para) {
        closeLists();
        open.addLast(add(document, "P", language(para)));
    }

    /** Opens a table; its rows and cells come with {@link #cell}. */
    void table() {
        closeLists();
        table = add(document, "Table", null);
        rows.clear();
        cells.clear();
        open.addLast(table);
    }

    /**
     * Opens a table cell as it is drawn. A body row split over pages is one row; a header row
     * drawn again on a following page is an artifact (the structure holds it once).
     */
    void cell(int row, int column, boolean header, Para para) {
        long key = ((long) row << 32) | column;
        Element cell = cells.get(key);
        if (cell != null && header) {
            open.addLast(ARTIFACT);
            return;
        }
        if (cell == null) {
            Element tr = rows.computeIfAbsent(row, r -> add(table == null ? document : table, "TR", null));
            cell = add(tr, header ? "TH" : "TD", para == null ? null : language(para));
            if (header) {
                cell.scope = "Column";
            }
            cells.put(key, cell);
        }
        open.addLast(cell);
    }

    /** Closes what the last {@code block}, {@code label}, {@code paragraph}, {@code table} or {@code cell} opened. */
    void close() {
        Element e = open.removeLast();
        if (e != null && "LBody".equals(e.type) && !open.isEmpty() && open.peekLast() == e.parent) {
            open.removeLast(); // the list item
        }
        if (e == table) {
            table = null;
        }
    }

    private static Element add(Element parent, String type, String lang) {
        Element e = new Element(type, parent, lang);
        parent.kids.add(e);
        return e;
    }

    /** The paragraph's language when it differs from the document's, else null. */
    private String language(Para para) {
        Script script = new Script();
        script.add(para.text);
        boolean documentArabic = language.startsWith("ar");
        if (script.arabic > script.latin) {
            return documentArabic ? null : "ar";
        }
        if (script.latin == 0 || !documentArabic) {
            return null;
        }
        return script.french ? "fr" : "en";
    }

    /**
     * The language of a run of text drawn in an element, when it is in another script than the
     * element's language (an English name in an Arabic paragraph): the /Lang of a span around
     * it; else null.
     */
    String runLanguage(Element element, ShapedRun run) {
        if (element == null) {
            return null;
        }
        String own = language;
        for (Element e = element; e != null; e = e.parent) {
            if (e.lang != null) {
                own = e.lang;
                break;
            }
        }
        Script script = new Script();
        for (String t : run.text) {
            if (t != null) {
                script.add(t);
            }
        }
        boolean arabic = own.startsWith("ar");
        if (script.arabic > 0 && script.latin == 0 && !arabic) {
            return "ar";
        }
        if (script.latin > 0 && script.arabic == 0 && arabic) {
            return script.french ? "fr" : "en";
        }
        return null;
    }

    /** Counts of Arabic and Latin letters, and whether a letter only French uses among these appeared. */
    private static final class Script {
        int arabic;
        int latin;
        boolean french;

        void add(String t) {
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= 0x0600 && c <= 0x06FF || c >= 0x0750 && c <= 0x077F || c >= 0xFB50 && c <= 0xFEFF) {
                    arabic++;
                } else if (Character.isLetter(c) && c < 0x0250) {
                    latin++;
                    french |= "éèêàçôûîùœÉÈÀÇ".indexOf(c) >= 0;
                }
            }
        }
    }
}
