package io.memoflow.document;

/**
 * A shaped run placed on a line.
 *
 * @param x      where the run's left edge is, in points from the page's left edge
 * @param shifts extra horizontal shift of each glyph in points (justification), or null
 * @param decoration the {@link Fonts#DECORATIONS} bits of the run's style (struck, underlined, note)
 */
record LineRun(ShapedRun run, float size, boolean oblique, float x, float[] shifts, int decoration) {

    LineRun(ShapedRun run, float size, boolean oblique, float x, float[] shifts) {
        this(run, size, oblique, x, shifts, 0);
    }

    float shift(int glyph) {
        return shifts == null ? 0f : shifts[glyph];
    }

    /** Width in points, including justification. */
    float width() {
        return run.advance * size / 1000f + (shifts == null || shifts.length == 0 ? 0f : shifts[shifts.length - 1]);
    }

    LineRun movedBy(float dx) {
        return new LineRun(run, size, oblique, x + dx, shifts, decoration);
    }
}
