package io.memoflow.document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The state of one render: which fonts, images and opacities its pages use. Resources are named
 * in the order of first use, so the same document always gives the same PDF.
 */
final class RenderContext {

    /**
     * Document-level facts written into the PDF's catalog and information dictionary; date may be
     * null; files are embedded (EmbeddedFiles name tree and /AF).
     */
    record DocInfo(String title, String subject, String language, boolean rightToLeft, Instant date, List<EmbeddedFile> files) {
    }

    private final Map<FontFace, CidFont> fonts = new LinkedHashMap<>();
    private final Map<ImageResource, String> images = new LinkedHashMap<>();
    private final Map<Integer, String> opacities = new LinkedHashMap<>();
    /** The logical structure (tagged PDF) the flow builds as it places blocks. */
    final StructureTree tags;

    /** @param language the document's primary language (BCP 47) */
    RenderContext(String language) {
        this.tags = new StructureTree(language);
    }

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
        int metadata = pdf.reserve();
        int outputIntent = pdf.reserve();
        int structRoot = pdf.reserve();
        pdf.object(catalog, "<< /Type /Catalog /Pages " + pagesNode + " 0 R /Lang " + PdfOut.text(info.language())
                + " /ViewerPreferences << /DisplayDocTitle true" + (info.rightToLeft() ? " /Direction /R2L" : "") + " >>"
                + " /Metadata " + metadata + " 0 R /OutputIntents [" + outputIntent + " 0 R] /MarkInfo << /Marked true >>"
                + " /StructTreeRoot " + structRoot + " 0 R" + embed(pdf, info.files()) + " >>");
        pdf.object(pagesNode, "<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>");
        for (int i = 0; i < pages.size(); i++) {
            Canvas page = pages.get(i);
            int content = pdf.reserve();
            pdf.object(pageObjects[i], "<< /Type /Page /Parent " + pagesNode + " 0 R /MediaBox [0 0 " + PdfOut.num(page.width)
                    + " " + PdfOut.num(page.height) + "] /Resources " + resources + " 0 R /Contents " + content + " 0 R"
                    + " /StructParents " + i + " /Tabs /S >>");
            pdf.stream(content, "", page.bytes(), true);
        }
        writeStructure(pdf, structRoot, pages, pageObjects);
        pdf.stream(metadata, "/Type /Metadata /Subtype /XML", PdfArchive.xmp(info.title(), info.subject(), info.language(),
                info.date(), info.date()), false);
        int profile = pdf.reserve();
        pdf.stream(profile, "/N 3", PdfArchive.srgbProfile(), true);
        pdf.object(outputIntent, "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (" + PdfArchive.SRGB
                + ") /RegistryName (http://www.color.org) /Info (" + PdfArchive.SRGB + ") /DestOutputProfile " + profile + " 0 R >>");
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

    /**
     * Writes the files a document carries (each a file specification with its embedded file
     * stream) and returns the catalog's entries for them: the EmbeddedFiles name tree (its names
     * sorted, as name trees require) and the associated files array {@code /AF} in the order given.
     */
    private static String embed(PdfOut pdf, List<EmbeddedFile> files) {
        if (files.isEmpty()) {
            return "";
        }
        Map<String, String> byName = new TreeMap<>();
        StringJoiner af = new StringJoiner(" ", " /AF [", "]");
        for (EmbeddedFile f : files) {
            int stream = pdf.reserve();
            String date = PdfOut.text(pdfDate(f.date()));
            pdf.stream(stream, "/Type /EmbeddedFile /Subtype " + PdfOut.name(f.mimeType()) + " /Params << /Size " + f.size()
                    + " /CreationDate " + date + " /ModDate " + date + " >>", f.bytes(), true);
            int spec = pdf.reserve();
            String name = PdfOut.text(f.name());
            pdf.object(spec, "<< /Type /Filespec /F " + name + " /UF " + name + " /EF << /F " + stream + " 0 R /UF " + stream
                    + " 0 R >> /Desc " + PdfOut.text(f.description()) + " /AFRelationship " + PdfOut.name(f.relationship()) + " >>");
            if (byName.put(f.name(), name + " " + spec + " 0 R") != null) {
                throw new IllegalArgumentException("Two embedded files are named " + f.name() + ": give each file its own name");
            }
            af.add(spec + " 0 R");
        }
        return " /Names << /EmbeddedFiles << /Names [" + String.join(" ", byName.values()) + "] >> >>" + af;
    }

