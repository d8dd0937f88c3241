package io.memoflow.document;

import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Flows blocks onto pages: paragraphs with widow and orphan control (never one line of a
 * paragraph alone at the foot or head of a page), headings kept with what follows, tables (set
 * by {@link TableSetter}) and the grid of signature blocks. It keeps the pages and the position
 * on the current one.
 */
final class Flow {

    private static final Rgb RULE = new Rgb(0.55f, 0.6f, 0.67f);
    static final Rgb GRID = new Rgb(0.62f, 0.65f, 0.7f);
    static final float EPS = 0.01f;

    private final Theme theme;
    private final RenderContext context;
    final boolean rtl;
    private final ULocale locale;
    private final TableSetter tables;
    final List<Canvas> pages = new ArrayList<>();
    private Canvas page;
    /** Top of the free space on the current page. */
    private float y;
    private float top;
    private float bottom;
    private float left;
    private float right;
    private boolean fresh;
    /** Whether new pages are landscape (for a table too wide for a portrait page). */
    private boolean landscape;

    Flow(Theme theme, RenderContext context, boolean rtl, ULocale locale) {
        this.theme = theme;
        this.context = context;
        this.rtl = rtl;
        this.locale = locale;
        this.tables = new TableSetter(theme, locale);
        newPage();
    }

    // ---- page geometry (also used for the header and footer) ----

    boolean hasLetterhead(int pageIndex) {
        return theme.letterhead != null && (pageIndex == 0 || theme.letterheadOnAllPages);
    }

    float headerBand() {
        return theme.headerText.isBlank() ? 0 : theme.lineHeight(theme.smallSize) + 10;
    }

    float footerBand() {
        return theme.footerText.isBlank() && theme.footerPage.isBlank() ? 0 : theme.lineHeight(theme.smallSize) + 10;
    }

    float frameLeft() {
        return rtl ? theme.marginOuter : theme.marginInner;
    }

    float frameRight() {
        return frameRight(theme.pageWidth);
    }

    /** The right edge of the frame on a page (landscape pages are wider). */
    float frameRight(int pageIndex) {
        return frameRight(pages.get(pageIndex).width);
    }

    private float frameRight(float pageWidth) {
        return pageWidth - (rtl ? theme.marginInner : theme.marginOuter);
    }

    /** The width of the frame on a landscape page. */
    float landscapeWidth() {
        return theme.pageHeight - theme.marginInner - theme.marginOuter;
    }

    float frameTop(int pageIndex) {
        float t = pages.get(pageIndex).height - theme.marginTop;
        if (hasLetterhead(pageIndex)) {
            t -= theme.letterheadHeight + 6;
        }
        return t - headerBand();
    }

    float frameBottom() {
        return theme.marginBottom + footerBand();
    }

    void newPage() {
        page = landscape ? new Canvas(context, theme.pageHeight, theme.pageWidth) : new Canvas(context, theme.pageWidth, theme.pageHeight);
        pages.add(page);
        top = frameTop(pages.size() - 1);
        bottom = frameBottom();
        left = frameLeft();
        right = frameRight(pages.size() - 1);
        y = top;
        fresh = true;
    }

    /**
     * Makes new pages landscape or portrait, and goes on on a page of that orientation: the
     * current page turned when nothing is on it yet, else a new page.
     */
    private void orientation(boolean wanted) {
        landscape = wanted;
        if (fresh) {
            pages.remove(pages.size() - 1);
        }
        newPage();
    }

    /** Starts a new page unless the current one is still empty. */
    void pageBreak() {
        if (!fresh) {
            newPage();
        }
    }

    int pageIndex() {
        return pages.size() - 1;
    }

    float width() {
        return right - left;
    }

    // ---- the position on the current page (for TableSetter) ----

    /** True while nothing is placed on the current page yet. */
    boolean fresh() {
        return fresh;
    }

    /** Top of the free space on the current page. */
    float y() {
        return y;
    }

    float left() {
        return left;
    }

    float right() {
        return right;
    }

    /** The free space left on the current page. */
    float room() {
        return y - bottom;
    }

    /** The height of a page's frame. */
    float frameHeight() {
        return top - bottom;
    }

    /** True when exactly {@code h} of the current page's frame is taken. */
    boolean usedExactly(float h) {
        return y == top - h;
    }

    /** The current page. */
    Canvas canvas() {
        return page;
    }

    /** Moves down by a space, which does not count as something placed. */
    void moveDown(float h) {
        y -= h;
    }

