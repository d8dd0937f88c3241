package io.memoflow.document;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;
import io.memoflow.draft.Languages;
import io.memoflow.draft.Party;
import java.awt.Font;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * memoflow's memorandum typesetter: Markdown body, title block, signature page and audit page
 * to PDF, with Arabic and other right-to-left text shaped by the JDK's layout engine and the
 * fonts written as CIDFontType2 subsets whose ToUnicode maps give the text back exactly.
 *
 * <p>Thread safe: one instance serves parallel renders (fonts and style are loaded once and
 * never change; every render has its own state), and the same document always gives the same
 * bytes: the PDF's dates and identifier come from the document, never from the clock.
 */
public final class Typesetter implements MemoRenderer {

    private final Theme theme;
    private final Map<String, Outline> watermarks = new ConcurrentHashMap<>();

    /** A typesetter with the packaged style (A4, Amiri, bilingual formal memorandum). */
    public Typesetter() {
        this(MemoStyle.defaults());
    }

    public Typesetter(MemoStyle style) {
        this.theme = new Theme(style);
    }

    /**
     * A typesetter with the style in {@code styleFile} (e.g. {@code templates/style.properties}
     * in the daemon's home folder) when that file exists, else the packaged style.
     */
    public static Typesetter withStyleFile(Path styleFile) {
        if (styleFile != null && Files.isRegularFile(styleFile)) {
            return new Typesetter(MemoStyle.load(styleFile));
        }
        return new Typesetter();
    }

    /**
     * Loads the packaged fonts now. A starting daemon calls it on a thread of its own, so that
     * this happens beside Camel's start instead of after it; a typesetter made meanwhile waits.
     */
    public static void preloadFonts() {
        Fonts.preload();
    }

    /**
     * A typesetter for a daemon's home folder: the style in {@code templates/style.properties}
     * (or {@code style.yaml} / {@code style.yml}) there when present, else the packaged style.
     */
    public static Typesetter forHome(Path home) {
        for (String name : new String[] {"style.properties", "style.yaml", "style.yml"}) {
            Path file = home.resolve("templates").resolve(name);
            if (Files.isRegularFile(file)) {
                return new Typesetter(MemoStyle.load(file));
            }
        }
        return new Typesetter();
    }

    /** The style this typesetter uses. */
    public MemoStyle style() {
        return theme.style;
    }

    /** A measurer with this typesetter's fonts. */
    public TextMeasurer measurer() {
        return new TextMeasurer(theme.fonts, theme.lineHeight);
    }

    @Override
    public RenderedMemo render(MemoDocument document) {
        check(document);
        String language = document.language() == null || document.language().isBlank() ? "en" : document.language();
        boolean rtl = Languages.isRightToLeft(language);
        Labels labels = new Labels(theme.style, language);
        ULocale locale = Dates.locale(language);
        RenderContext context = new RenderContext(Labels.primary(language));
        Flow flow = new Flow(theme, context, rtl, locale);

        flow.add(titleBlock(document, labels, rtl, language));
        flow.add(MarkdownReader.read(document.body(), theme, rtl, document.redline()));
        List<SignatureBox> boxes = List.of();
        if (!document.parties().isEmpty()) {
            flow.pageBreak(); // not after an empty page (the portrait page a landscape table ends with)
            flow.add(List.of(heading(labels.get("signatures"), rtl)));
            boxes = flow.signatureBlocks(signatureTexts(document, labels, rtl, language), theme.signatureHeight);
        }
        if (!document.audit().isEmpty()) {
            flow.pageBreak();
            flow.add(auditBlocks(document, labels, rtl));
        }
        decorate(flow, document, labels, rtl, language, locale);
        String subject = document.reference() == null ? "" : document.reference() + " v" + document.version();
        byte[] pdf = context.write(flow.pages, new RenderContext.DocInfo(text(document.title()), subject,
                Labels.primary(language), rtl, document.date(), document.files()));
        return new RenderedMemo(pdf, flow.pages.size(), boxes, document.files());
    }