    /**
     * The structure tree: the root, its {@code Document} element and every element under it (empty
     * ones left out, table cells kept), and the parent tree from each page's MCIDs to their elements.
     */
    private void writeStructure(PdfOut pdf, int root, List<Canvas> pages, int[] pageObjects) {
        Map<Canvas, Integer> pageObject = new HashMap<>();
        for (int i = 0; i < pages.size(); i++) {
            pageObject.put(pages.get(i), pageObjects[i]);
        }
        StructureTree.Element document = tags.document;
        number(pdf, document);
        int parentTree = pdf.reserve();
        pdf.object(root, "<< /Type /StructTreeRoot /K [" + document.object + " 0 R] /ParentTree " + parentTree
                + " 0 R /ParentTreeNextKey " + pages.size() + " >>");
        writeElement(pdf, document, root, pageObject);
        StringBuilder nums = new StringBuilder("<< /Nums [");
        for (int i = 0; i < pages.size(); i++) {
            nums.append(i == 0 ? "" : "\n").append(i).append(" [");
            List<StructureTree.Element> marked = pages.get(i).marked;
            for (int m = 0; m < marked.size(); m++) {
                nums.append(m == 0 ? "" : " ").append(marked.get(m).object).append(" 0 R");
            }
            nums.append(']');
        }
        pdf.object(parentTree, nums.append("] >>"));
    }

    /** True when an element is written: it holds content, or it is part of a table's grid. */
    private static boolean kept(StructureTree.Element e) {
        if (e.type.equals("TR") || e.type.equals("TD") || e.type.equals("TH")) {
            return true;
        }
        for (Object k : e.kids) {
            if (k instanceof StructureTree.Marked || kept((StructureTree.Element) k)) {
                return true;
            }
        }
        return false;
    }

    private static void number(PdfOut pdf, StructureTree.Element e) {
        e.object = pdf.reserve();
        for (Object k : e.kids) {
            if (k instanceof StructureTree.Element child && kept(child)) {
                number(pdf, child);
            }
        }
    }

    private static void writeElement(PdfOut pdf, StructureTree.Element e, int parent, Map<Canvas, Integer> pageObject) {
        StringBuilder sb = new StringBuilder(128).append("<< /Type /StructElem /S /").append(e.type).append(" /P ")
                .append(parent).append(" 0 R");
        if (e.lang != null) {
            sb.append(" /Lang ").append(PdfOut.text(e.lang));
        }
        if (e.scope != null) {
            sb.append(" /A << /O /Table /Scope /").append(e.scope).append(" >>");
        }
        sb.append(" /K [");
        boolean first = true;
        for (Object k : e.kids) {
            if (k instanceof StructureTree.Marked m) {
                sb.append(first ? "" : " ").append("<< /Type /MCR /Pg ").append(pageObject.get(m.page())).append(" 0 R /MCID ")
                        .append(m.mcid()).append(" >>");
                first = false;
            } else if (k instanceof StructureTree.Element child && kept(child)) {
                sb.append(first ? "" : " ").append(child.object).append(" 0 R");
                first = false;
            }
        }
        pdf.object(e.object, sb.append("] >>"));
        for (Object k : e.kids) {
            if (k instanceof StructureTree.Element child && kept(child)) {
                writeElement(pdf, child, e.object, pageObject);
            }
        }
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