    /** Moves down past something just drawn, of height {@code h}. */
    void filled(float h) {
        y -= h;
        fresh = false;
    }

    // ---- blocks ----

    private sealed interface Laid {
    }

    private record LaidText(Block.Text block, List<ParagraphSetter.Line> lines, ParagraphSetter.Line marker) implements Laid {
    }

    private record LaidTable(TableSetter.Laid table) implements Laid {
    }

    private record LaidRule(Block.Rule block) implements Laid {
    }

    void add(List<Block> blocks) {
        List<Laid> laid = new ArrayList<>(blocks.size());
        for (Block b : blocks) {
            laid.add(lay(b));
        }
        for (int i = 0; i < laid.size(); i++) {
            Laid next = i + 1 < laid.size() ? laid.get(i + 1) : null;
            Laid l = laid.get(i);
            if (l instanceof LaidText t) {
                context.tags.block(t.block());
                placeText(t, next);
                context.tags.close();
            } else if (l instanceof LaidTable t) {
                context.tags.table();
                if (t.table().landscape()) {
                    // a table too wide for a portrait page: on landscape pages of its own
                    orientation(true);
                    tables.place(t.table(), this);
                    orientation(false);
                } else {
                    tables.place(t.table(), this);
                }
                context.tags.close();
            } else if (l instanceof LaidRule r) {
                placeRule(r.block());
            }
        }
    }

    private Laid lay(Block b) {
        if (b instanceof Block.Text t) {
            float w = Math.max(width() * 0.4f, width() - t.indentStart() - t.indentEnd());
            List<ParagraphSetter.Line> lines = ParagraphSetter.lines(ParagraphSetter.prepare(t.para(), theme.fonts, locale), w);
            ParagraphSetter.Line marker = null;
            if (t.marker() != null) {
                marker = ParagraphSetter.oneLine(ParagraphSetter.prepare(t.marker(), theme.fonts, locale));
            }
            return new LaidText(t, lines, marker);
        }
        if (b instanceof Block.Table t) {
            return new LaidTable(tables.lay(t, width(), landscapeWidth()));
        }
        return new LaidRule((Block.Rule) b);
    }

    private float chunk(Laid l) {
        if (l instanceof LaidText t) {
            float lh = t.block().para().lineHeight;
            int n = t.lines().size();
            return t.block().spaceBefore() + (n <= 3 ? n : 2) * lh;
        }
        if (l instanceof LaidTable t) {
            return Math.min(t.table().opening(), top - bottom);
        }
        Block.Rule r = ((LaidRule) l).block();
        return r.spaceBefore() + r.spaceAfter();
    }

    private void placeText(LaidText t, Laid next) {
        Block.Text b = t.block();
        float lh = b.para().lineHeight;
        List<ParagraphSetter.Line> lines = t.lines();
        int n = lines.size();
        float before = fresh ? 0 : b.spaceBefore();
        if (b.keepWithNext() && !fresh) {
            float need = before + n * lh + b.spaceAfter() + (next == null ? 0 : chunk(next));
            if (need > y - bottom + EPS) {
                newPage();
                before = 0;
            }
        }
        y -= before;
        int i = 0;
        while (i < n) {
            int fit = (int) Math.floor((y - bottom + EPS) / lh);
            int remaining = n - i;
            if (fit >= remaining) {
                drawLines(t, i, n);
                break;
            }
            int k = Math.max(fit, 0);
            if (remaining - k < 2) {
                k = remaining - 2; // no widow: at least two lines go to the next page
            }
            if (i == 0 && k < 2) {
                k = 0; // no orphan: the first line never stays alone at the foot of the page
            }
            if (k <= 0 && fresh) {
                k = Math.max(1, fit); // nothing fits even on an empty page: place what fits
            }
            if (k > 0) {
                drawLines(t, i, i + k);
                i += k;
            }
            newPage();
        }
        y -= b.spaceAfter();
    }

    private void drawLines(LaidText t, int from, int to) {
        Block.Text b = t.block();
        Para para = b.para();
        float lh = para.lineHeight;
        float w = Math.max(width() * 0.4f, width() - b.indentStart() - b.indentEnd());
        float indent = Math.min(b.indentStart(), width() - w);
        float x = left + (para.rtl ? width() - w - indent : indent);
        for (int i = from; i < to; i++) {
            float baseline = y - baseline(para);
            // a left-to-right item's marker is drawn first, a right-to-left one's last: so extractors
            // that follow the content stream (PDFBox) read the marker before its item's first line
            if (para.rtl) {
                drawLine(t.lines().get(i), x, baseline, para.color);
            }
            if (i == 0 && t.marker() != null) {
                float gap = para.size * 0.45f;
                ParagraphSetter.Line m = t.marker();
                float mx = para.rtl ? x + w + gap : x - gap - m.width();
                context.tags.label();
                drawLine(m, mx, baseline, para.color);
                context.tags.close();
            }
            if (!para.rtl) {
                drawLine(t.lines().get(i), x, baseline, para.color);
            }
            y -= lh;
            fresh = false;
        }
    }

