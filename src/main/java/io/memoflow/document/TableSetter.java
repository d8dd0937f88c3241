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

    /**
     * A table laid out for a frame width: its columns' widths, each cell's lines, each row's height.
     *
     * @param block     the table as set: its cells at the size they are set in (smaller than the
     *                  document's when its words did not fit otherwise)
     * @param landscape whether the table goes on landscape pages (its words did not fit across a
     *                  portrait page even in the smallest type)
     */
    record Laid(Block.Table block, float[] widths, List<List<List<ParagraphSetter.Line>>> cells, float[] rowHeights,
                int columns, boolean landscape) {

        /** The space before the table, its header rows and its first two body rows: what should start on the same page. */
        float opening() {
            float h = block.spaceBefore();
            int rows = Math.min(rowHeights.length, block.headerRows() + 2);
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

    /** The cells of a table prepared at one scale of their sizes, with each column's minimum and natural width. */
    private record Measured(Block.Table table, List<List<ParagraphSetter.Prepared>> cells, float[] min, float[] max, int columns) {

        float sumMin() {
            float sum = 0;
            for (float m : min) {
                sum += m;
            }
            return sum;
        }
    }

    /** Lays a table out for a portrait frame width only (landscape pages not offered). */
    Laid lay(Block.Table t, float available) {
        return lay(t, available, 0);
    }

    /**
     * Lays a table out: column widths from the cells' minimum widths (their longest word or
     * number) and natural widths (all on one line), as CSS's automatic table layout does. When
     * the minimum widths exceed {@code available}, the table's type is made smaller (down to the
     * style's {@code size.table-minimum}); when that is not enough, the table is laid out for
     * {@code landscape} (the frame's width on a landscape page; 0: not offered), smaller there too
     * if need be. A table whose words do not fit even so is refused: words are never cut.
     */
    Laid lay(Block.Table t, float available, float landscape) {
        Measured m = measure(t, 1f);
        if (m.sumMin() <= available + Flow.EPS) {
            return lay(m, available, 1f, false);
        }
        Measured smaller = shrunk(t, m, available);
        if (smaller != null) {
            return lay(smaller, available, scaleOf(t, smaller), false);
        }
        if (landscape > available) {
            if (m.sumMin() <= landscape + Flow.EPS) {
                return lay(m, landscape, 1f, true);
            }
            smaller = shrunk(t, m, landscape);
            if (smaller != null) {
                return lay(smaller, landscape, scaleOf(t, smaller), true);
            }
        }
        float floor = theme.tableMinimumSize;
        Measured smallest = measure(t, floor / largestSize(t));
        throw new IllegalArgumentException("A table with " + m.columns() + " columns is too wide for the page: even in "
                + PdfOut.num(floor) + " pt type" + (landscape > available ? " and on landscape pages" : "") + " its longest words "
                + "and numbers need " + millimetres(smallest.sumMin()) + " mm side by side, and the page has "
                + millimetres(Math.max(available, landscape)) + " mm. Words are never cut: split the table into narrower ones "
                + "(fewer columns), shorten the longest entries (" + longestEntry(t) + "), or use a larger page.size in the style.");
    }

    private static String millimetres(float points) {
        return Integer.toString(Math.round(points * 25.4f / 72f));
    }

    /** The longest unbreakable entry of a table, to name it in a refusal. */
    private static String longestEntry(Block.Table t) {
        String longest = "";
        for (List<Para> row : t.rows()) {
            for (Para p : row) {
                for (String word : p.text.split("\\s+")) {
                    if (word.length() > longest.length()) {
                        longest = word;
                    }
                }
            }
        }
        return longest.length() > 60 ? longest.substring(0, 60) + "…" : longest;
    }

    private static float largestSize(Block.Table t) {
        float largest = 1f;
        for (List<Para> row : t.rows()) {
            for (Para p : row) {
                largest = Math.max(largest, p.size);
            }
        }
        return largest;
    }

    private static float scaleOf(Block.Table original, Measured m) {
        return largestSize(m.table()) / largestSize(original);
    }

    /**
     * The table measured at the largest smaller size whose minimum widths fit {@code available},
     * or null when even the style's smallest table type does not fit.
     */
    private Measured shrunk(Block.Table t, Measured full, float available) {
        float lowest = Math.min(1f, theme.tableMinimumSize / largestSize(t));
        float padding = 2 * PAD_X * full.columns();
        // widths less padding scale with the type; a few steps correct for hinting-free rounding and kerning
        float scale = (available - padding) / Math.max(1f, full.sumMin() - padding);
        for (int attempt = 0; attempt < 6 && scale >= lowest - 1e-4f; attempt++) {
            Measured m = measure(t, Math.max(scale, lowest));
            if (m.sumMin() <= available + Flow.EPS) {
                return m;
            }
            scale = Math.min(scale * 0.98f, scale * (available - padding) / Math.max(1f, m.sumMin() - padding));
        }
        return null;
    }

    /** The table's cells prepared with their sizes times {@code scale}, and each column's minimum and natural width. */
    private Measured measure(Block.Table original, float scale) {
        Block.Table t = original;
        if (scale != 1f) {
            List<List<Para>> rows = new ArrayList<>();
            for (List<Para> row : original.rows()) {
                List<Para> scaled = new ArrayList<>(row.size());
                for (Para p : row) {
                    scaled.add(p.withSize(p.size * scale, p.lineHeight * scale));
                }
                rows.add(scaled);
            }
            t = new Block.Table(rows, original.headerRows(), original.spaceBefore(), original.spaceAfter());
        }
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
        return new Measured(t, prepared, min, max, columns);
    }

    private Laid lay(Measured m, float available, float scale, boolean landscape) {
        Block.Table t = m.table();
        int columns = m.columns();
        List<List<ParagraphSetter.Prepared>> prepared = m.cells();
        float[] widths = columnWidths(m.min(), m.max(), available);
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
            rowHeights[r] = Math.max(h, theme.lineHeight(theme.bodySize * 0.92f * scale)) + 2 * PAD_Y;
        }
        return new Laid(t, widths, cells, rowHeights, columns, landscape);
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
        int rows = t.rowHeights().length;
        // the header and the first two body rows start on the same page: never one row alone at a page's foot
        float opening = headerHeight;
        for (int r = headers; r < Math.min(rows, headers + 2); r++) {
            opening += t.rowHeights()[r];
        }
        float firstBody = headers < rows ? t.rowHeights()[headers] : 0;
        float need = opening <= flow.frameHeight() - headerHeight ? opening : headerHeight + Math.min(firstBody, flow.frameHeight() / 3);
        if (!flow.fresh() && need > flow.room() + Flow.EPS) {
            flow.newPage();
        }
        drawHeaderRows(t, headers, flow);
        int rowsOnPage = 0;
        for (int r = headers; r < rows; r++) {
            int columns = t.columns();
            int[] from = new int[columns];
            while (true) {
                float h = fragmentHeight(t, r, from, null);
                // the last two rows go to the next page together rather than leave the last alone there,
                // when the page keeps at least two rows
                boolean widow = r == rows - 2 && rowsOnPage >= 2 && allFrom0(from)
                        && h + t.rowHeights()[rows - 1] > flow.room() + Flow.EPS
                        && h + t.rowHeights()[rows - 1] <= flow.frameHeight() - headerHeight;
                if (h <= flow.room() + Flow.EPS && !widow) {
                    drawRow(t, r, from, null, false, flow);
                    rowsOnPage++;
                    break;
                }
                if (rowsOnPage > 0) {
                    flow.newPage();
                    drawHeaderRows(t, headers, flow);
                    rowsOnPage = 0;
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
