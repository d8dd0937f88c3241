package io.memoflow.document;

import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables: column widths from the cells' minimum and natural widths, cells broken into lines, and
 * rows placed on a {@link Flow}'s pages in the document's direction, with the header rows
 * repeated after every page break and a row taller than a page split between its lines.
 */
final class TableSetter {

    private static final Rgb HEADER_FILL = new Rgb(0.91f, 0.93f, 0.96f);
    private static final float PAD_X = 4f;
    private static final float PAD_Y = 2.5f;

    /** A table laid out for a frame width: its columns' widths, each cell's lines, each row's height. */
    record Laid(Block.Table block, float[] widths, List<List<List<ParagraphSetter.Line>>> cells, float[] rowHeights,
                int columns) {

        /** The space before the table, its header rows and its first body row: what should start on the same page. */
        float opening() {
            float h = block.spaceBefore();
            int rows = Math.min(rowHeights.length, block.headerRows() + 1);
            for (int r = 0; r < rows; r++) {
                h += rowHeights[r];
            }
            return h;
        }
    }

    private final Theme theme;
    private final ULocale locale;

    TableSetter(Theme theme, ULocale locale) {
        this.theme = theme;
        this.locale = locale;
    }

    /** Lays a table out for the given width: column widths, the lines of each cell, the height of each row. */
    Laid lay(Block.Table t, float available) {
        int columns = 0;
        for (List<Para> row : t.rows()) {
            columns = Math.max(columns, row.size());
        }
        List<List<ParagraphSetter.Prepared>> prepared = new ArrayList<>();
        float[] min = new float[columns];
        float[] max = new float[columns];
        for (List<Para> row : t.rows()) {
            List<ParagraphSetter.Prepared> p = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                ParagraphSetter.Prepared cell = c < row.size() ? ParagraphSetter.prepare(row.get(c), theme.fonts, locale) : null;
                p.add(cell);
                if (cell != null) {
                    min[c] = Math.max(min[c], cell.minWidth + 2 * PAD_X);
                    max[c] = Math.max(max[c], cell.naturalWidth + 2 * PAD_X);
                }
            }
            prepared.add(p);
        }
        float[] widths = columnWidths(min, max, available);
        List<List<List<ParagraphSetter.Line>>> cells = new ArrayList<>();
        float[] rowHeights = new float[t.rows().size()];
        for (int r = 0; r < prepared.size(); r++) {
            List<List<ParagraphSetter.Line>> row = new ArrayList<>();
            float h = 0;
            for (int c = 0; c < columns; c++) {
                ParagraphSetter.Prepared cell = prepared.get(r).get(c);
                List<ParagraphSetter.Line> lines = cell == null ? List.of()
                        : ParagraphSetter.lines(cell, Math.max(1f, widths[c] - 2 * PAD_X));
                row.add(lines);
                if (cell != null) {
                    h = Math.max(h, lines.size() * cell.para.lineHeight);
                }
            }
            cells.add(row);
            rowHeights[r] = Math.max(h, theme.lineHeight(theme.bodySize * 0.92f)) + 2 * PAD_Y;
        }
        return new Laid(t, widths, cells, rowHeights, columns);
    }

    /** Column widths filling the frame: natural widths when they fit, else between minimum and natural. */
    static float[] columnWidths(float[] min, float[] max, float available) {
        int n = min.length;
        float[] w = new float[n];
        float sumMin = 0;
        float sumMax = 0;
        for (int i = 0; i < n; i++) {
            max[i] = Math.max(max[i], min[i]);
            sumMin += min[i];
            sumMax += max[i];
        }
        if (n == 0) {
            return w;
        }
        if (sumMax <= available) {
            float extra = available - sumMax;
            for (int i = 0; i < n; i++) {
                w[i] = max[i] + (sumMax > 0 ? extra * max[i] / sumMax : extra / n);
            }
        } else if (sumMin >= available) {
            for (int i = 0; i < n; i++) {
                w[i] = sumMin > 0 ? available * min[i] / sumMin : available / n;
            }
        } else {
            float spare = available - sumMin;
            float range = sumMax - sumMin;
            for (int i = 0; i < n; i++) {
                w[i] = min[i] + spare * (max[i] - min[i]) / range;
            }
        }
        return w;
    }

    /**
     * Places a laid-out table at the flow's position: on a new page when the header and the start
     * of the first body row do not fit, the header again on each page the table continues on.
     */
    void place(Laid t, Flow flow) {
        Block.Table b = t.block();
        int headers = Math.min(b.headerRows(), t.rowHeights().length);
        float headerHeight = 0;
        for (int r = 0; r < headers; r++) {
            headerHeight += t.rowHeights()[r];
        }
        if (!flow.fresh()) {
            flow.moveDown(b.spaceBefore());
        }
        float firstBody = headers < t.rowHeights().length ? t.rowHeights()[headers] : 0;
        if (!flow.fresh() && headerHeight + Math.min(firstBody, flow.frameHeight() / 3) > flow.room() + Flow.EPS) {
            flow.newPage();
        }
        drawHeaderRows(t, headers, flow);
        boolean rowsOnPage = false;
        for (int r = headers; r < t.rowHeights().length; r++) {
            int columns = t.columns();
            int[] from = new int[columns];
            while (true) {
                float h = fragmentHeight(t, r, from, null);
                if (h <= flow.room() + Flow.EPS) {
                    drawRow(t, r, from, null, false, flow);
                    rowsOnPage = true;
                    break;
                }
                if (rowsOnPage) {
                    flow.newPage();
                    drawHeaderRows(t, headers, flow);
                    rowsOnPage = false;
                    continue;
                }
                // the row is taller than the room on a page holding only the header: split it by lines
                int[] to = new int[columns];
                boolean any = false;
                for (int c = 0; c < columns; c++) {
                    List<ParagraphSetter.Line> lines = t.cells().get(r).get(c);
                    float lh = lineHeightOf(b, r, c);
                    int fit = (int) Math.floor((flow.room() - 2 * PAD_Y + Flow.EPS) / lh);
                    to[c] = Math.min(lines.size(), from[c] + Math.max(0, fit));
                    any |= to[c] > from[c];
                }
                if (!any) {
                    if (flow.fresh() || flow.usedExactly(headerHeight)) {
                        throw new IllegalArgumentException("A table's header row leaves no room for a single line of its body "
                                + "on a page. Shorten the header cells of the table, or use a larger page.size in the style.");
                    }
                    flow.newPage();
                    drawHeaderRows(t, headers, flow);
                    continue;
                }
                drawRow(t, r, from, to, false, flow);
                from = to;
                flow.newPage();
                drawHeaderRows(t, headers, flow);
            }
        }
        flow.moveDown(b.spaceAfter());
    }

    private float lineHeightOf(Block.Table b, int r, int c) {
        List<Para> row = b.rows().get(r);
        return c < row.size() ? row.get(c).lineHeight : theme.lineHeight(theme.bodySize);
    }

    private float fragmentHeight(Laid t, int r, int[] from, int[] to) {
        float h = 0;
        for (int c = 0; c < t.columns(); c++) {
            int n = t.cells().get(r).get(c).size();
            int end = to == null ? n : to[c];
            h = Math.max(h, (end - from[c]) * lineHeightOf(t.block(), r, c));
        }
        if (to == null && allFrom0(from)) {
            return t.rowHeights()[r];
        }
        return h + 2 * PAD_Y;
    }

    private static boolean allFrom0(int[] from) {
        for (int f : from) {
            if (f != 0) {
                return false;
            }
        }
        return true;
    }

    private void drawHeaderRows(Laid t, int headers, Flow flow) {
        for (int r = 0; r < headers; r++) {
            drawRow(t, r, new int[t.columns()], null, true, flow);
        }
    }

    /** Draws a row, or the lines {@code from} (inclusive) {@code to} (exclusive, null: all) of each of its cells. */
    private void drawRow(Laid t, int r, int[] from, int[] to, boolean header, Flow flow) {
        float h = fragmentHeight(t, r, from, to);
        float y = flow.y();
        float x = flow.rtl ? flow.right() : flow.left();
        for (int c = 0; c < t.columns(); c++) {
            float w = t.widths()[c];
            float cx = flow.rtl ? x - w : x;
            flow.canvas().rect(cx, y - h, w, h, header ? HEADER_FILL : null, Flow.GRID, 0.5f);
            List<ParagraphSetter.Line> lines = t.cells().get(r).get(c);
            int end = to == null ? lines.size() : to[c];
            if (c < t.block().rows().get(r).size()) {
                Para para = t.block().rows().get(r).get(c);
                flow.tags().cell(r, c, header, para);
                float ly = y - PAD_Y;
                for (int i = from[c]; i < end; i++) {
                    flow.drawLine(lines.get(i), cx + PAD_X, ly - Flow.baseline(para), para.color);
                    ly -= para.lineHeight;
                }
                flow.tags().close();
            }
            x = flow.rtl ? x - w : x + w;
        }
        flow.filled(h);
    }
}