    /** Distance from the top of a line box to the baseline. */
    static float baseline(Para para) {
        return para.lineHeight * 0.5f + para.size * 0.25f;
    }

    void drawLine(ParagraphSetter.Line line, float x, float baseline, Rgb color) {
        drawLineOn(page, line, x, baseline, color);
    }

    void drawLineOn(int pageIndex, ParagraphSetter.Line line, float x, float baseline, Rgb color) {
        drawLineOn(pages.get(pageIndex), line, x, baseline, color);
    }

    private static void drawLineOn(Canvas canvas, ParagraphSetter.Line line, float x, float baseline, Rgb color) {
        if (line.runs().isEmpty()) {
            return;
        }
        List<LineRun> runs = new ArrayList<>(line.runs().size());
        for (LineRun r : line.runs()) {
            runs.add(r.movedBy(x));
        }
        canvas.text(runs, baseline, color);
    }

    private void placeRule(Block.Rule r) {
        if (!fresh) {
            y -= r.spaceBefore();
        }
        if (y - r.spaceAfter() < bottom) {
            newPage();
            return;
        }
        page.line(left, y, right, y, 0.6f, RULE);
        y -= r.spaceAfter();
        fresh = false;
    }

    /** Vertical space, dropped at the top of a page. */
    void space(float h) {
        if (!fresh) {
            y = Math.max(bottom, y - h);
        }
    }

    // ---- signature blocks ----

    /**
     * Places one block per party: its lines of text, then an empty framed area for the visible
     * signature. Two blocks side by side when the page is wide enough, in the document's
     * direction. Returns where each area is.
     */
    List<SignatureBox> signatureBlocks(List<List<Para>> blocks, float areaHeight) {
        List<SignatureBox> boxes = new ArrayList<>();
        float gap = 24f;
        int columns = width() >= 360 ? 2 : 1;
        float colWidth = (width() - gap * (columns - 1)) / columns;
        List<List<List<ParagraphSetter.Line>>> laid = new ArrayList<>();
        float[] heights = new float[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            List<List<ParagraphSetter.Line>> paras = new ArrayList<>();
            float h = 0;
            for (Para p : blocks.get(i)) {
                List<ParagraphSetter.Line> lines = ParagraphSetter.lines(ParagraphSetter.prepare(p, theme.fonts, locale), colWidth);
                paras.add(lines);
                h += lines.size() * p.lineHeight;
            }
            laid.add(paras);
            heights[i] = h + 6 + areaHeight;
        }
        for (int start = 0; start < blocks.size(); start += columns) {
            int end = Math.min(blocks.size(), start + columns);
            float rowHeight = 0;
            for (int i = start; i < end; i++) {
                rowHeight = Math.max(rowHeight, heights[i]);
            }
            if (!fresh) {
                y -= gap * 0.75f;
            }
            if (rowHeight > y - bottom + EPS && !fresh) {
                newPage();
            }
            for (int i = start; i < end; i++) {
                int c = i - start;
                float bx = rtl ? right - (c + 1) * colWidth - c * gap : left + c * (colWidth + gap);
                float by = y;
                List<Para> paras = blocks.get(i);
                for (int p = 0; p < paras.size(); p++) {
                    Para para = paras.get(p);
                    context.tags.paragraph(para);
                    for (ParagraphSetter.Line line : laid.get(i).get(p)) {
                        drawLine(line, bx, by - baseline(para), para.color);
                        by -= para.lineHeight;
                    }
                    context.tags.close();
                }
                by -= 6;
                float areaBottom = by - areaHeight;
                page.rect(bx, areaBottom, colWidth, areaHeight, null, GRID, 0.5f);
                boxes.add(new SignatureBox(i, pageIndex(), bx, areaBottom, colWidth, areaHeight));
            }
            y -= rowHeight;
            fresh = false;
        }
        return boxes;
    }

    /** The structure tree of the render, for {@link TableSetter}'s cells. */
    StructureTree tags() {
        return context.tags;
    }

    Canvas page(int index) {
        return pages.get(index);
    }
}
