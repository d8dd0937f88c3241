package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ooxml.util.POIXMLUnits;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.IRunElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFootnote;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFPicture;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.xmlbeans.XmlCursor;
import org.apache.xmlbeans.XmlObject;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Word document (.docx, Office Open XML) with Apache POI into memoflow's Markdown.
 * Headings come from heading styles ("heading 1" ... and "Title"), numbered and bulleted
 * lists from Word's numbering, tables as GFM tables (a merged cell's text in its first cell),
 * bold and italic as emphasis, line breaks as line breaks, paragraph direction from
 * {@code w:bidi}. Pictures become a note "[picture: ...]", text boxes, content controls and
 * footnotes their text, fields their shown result. Tracked changes and comments are refused:
 * which text is the draft would be a guess.
 */
final class DocxReader {

    private static final String W = "declare namespace w='http://schemas.openxmlformats.org/wordprocessingml/2006/main' ";
    private static final Pattern HEADING = Pattern.compile("(?:heading|berschrift|titre)\\s*([1-6])");
    private static final String WHAT = "The Word document";

    private DocxReader() {
    }

    static DocumentText read(byte[] bytes, DraftLimits limits) {
        FormatChecks.expectZip(bytes, "a Word document (.docx)");
        Map<String, byte[]> files = ZipGuard.unpack(bytes, limits, WHAT);
        if (!files.containsKey("word/document.xml") || !files.containsKey("[Content_Types].xml")) {
            throw FormatChecks.wrongZip(files, "a Word document (.docx)", "word/document.xml");
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            refuseTrackedChangesAndComments(doc, files);
            MarkdownText out = new MarkdownText();
            Map<String, Integer> counters = new HashMap<>();
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    paragraph(doc, p, out, counters);
                } else if (element instanceof XWPFTable t) {
                    table(t, out);
                    counters.clear();
                } else if (element instanceof XWPFSDT sdt) {
                    out.paragraph(new MarkdownText.Inline().add(sdt.getContent().getText()), MarkdownText.Dir.NONE);
                }
            }
            for (XWPFFootnote note : doc.getFootnotes()) {
                StringBuilder text = new StringBuilder();
                for (XWPFParagraph p : note.getParagraphs()) {
                    text.append(p.getText()).append(' ');
                }
                if (DraftParser.hasVisibleText(text.toString())) {
                    out.note("footnote: " + text.toString().strip());
                }
            }
            String title = null;
            POIXMLProperties.CoreProperties core = doc.getProperties().getCoreProperties();
            if (core != null && core.getTitle() != null && DraftParser.hasVisibleText(core.getTitle())) {
                title = core.getTitle().strip();
            }
            return new DocumentText(out.markdown(), title != null ? title : out.firstHeading(), null, "docx");
        } catch (RejectedInputException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new RejectedInputException(WHAT + " cannot be read: " + e.getClass().getSimpleName() + ": "
                    + UntrustedText.visible(String.valueOf(e.getMessage())) + ".",
                    "Open it in Word or LibreOffice, save it again as a new .docx file and submit that.", e);
        }
    }

    private static void refuseTrackedChangesAndComments(XWPFDocument doc, Map<String, byte[]> files) {
        XmlObject body = doc.getDocument();
        int changes = count(body, ".//w:ins") + count(body, ".//w:del") + count(body, ".//w:moveFrom") + count(body, ".//w:moveTo");
        if (changes > 0) {
            throw new RejectedInputException(WHAT + " has " + changes + " tracked change" + (changes == 1 ? "" : "s")
                    + " (insertions or deletions not yet accepted), so which text is the draft would be a guess.",
                    "Accept or reject the tracked changes first (in Word: Review > Accept > Accept All Changes, or Reject"
                            + " All Changes), then turn Track Changes off, save and submit the document again.");
        }
        int comments = doc.getComments() == null ? 0 : doc.getComments().length;
        comments = Math.max(comments, count(body, ".//w:commentReference"));
        if (comments > 0) {
            throw new RejectedInputException(WHAT + " has " + comments + " comment" + (comments == 1 ? "" : "s")
                    + "; comments are not part of a memorandum and memoflow does not guess what they mean for the text.",
                    "Resolve the comments and delete them first (in Word: Review > Delete > Delete All Comments in"
                            + " Document), then save and submit the document again.");
        }
    }

    private static int count(XmlObject node, String path) {
        return node.selectPath(W + path).length;
    }

    private static void paragraph(XWPFDocument doc, XWPFParagraph p, MarkdownText out, Map<String, Integer> counters) {
        List<String> boxes = new ArrayList<>();
        MarkdownText.Inline text = inline(p, boxes, out);
        MarkdownText.Dir dir = direction(doc, p);
        int heading = headingLevel(doc, p.getStyleID());
        if (heading > 0) {
            out.heading(heading, text, dir);
            counters.clear();
        } else if (p.getNumID() != null && !text.isBlank()) {
            int level = p.getNumIlvl() == null ? 0 : p.getNumIlvl().intValue();
            String fmt = p.getNumFmt();
            boolean bullet = fmt == null || fmt.equals("bullet") || fmt.equals("none");
            String key = p.getNumID() + "/" + level;
            int number = bullet ? 0 : counters.merge(key, 1, Integer::sum);
            counters.keySet().removeIf(k -> k.startsWith(p.getNumID() + "/") && levelOf(k) > level);
            out.listItem(level, number, text, dir);
        } else {
            out.paragraph(text, dir);
        }
        for (String box : boxes) {
            out.paragraph(new MarkdownText.Inline().add(box), dir);
        }
    }

    private static int levelOf(String key) {
        return Integer.parseInt(key.substring(key.indexOf('/') + 1));
    }

    private static MarkdownText.Inline inline(XWPFParagraph p, List<String> boxes, MarkdownText out) {
        MarkdownText.Inline text = new MarkdownText.Inline();
        for (IRunElement element : p.getIRuns()) {
            if (element instanceof XWPFRun run) {
                text.add(run.text(), run.isBold(), run.isItalic());
                for (XWPFPicture picture : run.getEmbeddedPictures()) {
                    String description = picture.getDescription();
                    String name = picture.getPictureData() == null ? null : picture.getPictureData().getFileName();
                    String label = description != null && !description.isBlank() ? description.strip() : name == null ? "" : name;
                    text.add(" [picture" + (label.isEmpty() ? "" : ": " + label) + "] ");
                }
                Set<String> seen = new LinkedHashSet<>();
                for (XmlObject box : run.getCTR().selectPath(W + ".//w:txbxContent")) {
                    String boxText = textOf(box);
                    if (DraftParser.hasVisibleText(boxText) && seen.add(boxText)) {
                        boxes.add("[text box: " + boxText.strip() + "]");
                    }
                }
            } else if (element instanceof XWPFSDT sdt) {
                text.add(sdt.getContent().getText());
            }
        }
        return text;
    }

    /** The text of every w:t under the node, paragraphs separated by a space. */
    private static String textOf(XmlObject node) {
        StringBuilder sb = new StringBuilder();
        for (XmlObject paragraph : node.selectPath(W + ".//w:p")) {
            for (XmlObject t : paragraph.selectPath(W + ".//w:t")) {
                try (XmlCursor c = t.newCursor()) {
                    sb.append(c.getTextValue());
                }
            }
            sb.append(' ');
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    private static MarkdownText.Dir direction(XWPFDocument doc, XWPFParagraph p) {
        CTPPr ppr = p.getCTP().getPPr();
        if (ppr != null && ppr.isSetBidi()) {
            return POIXMLUnits.parseOnOff(ppr.getBidi()) ? MarkdownText.Dir.RTL : MarkdownText.Dir.LTR;
        }
        String styleId = p.getStyleID();
        for (int i = 0; styleId != null && i < 10; i++) {
            XWPFStyle style = doc.getStyles() == null ? null : doc.getStyles().getStyle(styleId);
            if (style == null) {
                break;
            }
            CTPPrGeneral sppr = style.getCTStyle().getPPr();
            if (sppr != null && sppr.isSetBidi()) {
                return POIXMLUnits.parseOnOff(sppr.getBidi()) ? MarkdownText.Dir.RTL : MarkdownText.Dir.LTR;
            }
            styleId = style.getBasisStyleID();
        }
        return MarkdownText.Dir.NONE;
    }

    private static int headingLevel(XWPFDocument doc, String styleId) {
        if (styleId == null || doc.getStyles() == null) {
            return 0;
        }
        XWPFStyle style = doc.getStyles().getStyle(styleId);
        String name = style != null && style.getName() != null ? style.getName() : styleId;
        String n = name.toLowerCase(Locale.ROOT);
        Matcher m = HEADING.matcher(n);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        if (n.equals("title")) {
            return 1;
        }
        m = HEADING.matcher(styleId.toLowerCase(Locale.ROOT));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void table(XWPFTable table, MarkdownText out) {
        List<List<MarkdownText.Inline>> rows = new ArrayList<>();
        for (XWPFTableRow row : table.getRows()) {
            List<MarkdownText.Inline> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
                CTTcPr pr = cell.getCTTc().getTcPr();
                boolean continued = pr != null && pr.isSetVMerge() && (pr.getVMerge().getVal() == null
                        || "continue".equals(pr.getVMerge().getVal().toString()));
                MarkdownText.Inline text = new MarkdownText.Inline();
                if (!continued) {
                    boolean first = true;
                    for (XWPFParagraph p : cell.getParagraphs()) {
                        MarkdownText.Inline part = inline(p, new ArrayList<>(), out);
                        if (!part.isBlank()) {
                            if (!first) {
                                text.add(" ");
                            }
                            text.add(part.plain().replace('\n', ' '), false, false);
                            first = false;
                        }
                    }
                    for (XWPFTable inner : cell.getTables()) {
                        text.add(" " + inner.getText().replaceAll("\\s+", " "));
                    }
                }
                cells.add(text);
                int span = pr != null && pr.isSetGridSpan() ? pr.getGridSpan().getVal().intValue() : 1;
                for (int i = 1; i < Math.min(span, 64); i++) {
                    cells.add(new MarkdownText.Inline());
                }
            }
            rows.add(cells);
        }
        out.table(rows);
    }


}
