package io.memoflow.document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The state of one render: which fonts, images and opacities its pages use. Resources are named
 * in the order of first use, so the same document always gives the same PDF.
 */
final class RenderContext {

    /** Document-level facts written into the PDF's catalog and information dictionary; date may be null. */
    record DocInfo(String title, String subject, String language, boolean rightToLeft, Instant date) {
    }

    private final Map<FontFace, CidFont> fonts = new LinkedHashMap<>();
    private final Map<ImageResource, String> images = new LinkedHashMap<>();
    private final Map<Integer, String> opacities = new LinkedHashMap<>();

    CidFont font(FontFace face) {
        return fonts.computeIfAbsent(face, f -> new CidFont(f, "F" + (fonts.size() + 1)));
    }

    String image(ImageResource image) {
        return images.computeIfAbsent(image, i -> "Im" + (images.size() + 1));
    }

    String opacity(float alpha) {
        int key = Math.round(alpha * 1000);
        return opacities.computeIfAbsent(key, k -> "GS" + (opacities.size() + 1));
    }

    byte[] write(List<Canvas> pages, DocInfo info) {
        PdfOut pdf = new PdfOut();
        int catalog = pdf.reserve();
        int pagesNode = pdf.reserve();
        int resources = pdf.reserve();
        int infoObject = pdf.reserve();
        int[] pageObjects = new int[pages.size()];
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            pageObjects[i] = pdf.reserve();
            kids.append(i == 0 ? "" : " ").append(pageObjects[i]).append(" 0 R");
        }
        pdf.object(catalog, "<< /Type /Catalog /Pages " + pagesNode + " 0 R /Lang " + PdfOut.text(info.language())
                + " /ViewerPreferences << /DisplayDocTitle true" + (info.rightToLeft() ? " /Direction /R2L" : "") + " >> >>");
        pdf.object(pagesNode, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>");
        for (int i = 0; i < pages.size(); i++) {
            Canvas page = pages.get(i);
            int content = pdf.reserve();
            pdf.object(pageObjects[i], "<< /Type /Page /Parent " + pagesNode + " 0 R /MediaBox [0 0 " + PdfOut.num(page.width)
                    + " " + PdfOut.num(page.height) + "] /Resources " + resources + " 0 R /Contents " + content + " 0 R >>");
            pdf.stream(content, "", page.bytes(), true);
        }
        StringBuilder res = new StringBuilder("<< /ProcSet [/PDF /Text /ImageB /ImageC]");
        if (!fonts.isEmpty()) {
            res.append(" /Font <<");
            for (CidFont font : fonts.values()) {
                if (font.used()) {
                    int obj = font.write(pdf);
                    res.append(" /").append(font.resourceName).append(' ').append(obj).append(" 0 R");
                }
            }
            res.append(" >>");
        }
        if (!images.isEmpty()) {
            res.append(" /XObject <<");
            for (Map.Entry<ImageResource, String> e : images.entrySet()) {
                ImageResource image = e.getKey();
                int obj = pdf.reserve();
                String dict = image.dictionary;
                if (image.alpha != null) {
                    int mask = pdf.reserve();
                    pdf.encodedStream(mask, "/Type /XObject /Subtype /Image /Width " + image.width + " /Height " + image.height
                            + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", image.alpha);
                    dict += " /SMask " + mask + " 0 R";
                }
                pdf.encodedStream(obj, dict, image.data);
                res.append(" /").append(e.getValue()).append(' ').append(obj).append(" 0 R");
            }
            res.append(" >>");
        }
        if (!opacities.isEmpty()) {
            res.append(" /ExtGState <<");
            for (Map.Entry<Integer, String> e : opacities.entrySet()) {
                String a = PdfOut.num(e.getKey() / 1000.0);
                res.append(" /").append(e.getValue()).append(" << /Type /ExtGState /ca ").append(a).append(" /CA ").append(a).append(" >>");
            }
            res.append(" >>");
        }
        res.append(" >>");
        pdf.object(resources, res);
        String dates = "";
        if (info.date() != null) {
            String date = pdfDate(info.date());
            dates = " /CreationDate (" + date + ") /ModDate (" + date + ")";
        }
        pdf.object(infoObject, "<< /Title " + PdfOut.text(info.title()) + " /Subject " + PdfOut.text(info.subject())
                + " /Producer (memoflow) /Creator (memoflow)" + dates + " >>");
        return pdf.finish(catalog, infoObject, documentId(pdf.soFar()));
    }

    private static String pdfDate(Instant date) {
        return "D:" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(date) + "Z";
    }

    /**
     * The file identifier: derived from the content, so it is stable and differs between documents.
     * Checksums the processor computes in hardware (CRC-32C, CRC-32) and the length, not a
     * cryptographic digest: the identifier proves nothing (the signatures do), and digesting every
     * rendered file cost more than a tenth of rendering it.
     */
    private static String documentId(byte[] body) {
        CRC32C c32c = new CRC32C();
        c32c.update(body, 0, body.length);
        CRC32 c32 = new CRC32();
        c32.update(body, 0, body.length);
        CRC32C tail = new CRC32C(); // the second half again, so that edits that keep both whole-file checksums still change it
        tail.update(body, body.length / 2, body.length - body.length / 2);
        ByteBuffer id = ByteBuffer.allocate(16).putInt((int) c32c.getValue()).putInt((int) c32.getValue())
                .putInt((int) tail.getValue()).putInt(body.length);
        return HexFormat.of().withUpperCase().formatHex(id.array());
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
