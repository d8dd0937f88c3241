package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * Reads an OpenDocument text (.odt) into memoflow's Markdown from its {@code content.xml}, with
 * the JDK's XML parser and every DTD and external entity off (a document that declares a DTD is
 * refused; nothing is ever fetched or read besides the archive's own bytes). Headings
 * ({@code text:h}), lists (numbered or bulleted by their list style), tables (a spanned cell's
 * text in its first cell), bold and italic from the automatic styles, line breaks, and the
 * direction of paragraphs whose style writes right to left. Pictures become a note, text boxes
 * and notes their text. Tracked changes and comments (annotations) are refused.
 */
final class OdtReader {

    static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    static final String STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    static final String DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
    static final String FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    static final String SVG = "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0";
    private static final String WHAT = "The OpenDocument text";

    private record Style(boolean bold, boolean italic, MarkdownText.Dir dir, String parent) {
    }

    private final Map<String, Style> styles = new HashMap<>();
    private final Map<String, Boolean> numberedLists = new HashMap<>();
    private final MarkdownText out = new MarkdownText();

    private OdtReader() {
    }

    static DocumentText read(byte[] bytes, DraftLimits limits) {
        FormatChecks.expectZip(bytes, "an OpenDocument text (.odt)");
        Map<String, byte[]> files = ZipGuard.unpack(bytes, limits, WHAT);
        byte[] mimetype = files.get("mimetype");
        if (files.get("content.xml") == null || mimetype != null
                && !new String(mimetype, StandardCharsets.US_ASCII).startsWith("application/vnd.oasis.opendocument.text")) {
            throw FormatChecks.wrongZip(files, "an OpenDocument text (.odt)", "content.xml");
        }
        Document dom = parse(files.get("content.xml"));
        OdtReader reader = new OdtReader();
        reader.readStyles(dom);
        Element body = first(dom.getDocumentElement(), OFFICE, "body");
        Element text = body == null ? null : first(body, OFFICE, "text");
        if (text == null) {
            throw new RejectedInputException(WHAT + " has no text body (office:text): it is not a text document.",
                    "Submit the memorandum saved from LibreOffice Writer as .odt.");
        }
        reader.refuseChangesAndComments(text);
        reader.blocks(text, 0);
        return new DocumentText(reader.out.markdown(), reader.out.firstHeading(), null, "odt");
    }