    private static void check(MemoDocument d) {
        if (d == null) {
            throw new IllegalArgumentException("No memorandum to render (null).");
        }
        if (d.date() == null) {
            throw new IllegalArgumentException("The memorandum " + d.reference() + " has no date; the typesetter prints it "
                    + "and derives the PDF's dates from it. Set MemoDocument.date.");
        }
        if (d.approvals().size() != d.parties().size()) {
            throw new IllegalArgumentException("The memorandum " + d.reference() + " has " + d.parties().size() + " parties but "
                    + d.approvals().size() + " approval dates; give one per party (null when not yet approved).");
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    // ---- pages ----

    private List<Block> titleBlock(MemoDocument d, Labels labels, boolean rtl, String language) {
        List<Block> blocks = new ArrayList<>();
        float ts = theme.titleSize;
        blocks.add(new Block.Text(Para.of(text(d.title()), Fonts.BOLD, ts, theme.lineHeight(ts), Para.Align.CENTER, null, rtl,
                theme.accent), 0, ts * 0.4f, 0, 0, false, null, "H1"));
        float size = theme.bodySize * 0.95f;
        float lh = theme.lineHeight(size);
        String sep = "   ·   ";
        String meta = "";
        if (d.reference() != null && !d.reference().isBlank()) {
            meta = labels.get("reference") + ": " + d.reference() + sep;
        }
        meta += labels.get("version") + ": " + d.version();
        blocks.add(new Block.Text(Para.of(meta, 0, size, lh, Para.Align.CENTER, rtl, rtl, theme.text), 0, 0, 0, 0, false, null));
        String date = labels.get("date") + ": " + Dates.gregorian(d.date(), language, theme.zone);
        if (Labels.primary(language).equals("ar")) {
            date += "، " + labels.get("hijri") + " " + Dates.hijri(d.date(), theme.zone);
        }
        blocks.add(new Block.Text(Para.of(date, 0, size, lh, Para.Align.CENTER, rtl, rtl, theme.text), 0, 0, 0, 0, false, null));
        if (!d.parties().isEmpty()) {
            StringBuilder between = new StringBuilder(labels.get("between")).append(' ');
            List<Party> parties = d.parties();
            for (int i = 0; i < parties.size(); i++) {
                if (i > 0) {
                    boolean lastPair = i == parties.size() - 1;
                    between.append(lastPair || rtl ? conjunction(labels.get("and"), parties.get(i).name()) : ", ");
                }
                between.append(parties.get(i).name());
            }
            blocks.add(new Block.Text(Para.of(between.toString(), 0, size, lh, Para.Align.CENTER, rtl, rtl, theme.text),
                    0, 0, 0, 0, false, null));
        }
        blocks.add(new Block.Rule(theme.bodySize * 0.6f, theme.bodySize));
        return blocks;
    }

    /**
     * The word "and" before a party's name, with its spaces: the Arabic "و" is written joined to
     * the word after it ("والمديرية"), when that word is Arabic; other words stand apart.
     */
    static String conjunction(String and, String next) {
        boolean arabicNext = !next.isEmpty() && Character.UnicodeBlock.of(next.codePointAt(0)) == Character.UnicodeBlock.ARABIC;
        return and.equals("و") && arabicNext ? " و" : " " + and + " ";
    }

    private Block heading(String text, boolean rtl) {
        float size = theme.headingSizes[0];
        return new Block.Text(Para.of(text, Fonts.BOLD, size, theme.lineHeight(size), Para.Align.CENTER, rtl, rtl, theme.accent),
                0, size * 0.5f, 0, 0, true, null);
    }

    private List<List<Para>> signatureTexts(MemoDocument d, Labels labels, boolean rtl, String language) {
        List<List<Para>> blocks = new ArrayList<>();
        float size = theme.bodySize;
        float lh = theme.lineHeight(size);
        for (int i = 0; i < d.parties().size(); i++) {
            Party p = d.parties().get(i);
            Instant approved = d.approvals().get(i);
            List<Para> lines = new ArrayList<>();
            lines.add(Para.of(p.name(), Fonts.BOLD, size, lh, Para.Align.START, rtl, rtl, theme.accent));
            if (!p.signatory().isBlank()) {
                lines.add(labelled(labels.get("signatory"), p.signatory(), size, rtl));
            }
            if (!p.title().isBlank()) {
                lines.add(labelled(labels.get("position"), p.title(), size, rtl));
            }
            lines.add(approved == null
                    ? Para.of(labels.get(d.sealOnly() ? "sealed" : "pending"), Fonts.ITALIC, size, lh, Para.Align.START, rtl, rtl,
                            theme.muted)
                    : labelled(labels.get("approved"), Dates.gregorian(approved, language, theme.zone), size, rtl));
            blocks.add(lines);
        }
        return blocks;
    }

    private Para labelled(String label, String value, float size, boolean rtl) {
        return new Para.Builder().append(label + ": ", Fonts.BOLD).append(value, 0)
                .build(size, theme.lineHeight(size), Para.Align.START, rtl, rtl, theme.text);
    }

    private List<Block> auditBlocks(MemoDocument d, Labels labels, boolean rtl) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(heading(labels.get("audit"), rtl));
        float size = theme.smallSize;
        float lh = theme.lineHeight(size);
        List<List<Para>> rows = new ArrayList<>();
        rows.add(List.of(
                Para.of(labels.get("time"), Fonts.BOLD, size, lh, Para.Align.START, null, rtl, theme.text),
                Para.of(labels.get("actor"), Fonts.BOLD, size, lh, Para.Align.START, null, rtl, theme.text),
                Para.of(labels.get("event"), Fonts.BOLD, size, lh, Para.Align.START, null, rtl, theme.text)));
        for (MemoDocument.AuditLine line : d.audit()) {
            rows.add(List.of(
                    Para.of(line.at() == null ? "" : Dates.time(line.at(), theme.zone), 0, size, lh, Para.Align.START, null, rtl, theme.text),
                    Para.of(text(line.actor()), 0, size, lh, Para.Align.START, null, rtl, theme.text),
                    Para.of(text(line.text()), 0, size, lh, Para.Align.START, null, rtl, theme.text)));
        }
        blocks.add(new Block.Table(rows, 1, 0, theme.paragraphSpacing * 2));
        if (d.auditHash() != null && !d.auditHash().isBlank()) {
            Para hash = new Para.Builder().append(labels.get("audit-hash") + ": ", Fonts.BOLD).append(d.auditHash(), 0)
                    .build(size, lh, Para.Align.START, rtl, rtl, theme.text);
            blocks.add(new Block.Text(hash, 0, 0, 0, 0, false, null));
        }
        return blocks;
    }

    // ---- header, footer, letterhead, watermark ----

    private void decorate(Flow flow, MemoDocument d, Labels labels, boolean rtl, String language, ULocale locale) {
        int pages = flow.pages.size();
        float small = theme.smallSize;
        float lh = theme.lineHeight(small);
        float left = flow.frameLeft();
        for (int i = 0; i < pages; i++) {
            Canvas page = flow.page(i);
            float right = flow.frameRight(i);
            float top = page.height - theme.marginTop;
            if (flow.hasLetterhead(i)) {
                ImageResource image = theme.letterhead;
                float h = theme.letterheadHeight;
                float w = h * image.width / image.height;
                if (w > right - left) {
                    w = right - left;
                    h = w * image.height / image.width;
                }
                page.image(image, left + (right - left - w) / 2, top - h, w, h);
                top -= theme.letterheadHeight + 6;
            }
            String header = expand(theme.headerText, d, labels, i + 1, pages, language);
            if (!header.isBlank()) {
                Para p = Para.of(header, 0, small, lh, Para.Align.CENTER, null, rtl, theme.muted);
                placeSingleLine(flow, i, p, top - Flow.baseline(p), locale, 0);
                float ruleY = top - flow.headerBand() + 4;
                page.line(left, ruleY, right, ruleY, 0.5f, theme.accent);
            }
            float footerTop = theme.marginBottom + flow.footerBand();
            if (flow.footerBand() > 0) {
                page.line(left, footerTop - 4, right, footerTop - 4, 0.5f, theme.accent);
                float baseline = footerTop - 10 - Flow.baseline(Para.of("x", 0, small, lh, Para.Align.START, false, false, theme.muted));
                String start = expand(theme.footerText, d, labels, i + 1, pages, language);
                String end = expand(theme.footerPage, d, labels, i + 1, pages, language);
                if (!start.isBlank()) {
                    Para p = Para.of(start, 0, small, lh, Para.Align.START, null, rtl, theme.muted);
                    placeSingleLine(flow, i, p, baseline, locale, rtl ? 1 : -1);
                }
                if (!end.isBlank()) {
                    Para p = Para.of(end, 0, small, lh, Para.Align.START, null, rtl, theme.muted);
                    placeSingleLine(flow, i, p, baseline, locale, rtl ? -1 : 1);
                }
            }
            if (d.draft()) {
                watermark(page, labels.get("draft"), rtl);
            }
        }
    }

    /**
     * Draws the first line of a paragraph on a page: side -1 against the left edge of the frame,
     * 1 against the right edge, 0 as the paragraph aligns itself in the frame.
     */
    private void placeSingleLine(Flow flow, int pageIndex, Para p, float baseline, ULocale locale, int side) {
        float left = flow.frameLeft();
        float width = flow.frameRight(pageIndex) - left;
        ParagraphSetter.Prepared prepared = ParagraphSetter.prepare(p, theme.fonts, locale);
        ParagraphSetter.Line line;
        float x = left;
        if (side == 0) {
            List<ParagraphSetter.Line> lines = ParagraphSetter.lines(prepared, width);
            line = lines.isEmpty() ? null : lines.get(0);
        } else {
            line = ParagraphSetter.oneLine(prepared);
            if (line != null && side > 0) {
                x = flow.frameRight(pageIndex) - line.width();
            }
        }
        if (line == null || line.runs().isEmpty()) {
            return;
        }
        flow.drawLineOn(pageIndex, line, x, baseline, p.color);
    }

    private String expand(String template, MemoDocument d, Labels labels, int page, int pages, String language) {
        if (template.isEmpty()) {
            return template;
        }
        String version = Integer.toString(d.version());
        String pageLabel = labels.get("page").replace("{page}", Integer.toString(page)).replace("{pages}", Integer.toString(pages));
        String s = template.replace("{reference}", text(d.reference()))
                .replace("{version-label}", labels.get("version-label").replace("{version}", version))
                .replace("{version}", version)
                .replace("{title}", text(d.title()))
                .replace("{date}", template.contains("{date}") ? Dates.gregorian(d.date(), language, theme.zone) : "")
                .replace("{page-label}", pageLabel)
                .replace("{memorandum}", labels.get("memorandum"))
                .replace("{pages}", Integer.toString(pages))
                .replace("{page}", Integer.toString(page))
                .strip();
        // a separator left dangling by an empty placeholder (no reference yet)
        while (s.startsWith("—") || s.startsWith("·") || s.startsWith("-")) {
            s = s.substring(1).strip();
        }
        while (s.endsWith("—") || s.endsWith("·")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }

    /** The word's outline (not text: a watermark must not mix into the document's text), in 1/1000 em. */
    private record Outline(String path, float width, float height, float minX, float minY) {
    }

    private Outline outline(String word, boolean rtl) {
        return watermarks.computeIfAbsent(word + (rtl ? "|r" : "|l"), k -> {
            FontFace face = theme.fonts.bold;
            char[] chars = word.toCharArray();
            boolean wordRtl = Para.rightToLeft(word, rtl);
            GlyphVector gv = face.awt.layoutGlyphVector(ShapedRun.FRC, chars, 0, chars.length,
                    wordRtl ? Font.LAYOUT_RIGHT_TO_LEFT : 0);
            Shape shape = gv.getOutline();
            Rectangle2D bounds = shape.getBounds2D();
            String path = GlyphOutlines.path(shape);
            return new Outline(path, (float) bounds.getWidth(), (float) bounds.getHeight(),
                    (float) bounds.getMinX(), (float) -bounds.getMaxY());
        });
    }

    private void watermark(Canvas page, String word, boolean rtl) {
        Outline o = outline(word, rtl);
        double angle = Math.atan2(page.height, page.width);
        double diagonal = Math.hypot(page.width, page.height);
        double scale = Math.min(diagonal * 0.55 / o.width(), page.height * 0.25 / o.height());
        double cos = Math.cos(angle) * scale;
        double sin = Math.sin(angle) * scale;
        // centre of the outline at the centre of the page
        double cx = o.minX() + o.width() / 2;
        double cy = o.minY() + o.height() / 2;
        double tx = page.width / 2 - (cos * cx - sin * cy);
        double ty = page.height / 2 - (sin * cx + cos * cy);
        StringBuilder sb = new StringBuilder(o.path().length() + 80);
        PdfOut.num(sb, cos);
        sb.append(' ');
        PdfOut.num(sb, sin);
        sb.append(' ');
        PdfOut.num(sb, -sin);
        sb.append(' ');
        PdfOut.num(sb, cos);
        sb.append(' ');
        PdfOut.num(sb, tx);
        sb.append(' ');
        PdfOut.num(sb, ty);
        sb.append(" cm\n").append(o.path());
        page.fillPath(sb.toString(), new Rgb(0.6f, 0.1f, 0.1f), theme.watermarkOpacity);
    }

    @Override
    public List<String> unprintable(String text) {
        List<String> out = new ArrayList<>();
        for (int cp : theme.fonts.missing(text)) {
            out.add(describe(cp));
        }
        return out;
    }

    @Override
    public void checkLayout(String body, String language) {
        String lang = language == null || language.isBlank() ? "en" : language;
        boolean rtl = Languages.isRightToLeft(lang);
        Flow flow = new Flow(theme, new RenderContext(Labels.primary(lang)), rtl, Dates.locale(lang));
        TableSetter tables = new TableSetter(theme, Dates.locale(lang));
        for (Block.Table t : MarkdownReader.tables(body, theme, rtl)) {
            tables.lay(t, flow.width(), flow.landscapeWidth());
        }
    }

    /** A character as a person can look it up: {@code U+1F9FF NAZAR AMULET}. */
    static String describe(int cp) {
        String name = UCharacter.getName(cp);
        return String.format(Locale.ROOT, "U+%04X", cp) + (name == null || name.isBlank() ? "" : " " + name);
    }

    // ---- stamp ----

    @Override
    public byte[] renderStamp(List<String> lines, String language, float width, float height) {
        if (!(width >= 10 && width <= 14400 && height >= 10 && height <= 14400)) {
            throw new IllegalArgumentException("A signature stamp must be between 10 and 14400 points each way, not "
                    + width + " x " + height + ".");
        }
        List<String> texts = lines == null ? List.of() : lines;
        String lang = language == null || language.isBlank() ? "en" : language;
        boolean rtl = Languages.isRightToLeft(lang);
        ULocale locale = Dates.locale(lang);
        float pad = Math.min(4f, Math.min(width, height) * 0.05f);
        float innerWidth = width - 2 * pad;
        float size = Math.min(11f, (height - 2 * pad) / Math.max(1, texts.size()) / theme.lineHeight);
        size = Math.max(size, 2f);
        List<ParagraphSetter.Prepared> prepared = prepareStamp(texts, size, rtl, locale);
        float widest = 0;
        for (ParagraphSetter.Prepared p : prepared) {
            widest = Math.max(widest, p.naturalWidth);
        }
        if (widest > innerWidth) {
            size = Math.max(2f, size * innerWidth / widest * 0.999f);
            prepared = prepareStamp(texts, size, rtl, locale);
        }
        RenderContext context = new RenderContext(Labels.primary(lang));
        Canvas canvas = new Canvas(context, width, height);
        float lh = theme.lineHeight(size);
        float y = height / 2 + lh * texts.size() / 2;
        for (ParagraphSetter.Prepared p : prepared) {
            for (ParagraphSetter.Line line : ParagraphSetter.lines(p, innerWidth)) {
                List<LineRun> runs = new ArrayList<>();
                for (LineRun r : line.runs()) {
                    runs.add(r.movedBy(pad));
                }
                canvas.text(runs, y - Flow.baseline(p.para), p.para.color);
                y -= lh;
            }
        }
        return context.write(List.of(canvas), new RenderContext.DocInfo("Signature appearance", String.join(" / ", texts),
                Labels.primary(lang), rtl, null, List.of()));
    }

    private List<ParagraphSetter.Prepared> prepareStamp(List<String> texts, float size, boolean rtl, ULocale locale) {
        List<ParagraphSetter.Prepared> out = new ArrayList<>();
        for (String t : texts) {
            Para p = Para.of(t == null ? "" : t, 0, size, theme.lineHeight(size), Para.Align.START, null, rtl, Rgb.BLACK);
            out.add(ParagraphSetter.prepare(p, theme.fonts, locale));
        }
        return out;
    }
}
