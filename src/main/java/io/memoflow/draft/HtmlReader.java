package io.memoflow.draft;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an HTML page (.html, .htm) with jsoup into memoflow's Markdown: headings, lists,
 * tables, bold and italic, line breaks, paragraphs in the direction their {@code dir} gives,
 * the language from {@code lang}. Scripts, styles, forms, frames and embedded objects are
 * ignored; pictures become a note with their alternative text; nothing is ever fetched (jsoup
 * only parses the text it is given). The title is the page's {@code <title>}, else its first
 * heading.
 */
final class HtmlReader {

    private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "iframe", "frame", "frameset",
            "object", "embed", "applet", "svg", "math", "head", "button", "select", "input", "textarea", "form", "nav",
            "audio", "video", "canvas", "link", "meta");
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table",
            "blockquote", "section", "article", "main", "header", "footer", "aside", "pre", "hr", "dl", "dt", "dd", "figure",
            "figcaption", "address", "center", "body", "tr", "td", "th", "thead", "tbody", "tfoot", "caption");

    private final MarkdownText out = new MarkdownText();

    private HtmlReader() {
    }

    static DocumentText read(String html) {
        Document doc = Jsoup.parse(html, "");
        HtmlReader reader = new HtmlReader();
        MarkdownText.Inline pending = new MarkdownText.Inline();
        reader.container(doc.body(), pending, 0);
        reader.flush(pending, doc.body());
        String title = doc.title();
        String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
        if (lang.isEmpty()) {
            lang = doc.body().attr("lang");
        }
        String primary = lang.toLowerCase(Locale.ROOT).split("[-_]")[0];
        return new DocumentText(reader.out.markdown(), DraftParser.hasVisibleText(title) ? title.strip() : reader.out.firstHeading(),
                primary.matches("[a-z]{2,3}") ? primary : null, "html");
    }

    private void container(Element parent, MarkdownText.Inline pending, int listLevel) {
        for (Node n : parent.childNodes()) {
            if (n instanceof TextNode t) {
                pending.add(t.text().replaceAll("\\s+", " "));
            } else if (n instanceof Element e) {
                String tag = e.normalName();
                if (SKIP.contains(tag)) {
                    continue;
                }
                if (!BLOCKS.contains(tag)) {
                    inline(e, pending, false, false);
                    continue;
                }
                flush(pending, parent);
                switch (tag) {
                    case "h1", "h2", "h3", "h4", "h5", "h6" -> out.heading(tag.charAt(1) - '0', inlineOf(e), dir(e));
                    case "ul", "ol" -> list(e, listLevel);
                    case "table" -> table(e);
                    case "hr" -> { }
                    case "pre" -> out.paragraph(new MarkdownText.Inline().add(e.wholeText()), dir(e));
                    default -> {
                        if (e.children().stream().anyMatch(c -> BLOCKS.contains(c.normalName()))) {
                            container(e, pending, listLevel);
                            flush(pending, e);
                        } else {
                            out.paragraph(inlineOf(e), dir(e));
                        }
                    }
                }
            }
        }
    }

    private void flush(MarkdownText.Inline pending, Element context) {
        if (!pending.isBlank()) {
            out.paragraph(pending.copyAndClear(), dir(context));
        } else {
            pending.copyAndClear();
        }
    }

    private void list(Element list, int level) {
        boolean ordered = list.normalName().equals("ol");
        int number = ordered && list.attr("start").matches("[0-9]{1,6}") ? Integer.parseInt(list.attr("start")) - 1 : 0;
        for (Element item : list.children()) {
            if (!item.normalName().equals("li")) {
                continue;
            }
            number++;
            MarkdownText.Inline text = new MarkdownText.Inline();
            List<Element> nested = new ArrayList<>();
            for (Node n : item.childNodes()) {
                if (n instanceof TextNode t) {
                    text.add(t.text().replaceAll("\\s+", " "));
                } else if (n instanceof Element e) {
                    if (e.normalName().equals("ul") || e.normalName().equals("ol")) {
                        nested.add(e);
                    } else if (!SKIP.contains(e.normalName())) {
                        if (BLOCKS.contains(e.normalName()) && !text.isBlank()) {
                            text.add(" ");
                        }
                        inline(e, text, false, false);
                    }
                }
            }
            out.listItem(level, ordered ? number : 0, text, dir(item));
            for (Element e : nested) {
                list(e, level + 1);
            }
        }
    }

    private void table(Element table) {
        List<List<MarkdownText.Inline>> rows = new ArrayList<>();
        for (Element row : table.select("tr")) {
            if (row.closest("table") != table) {
                continue;
            }
            List<MarkdownText.Inline> cells = new ArrayList<>();
            for (Element cell : row.children()) {
                if (!cell.normalName().equals("td") && !cell.normalName().equals("th")) {
                    continue;
                }
                MarkdownText.Inline text = new MarkdownText.Inline();
                inline(cell, text, false, false);
                cells.add(text);
                int span = cell.attr("colspan").matches("[0-9]{1,2}") ? Integer.parseInt(cell.attr("colspan")) : 1;
                for (int i = 1; i < span; i++) {
                    cells.add(new MarkdownText.Inline());
                }
            }
            rows.add(cells);
        }
        out.table(rows);
    }

    private MarkdownText.Inline inlineOf(Element e) {
        MarkdownText.Inline text = new MarkdownText.Inline();
        inline(e, text, false, false);
        return text;
    }

    private void inline(Element e, MarkdownText.Inline text, boolean bold, boolean italic) {
        String tag = e.normalName();
        if (SKIP.contains(tag)) {
            return;
        }
        if (tag.equals("br")) {
            text.add("\n", bold, italic);
            return;
        }
        if (tag.equals("img")) {
            String alt = e.attr("alt").strip();
            text.add(" [picture" + (alt.isEmpty() ? "" : ": " + alt) + "] ", bold, italic);
            return;
        }
        boolean b = bold || tag.equals("b") || tag.equals("strong");
        boolean i = italic || tag.equals("i") || tag.equals("em");
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t) {
                text.add(t.text().replaceAll("\\s+", " "), b, i);
            } else if (n instanceof Element child) {
                if (BLOCKS.contains(child.normalName()) && !text.isBlank()) {
                    text.add(" ", b, i);
                }
                inline(child, text, b, i);
            }
        }
    }

    private static MarkdownText.Dir dir(Element e) {
        for (Element at = e; at != null; at = at.parent()) {
            String d = at.attr("dir").toLowerCase(Locale.ROOT);
            if (d.equals("rtl")) {
                return MarkdownText.Dir.RTL;
            }
            if (d.equals("ltr")) {
                return MarkdownText.Dir.LTR;
            }
        }
        return MarkdownText.Dir.NONE;
    }
}