    /** The parser: no DTD, no external entities or schemas, secure processing on. */
    static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("DOCTYPE")) {
                throw new RejectedInputException(WHAT + "'s content.xml declares a DTD (<!DOCTYPE ...>), which OpenDocument files"
                        + " do not have and memoflow never reads: it could make the reader fetch or read other files.",
                        "Open the document in LibreOffice Writer, save it again as .odt and submit that.", e);
            }
            throw new RejectedInputException(WHAT + "'s content.xml is not well-formed XML (line " + e.getLineNumber() + ": "
                    + UntrustedText.visible(message) + ").", "Open the document in LibreOffice Writer, save it again as .odt"
                    + " and submit that.", e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new RejectedInputException(WHAT + "'s content.xml cannot be read: " + UntrustedText.visible(String.valueOf(e.getMessage()))
                    + ".", "Open the document in LibreOffice Writer, save it again as .odt and submit that.", e);
        }
    }

    private void readStyles(Document dom) {
        Element automatic = first(dom.getDocumentElement(), OFFICE, "automatic-styles");
        if (automatic == null) {
            return;
        }
        for (Element s : children(automatic)) {
            if (is(s, STYLE, "style")) {
                boolean bold = false;
                boolean italic = false;
                MarkdownText.Dir dir = MarkdownText.Dir.NONE;
                Element tp = first(s, STYLE, "text-properties");
                if (tp != null) {
                    bold = "bold".equals(tp.getAttributeNS(FO, "font-weight")) || tp.getAttributeNS(FO, "font-weight").matches("[6-9]00");
                    italic = "italic".equals(tp.getAttributeNS(FO, "font-style")) || "oblique".equals(tp.getAttributeNS(FO, "font-style"));
                }
                Element pp = first(s, STYLE, "paragraph-properties");
                if (pp != null) {
                    String mode = pp.getAttributeNS(STYLE, "writing-mode");
                    dir = mode.startsWith("rl") ? MarkdownText.Dir.RTL : mode.startsWith("lr") ? MarkdownText.Dir.LTR : MarkdownText.Dir.NONE;
                }
                styles.put(s.getAttributeNS(STYLE, "name"), new Style(bold, italic, dir, s.getAttributeNS(STYLE, "parent-style-name")));
            } else if (is(s, TEXT, "list-style")) {
                Element level = children(s).stream().findFirst().orElse(null);
                numberedLists.put(s.getAttributeNS(STYLE, "name"), level != null && level.getLocalName().equals("list-level-style-number"));
            }
        }
    }

    private void refuseChangesAndComments(Element text) {
        int changes = text.getElementsByTagNameNS(TEXT, "changed-region").getLength();
        if (changes > 0) {
            throw new RejectedInputException(WHAT + " has " + changes + " tracked change" + (changes == 1 ? "" : "s")
                    + " (recorded changes not yet accepted), so which text is the draft would be a guess.",
                    "Accept or reject the tracked changes first (in LibreOffice: Edit > Track Changes > Manage, Accept All"
                            + " or Reject All), then save and submit the document again.");
        }
        int comments = text.getElementsByTagNameNS(OFFICE, "annotation").getLength();
        if (comments > 0) {
            throw new RejectedInputException(WHAT + " has " + comments + " comment" + (comments == 1 ? "" : "s")
                    + "; comments are not part of a memorandum and memoflow does not guess what they mean for the text.",
                    "Resolve the comments and delete them first (in LibreOffice: right-click a comment > Delete All"
                            + " Comments), then save and submit the document again.");
        }
    }

    private void blocks(Element container, int listLevel) {
        for (Element e : children(container)) {
            if (is(e, TEXT, "h")) {
                String level = e.getAttributeNS(TEXT, "outline-level");
                out.heading(level.matches("[1-9]") ? Integer.parseInt(level) : 1, inline(e), dir(e));
            } else if (is(e, TEXT, "p")) {
                out.paragraph(inline(e), dir(e));
                frames(e);
            } else if (is(e, TEXT, "list")) {
                list(e, 0, numberedLists.getOrDefault(e.getAttributeNS(TEXT, "style-name"), false));
            } else if (is(e, TABLE, "table")) {
                table(e);
            } else if (is(e, TEXT, "section") || is(e, TEXT, "index-body") || e.getLocalName().endsWith("-index")) {
                blocks(e, listLevel);
            }
        }
    }

    private void list(Element list, int level, boolean numbered) {
        String own = list.getAttributeNS(TEXT, "style-name");
        if (!own.isEmpty() && numberedLists.containsKey(own)) {
            numbered = numberedLists.get(own);
        }
        int number = 0;
        for (Element item : children(list)) {
            if (!is(item, TEXT, "list-item") && !is(item, TEXT, "list-header")) {
                continue;
            }
            number++;
            boolean first = true;
            for (Element part : children(item)) {
                if (is(part, TEXT, "list")) {
                    list(part, level + 1, numbered);
                } else if (is(part, TEXT, "p") || is(part, TEXT, "h")) {
                    if (first) {
                        out.listItem(level, numbered ? number : 0, inline(part), dir(part));
                        first = false;
                    } else {
                        out.paragraph(inline(part), dir(part));
                    }
                }
            }
        }
    }

    private void table(Element table) {
        List<List<MarkdownText.Inline>> rows = new ArrayList<>();
        collectRows(table, rows);
        out.table(rows);
    }

    private void collectRows(Element parent, List<List<MarkdownText.Inline>> rows) {
        for (Element e : children(parent)) {
            if (is(e, TABLE, "table-row")) {
                List<MarkdownText.Inline> cells = new ArrayList<>();
                for (Element cell : children(e)) {
                    int repeat = intAttr(cell, TABLE, "number-columns-repeated", 1);
                    for (int i = 0; i < Math.min(repeat, 64); i++) {
                        MarkdownText.Inline text = new MarkdownText.Inline();
                        if (is(cell, TABLE, "table-cell")) {
                            for (Element p : children(cell)) {
                                MarkdownText.Inline part = inline(p);
                                if (!part.isBlank()) {
                                    text.add((text.isBlank() ? "" : " ") + part.plain().replace('\n', ' '));
                                }
                            }
                        }
                        if (is(cell, TABLE, "table-cell") || is(cell, TABLE, "covered-table-cell")) {
                            cells.add(text);
                        }
                    }
                }
                rows.add(cells);
            } else if (is(e, TABLE, "table-header-rows") || is(e, TABLE, "table-rows") || is(e, TABLE, "table-row-group")) {
                collectRows(e, rows);
            }
        }
    }

    private MarkdownText.Inline inline(Element e) {
        MarkdownText.Inline text = new MarkdownText.Inline();
        Style style = style(e.getAttributeNS(TEXT, "style-name"));
        inline(e, text, style.bold(), style.italic());
        return text;
    }

    private void inline(Node node, MarkdownText.Inline text, boolean bold, boolean italic) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.add(n.getNodeValue().replaceAll("[\\n\\t\\r ]+", " "), bold, italic);
            } else if (n instanceof Element e) {
                if (is(e, TEXT, "s")) {
                    text.add(" ".repeat(Math.min(intAttr(e, TEXT, "c", 1), 100)), bold, italic);
                } else if (is(e, TEXT, "tab")) {
                    text.add("\t", bold, italic);
                } else if (is(e, TEXT, "line-break")) {
                    text.add("\n", bold, italic);
                } else if (is(e, TEXT, "span")) {
                    Style s = style(e.getAttributeNS(TEXT, "style-name"));
                    inline(e, text, bold || s.bold(), italic || s.italic());
                } else if (is(e, TEXT, "note")) {
                    Element body = first(e, TEXT, "note-body");
                    if (body != null) {
                        text.add(" [note: " + body.getTextContent().replaceAll("\\s+", " ").strip() + "]", bold, italic);
                    }
                } else if (is(e, DRAW, "frame")) {
                    continue; // handled by frames()
                } else if (is(e, OFFICE, "annotation") || is(e, TEXT, "tracked-changes") || e.getLocalName().startsWith("bookmark")) {
                    continue;
                } else {
                    inline(e, text, bold, italic); // links, fields, ruby ...: their text
                }
            }
        }
    }

    /** Pictures and text boxes anchored in a paragraph: a note, and the box's text. */
    private void frames(Element paragraph) {
        var frames = paragraph.getElementsByTagNameNS(DRAW, "frame");
        for (int i = 0; i < frames.getLength(); i++) {
            Element frame = (Element) frames.item(i);
            Element box = first(frame, DRAW, "text-box");
            if (box != null) {
                String t = box.getTextContent().replaceAll("\\s+", " ").strip();
                if (!t.isEmpty()) {
                    out.paragraph(new MarkdownText.Inline().add("[text box: " + t + "]"), MarkdownText.Dir.NONE);
                }
            } else if (first(frame, DRAW, "image") != null || first(frame, DRAW, "object") != null) {
                Element title = first(frame, SVG, "title");
                Element desc = first(frame, SVG, "desc");
                String label = desc != null ? desc.getTextContent().strip() : title != null ? title.getTextContent().strip()
                        : frame.getAttributeNS(DRAW, "name");
                out.note("picture" + (label.isEmpty() ? "" : ": " + label));
            }
        }
    }

    private MarkdownText.Dir dir(Element e) {
        return style(e.getAttributeNS(TEXT, "style-name")).dir();
    }

    private Style style(String name) {
        Style s = styles.get(name);
        return s == null ? new Style(false, false, MarkdownText.Dir.NONE, "") : s;
    }

    private static int intAttr(Element e, String ns, String name, int fallback) {
        String v = e.getAttributeNS(ns, name);
        return v.matches("[0-9]{1,4}") ? Integer.parseInt(v) : fallback;
    }

    private static boolean is(Element e, String ns, String local) {
        return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static Element first(Element parent, String ns, String local) {
        for (Element e : children(parent)) {
            if (is(e, ns, local)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }
}
