package io.memoflow.document;

import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * Reads a PDF's content streams back with PDFBox and records every filled path with its bounds
 * in page space: the glyphs memoflow draws as outlines rather than as text (those that stand for
 * no text, such as the tatweels of kashida justification, are drawn so for PDF/A).
 */
final class OutlineCapture extends PDFGraphicsStreamEngine {

    /** A filled path: its page (from 1) and its bounds in page space (origin at the bottom left). */
    record Fill(int page, Rectangle2D bounds) {
    }

    private final List<Fill> fills = new ArrayList<>();
    private final int page;
    private GeneralPath path = new GeneralPath();

    private OutlineCapture(PDPage page, int number) {
        super(page);
        this.page = number;
    }

    static List<Fill> read(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Fill> out = new ArrayList<>();
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                OutlineCapture capture = new OutlineCapture(doc.getPage(i), i + 1);
                capture.processPage(doc.getPage(i));
                out.addAll(capture.fills);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
        path.moveTo(p0.getX(), p0.getY());
        path.lineTo(p1.getX(), p1.getY());
        path.lineTo(p2.getX(), p2.getY());
        path.lineTo(p3.getX(), p3.getY());
        path.closePath();
    }

    @Override
    public void drawImage(PDImage pdImage) {
    }

    @Override
    public void clip(int windingRule) {
    }

    @Override
    public void moveTo(float x, float y) {
        path.moveTo(x, y);
    }

    @Override
    public void lineTo(float x, float y) {
        path.lineTo(x, y);
    }

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        path.curveTo(x1, y1, x2, y2, x3, y3);
    }

    @Override
    public Point2D getCurrentPoint() {
        return path.getCurrentPoint() == null ? new Point2D.Float() : path.getCurrentPoint();
    }

    @Override
    public void closePath() {
        path.closePath();
    }

    @Override
    public void endPath() {
        path = new GeneralPath();
    }

    @Override
    public void strokePath() {
        path = new GeneralPath();
    }

    @Override
    public void fillPath(int windingRule) {
        if (path.getCurrentPoint() != null) {
            fills.add(new Fill(page, path.getBounds2D()));
        }
        path = new GeneralPath();
    }

    @Override
    public void fillAndStrokePath(int windingRule) {
        fillPath(windingRule);
    }

    @Override
    public void shadingFill(COSName shadingName) {
    }
}
