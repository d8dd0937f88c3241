package io.memoflow.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

/**
 * What a reader sees in one revision of a PDF, reduced to digests: pages (content, resources,
 * annotations), form fields, embedded files and document-level objects. Comparing two revisions
 * names what changed between them, in plain words.
 */
final class DocumentState {

    private static final COSName RF = COSName.getPDFName("RF");

    /** Kinds of change, from the most to the least visible. */
    enum Kind {
        /** pages added or removed */
        PAGES,
        /** what a page shows: its content, resources, size, crop, rotation, inherited or its own */
        CONTENT,
        /** an annotation (a signature field's widget included) added, changed or removed */
        ANNOTATION,
        /** a signature field the certified document did not reserve was added, or one was removed */
        SIGNATURE_FIELD,
        /** a reserved, empty signature field was signed, in the place reserved for it: the one change signing makes */
        SIGNATURE,
        /** an invisible signature field holding a document timestamp (ETSI.RFC3161) was added: what PAdES LTA adds */
        TIMESTAMP,
        FORM_FIELD, ATTACHMENT, DOCUMENT
    }

    /** One change between two revisions. */
    record Change(Kind kind, String text) {
    }

    /**
     * One annotation of a page.
     *
     * @param digest the whole annotation
     * @param core   the annotation without what signing a reserved field sets (/V, /AP) and without /Rect
     * @param rect   its /Rect (normalised: llx, lly, urx, ury), or null
     */
    record Annot(String id, String subtype, boolean signatureField, String fieldName, boolean signed, String digest, String core,
                 float[] rect, boolean documentTimestamp) {
    }

    record Page(String content, String resources, String other, List<Annot> annots) {
    }

    final List<Page> pages = new ArrayList<>();
    final Map<String, String> attachments = new LinkedHashMap<>();
    final Map<String, String> formFields = new LinkedHashMap<>();
    final Map<String, Boolean> signatureFields = new LinkedHashMap<>();
    /** Empty signature fields: field name to the address of the signatory it is reserved for ("" when none is named). */
    final Map<String, String> reserved = new LinkedHashMap<>();
    /** The page tree's own entries (inheritable attributes): "/Pages /CropBox" and the like, to a digest. */
    final Map<String, String> pageTree = new LinkedHashMap<>();
    /** The interactive form dictionary's entries but /Fields, to a digest. */
    final Map<String, String> acroForm = new LinkedHashMap<>();
    /** Each embedded file's specification, by entry ("/EF /F", "/UF", ...), to a digest. */
    final Map<String, Map<String, String>> fileSpecs = new LinkedHashMap<>();
    String catalog;
    /** the document security store (/DSS: validation data), "none" when there is none */
    String dss;
    String names;
    String associatedFiles;
    String perms;
    String info;

    private DocumentState() {
    }

    static DocumentState of(PDDocument doc) throws IOException {
        DocumentState s = new DocumentState();
        for (PDPage page : doc.getPages()) {
            COSDictionary p = page.getCOSObject();
            String content = contentDigest(page);
            String resources = page.getResources() == null ? "none" : digest(page.getResources().getCOSObject());
            // the page's own settings and the ones it inherits from the page tree
            String other = digest(p, COSName.ANNOTS, COSName.CONTENTS, COSName.RESOURCES, COSName.PARENT)
                    + digest(page.getMediaBox().getCOSArray()) + digest(page.getCropBox().getCOSArray()) + page.getRotation();
            List<Annot> annots = new ArrayList<>();
            COSArray array = p.getCOSArray(COSName.ANNOTS);
            if (array != null) {
                for (int i = 0; i < array.size(); i++) {
                    COSBase raw = array.get(i);
                    COSBase base = raw instanceof COSObject o ? o.getObject() : raw;
                    if (!(base instanceof COSDictionary a)) {
                        continue;
                    }
                    String id = raw instanceof COSObject o && o.getKey() != null ? o.getKey().toString() : "direct#" + i;
                    COSName subtype = a.getCOSName(COSName.SUBTYPE);
                    boolean sig = COSName.SIG.equals(fieldType(a));
                    String name = sig ? fieldName(a) : "";
                    boolean signed = sig && hasValue(a);
                    annots.add(new Annot(id, subtype == null ? "unknown" : subtype.getName(), sig, name, signed,
                            digest(a, COSName.P, COSName.PARENT), digest(a, COSName.P, COSName.PARENT, COSName.V, COSName.AP,
                            COSName.RECT), rect(a), signed && documentTimestamp(a)));
                }
            }
            s.pages.add(new Page(content, resources, other, annots));
        }
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        s.pageTree(catalog.getCOSDictionary(COSName.PAGES), "/Pages", 0);
        COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
        if (names != null) {
            s.embeddedFiles(names.getDictionaryObject(COSName.EMBEDDED_FILES), 0);
        }
        s.fileSpecs.forEach((k, v) -> s.attachments.put(k, String.join(",", v.values())));
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
            s.acroForm.putAll(entries(form.getCOSObject(), Set.of(COSName.FIELDS), ""));
            for (PDField f : form.getFieldTree()) {
                if (f instanceof PDSignatureField sf) {
                    s.signatureFields.put(f.getFullyQualifiedName(), sf.getSignature() != null);
                    if (sf.getSignature() == null) {
                        String email = f.getCOSObject().getString(PdfSigner.SIGNATORY);
                        s.reserved.put(f.getFullyQualifiedName(), email == null ? "" : email);
                    }
                } else if (f.getCOSObject().containsKey(COSName.FT) || f.getCOSObject().containsKey(COSName.V)) {
                    s.formFields.put(f.getFullyQualifiedName(), digest(f.getCOSObject(), COSName.PARENT, COSName.KIDS, COSName.P));
                }
            }
        }
        s.catalog = digest(catalog, COSName.PAGES, COSName.ACRO_FORM, COSName.NAMES, COSName.AF, COSName.PERMS,
                COSName.getPDFName("DSS"));
        s.names = names == null ? "none" : digest(names, COSName.EMBEDDED_FILES);
        s.dss = catalog.getDictionaryObject(PdfSigner.DSS) == null ? "none" : digest(catalog.getDictionaryObject(PdfSigner.DSS));
        s.associatedFiles = catalog.getDictionaryObject(COSName.AF) == null ? "none" : digest(catalog.getDictionaryObject(COSName.AF));
        s.perms = catalog.getDictionaryObject(COSName.PERMS) == null ? "none" : digest(catalog.getDictionaryObject(COSName.PERMS));
        COSBase info = doc.getDocument().getTrailer().getDictionaryObject(COSName.INFO);
        s.info = info == null ? "none" : digest(info);
        return s;
    }

    /** The page tree nodes' own entries (not /Kids, /Count, /Parent, /Type): what every page below them inherits. */
    private void pageTree(COSDictionary node, String path, int depth) {
        if (node == null || depth > 32 || !COSName.PAGES.equals(node.getCOSName(COSName.TYPE))) {
            return;
        }
        pageTree.putAll(entries(node, Set.of(COSName.KIDS, COSName.COUNT, COSName.PARENT, COSName.TYPE), path + " "));
        COSArray kids = node.getCOSArray(COSName.KIDS);
        for (int i = 0; kids != null && i < kids.size(); i++) {
            if (kids.getObject(i) instanceof COSDictionary kid) {
                pageTree(kid, path + " /Kids[" + i + "]", depth + 1);
            }
        }
    }

    /** Every embedded file's specification in the EmbeddedFiles name tree, by name; a repeated name gets " (2)", ... */
    private void embeddedFiles(COSBase raw, int depth) {
        COSBase base = raw instanceof COSObject o ? o.getObject() : raw;
        if (!(base instanceof COSDictionary node) || depth > 32) {
            return;
        }
        COSArray names = node.getCOSArray(COSName.NAMES);
        for (int i = 0; names != null && i + 1 < names.size(); i += 2) {
            String name = names.getObject(i) instanceof COSString n ? n.getString() : "?";
            String key = name;
            for (int n = 2; fileSpecs.containsKey(key); n++) {
                key = name + " (" + n + ")";
            }
            COSBase spec = names.getObject(i + 1);
            Map<String, String> entries = new LinkedHashMap<>();
            if (spec instanceof COSDictionary fs) {
                entries.putAll(entries(fs, Set.of(COSName.EF, RF), ""));
                for (COSName sub : List.of(COSName.EF, RF)) {
                    if (fs.getDictionaryObject(sub) instanceof COSDictionary d) {
                        entries.putAll(entries(d, Set.of(), "/" + sub.getName() + " "));
                    } else if (fs.containsKey(sub)) {
                        entries.put("/" + sub.getName(), digest(fs.getDictionaryObject(sub)));
                    }
                }
            } else {
                entries.put("(not a dictionary)", digest(spec));
            }
            fileSpecs.put(key, entries);
        }
        COSArray kids = node.getCOSArray(COSName.KIDS);
        for (int i = 0; kids != null && i < kids.size(); i++) {
            embeddedFiles(kids.get(i), depth + 1);
        }
    }

    /** A dictionary's entries, each to the digest of its value, leaving out some keys. */
    private static Map<String, String> entries(COSDictionary d, Set<COSName> skip, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        d.keySet().stream().filter(k -> !skip.contains(k)).sorted((a, b) -> a.getName().compareTo(b.getName()))
                .forEach(k -> out.put(prefix + "/" + k.getName(), digest(d.getItem(k))));
        return out;
    }

    /** What differs between two sets of entries: "/XFA was added", "/CropBox was changed", ... */
    private static List<String> entryChanges(Map<String, String> before, Map<String, String> after) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                out.add(e.getKey() + " was added");
            } else if (!old.equals(e.getValue())) {
                out.add(e.getKey() + " was changed");
            }
        }
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                out.add(k + " was removed");
            }
        }
        return out;
    }

    private static float[] rect(COSDictionary annot) {
        COSArray r = annot.getCOSArray(COSName.RECT);
        if (r == null || r.size() != 4) {
            return null;
        }
        float[] v = new float[4];
        for (int i = 0; i < 4; i++) {
            if (!(r.getObject(i) instanceof COSNumber n)) {
                return null;
            }
            v[i] = n.floatValue();
        }
        return new float[] {Math.min(v[0], v[2]), Math.min(v[1], v[3]), Math.max(v[0], v[2]), Math.max(v[1], v[3])};
    }

    /** True when {@code inner} lies inside {@code outer} (to a hundredth of a point). */
    static boolean inside(float[] inner, float[] outer) {
        float e = 0.01f;
        return inner != null && outer != null && inner[0] >= outer[0] - e && inner[1] >= outer[1] - e
                && inner[2] <= outer[2] + e && inner[3] <= outer[3] + e;
    }

    static String box(float[] r) {
        return r == null ? "none" : String.format(Locale.ROOT, "[%.1f %.1f %.1f %.1f]", r[0], r[1], r[2], r[3]);
    }

    /** What changed from {@code before} to {@code after}, in plain words. */
    static List<Change> diff(DocumentState before, DocumentState after) {
        List<Change> out = new ArrayList<>();
        int n = Math.min(before.pages.size(), after.pages.size());
        if (after.pages.size() > before.pages.size()) {
            out.add(new Change(Kind.PAGES, plural(after.pages.size() - before.pages.size(), "page was", "pages were")
                    + " added (" + before.pages.size() + " before, " + after.pages.size() + " after)"));
        } else if (after.pages.size() < before.pages.size()) {
            out.add(new Change(Kind.PAGES, plural(before.pages.size() - after.pages.size(), "page was", "pages were")
                    + " removed (" + before.pages.size() + " before, " + after.pages.size() + " after)"));
        }
        for (int i = 0; i < n; i++) {
            Page b = before.pages.get(i);
            Page a = after.pages.get(i);
            int no = i + 1;
            if (!b.content().equals(a.content())) {
                out.add(new Change(Kind.CONTENT, "the content (text or drawings) of page " + no + " was changed"));
            }
            if (!b.resources().equals(a.resources())) {
                out.add(new Change(Kind.CONTENT, "the resources (fonts, images) of page " + no + " were changed"));
            }
            if (!b.other().equals(a.other())) {
                out.add(new Change(Kind.CONTENT, "the page settings (size, rotation, ...) of page " + no + " were changed"));
            }
            Map<String, Annot> old = new LinkedHashMap<>();
            b.annots().forEach(x -> old.put(x.id(), x));
            Set<String> seen = new LinkedHashSet<>();
            for (Annot x : a.annots()) {
                seen.add(x.id());
                Annot y = old.get(x.id());
                if (y == null) {
                    if (x.documentTimestamp()) {
                        out.add(new Change(Kind.TIMESTAMP, "a document timestamp '" + x.fieldName() + "' was added (invisible, on page "
                                + no + ")"));
                    } else if (x.signatureField()) {
                        out.add(new Change(Kind.SIGNATURE_FIELD, (x.signed() ? "a signature" : "an unsigned signature field")
                                + " '" + x.fieldName() + "' was added on page " + no + " at " + box(x.rect())
                                + ", in a new field where the certified document reserved none"));
                    } else {
                        out.add(new Change(Kind.ANNOTATION, "a " + x.subtype() + " annotation was added on page " + no));
                    }
                } else if (y.signatureField() && x.signatureField() && !y.signed() && x.signed() && y.core().equals(x.core())) {
                    if (inside(x.rect(), y.rect())) {
                        out.add(new Change(Kind.SIGNATURE, "the reserved signature field '" + x.fieldName() + "' on page " + no
                                + " was signed"));
                    } else {
                        out.add(new Change(Kind.ANNOTATION, "the signature '" + x.fieldName() + "' on page " + no + " was placed at "
                                + box(x.rect()) + ", outside the place reserved for it " + box(y.rect())
                                + ": its appearance may cover the text"));
                    }
                } else if (!y.digest().equals(x.digest())) {
                    out.add(new Change(Kind.ANNOTATION, (x.signatureField() ? "the signature field '" + x.fieldName() + "'"
                            : "a " + x.subtype() + " annotation") + " on page " + no + " was changed"));
                }
            }
            for (Annot y : b.annots()) {
                if (!seen.contains(y.id())) {
                    out.add(new Change(Kind.ANNOTATION, (y.signatureField() ? "the signature field '" + y.fieldName() + "'"
                            : "a " + y.subtype() + " annotation") + " was removed from page " + no));
                }
            }
        }
        for (Map.Entry<String, Boolean> e : before.signatureFields.entrySet()) {
            if (!after.signatureFields.containsKey(e.getKey())) {
                out.add(new Change(Kind.SIGNATURE_FIELD, "the signature field '" + e.getKey() + "' was removed from the form"));
            } else if (e.getValue() && !after.signatureFields.get(e.getKey())) {
                out.add(new Change(Kind.SIGNATURE_FIELD, "the signature in field '" + e.getKey() + "' was removed"));
            }
        }
        compareMaps(before.formFields, after.formFields, Kind.FORM_FIELD, "form field", out);
        compareMaps(before.attachments, after.attachments, Kind.ATTACHMENT, "embedded file", out);
        for (int i = 0; i < out.size(); i++) {
            Change c = out.get(i);
            for (Map.Entry<String, Map<String, String>> e : after.fileSpecs.entrySet()) {
                Map<String, String> old = before.fileSpecs.get(e.getKey());
                if (old != null && c.text().equals("the embedded file '" + e.getKey() + "' was changed")) {
                    out.set(i, new Change(c.kind(), c.text() + " (its file specification: "
                            + String.join(", ", entryChanges(old, e.getValue())) + ")"));
                }
            }
        }
        List<String> tree = entryChanges(before.pageTree, after.pageTree);
        if (!tree.isEmpty()) {
            out.add(new Change(Kind.CONTENT, "the page tree's attributes, which its pages inherit, were changed: "
                    + String.join(", ", tree)));
        }
        List<String> form = entryChanges(before.acroForm, after.acroForm);
        if (!form.isEmpty()) {
            out.add(new Change(Kind.DOCUMENT, "the interactive form dictionary (/AcroForm) was changed: " + String.join(", ", form)));
        }
        if (!before.associatedFiles.equals(after.associatedFiles)) {
            out.add(new Change(Kind.ATTACHMENT, "the document's associated files (/AF) were changed"));
        }
        if (!before.catalog.equals(after.catalog)) {
            out.add(new Change(Kind.DOCUMENT, "document-level objects (catalog: metadata, outlines, actions, ...) were changed"));
        }
        if (!before.names.equals(after.names)) {
            out.add(new Change(Kind.DOCUMENT, "the document's name trees (named destinations, scripts, ...) were changed"));
        }
        if (!before.info.equals(after.info)) {
            out.add(new Change(Kind.DOCUMENT, "the document information (title, author, ...) was changed"));
        }
        if (!before.perms.equals(after.perms)) {
            out.add(new Change(Kind.DOCUMENT, "the document's permissions (/Perms, the certification) were changed"));
        }
        return out;
    }

    private static void compareMaps(Map<String, String> before, Map<String, String> after, Kind kind, String what, List<Change> out) {
        for (Map.Entry<String, String> e : after.entrySet()) {
            String old = before.get(e.getKey());
            if (old == null) {
                out.add(new Change(kind, "the " + what + " '" + e.getKey() + "' was added"));
            } else if (!old.equals(e.getValue())) {
                out.add(new Change(kind, "the " + what + " '" + e.getKey() + "' was changed"));
            }
        }
        for (String k : before.keySet()) {
            if (!after.containsKey(k)) {
                out.add(new Change(kind, "the " + what + " '" + k + "' was removed"));
            }
        }
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? "1 " + one : n + " " + many;
    }

    private static COSName fieldType(COSDictionary field) {
        int depth = 0;
        for (COSDictionary d = field; d != null && depth < 32; d = d.getCOSDictionary(COSName.PARENT), depth++) {
            COSName ft = d.getCOSName(COSName.FT);
            if (ft != null) {
                return ft;
            }
        }
        return null;
    }

    /**
     * An invisible widget (no area) of a signature field whose value is a document timestamp
     * (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161): nothing a reader sees.
     */
    private static boolean documentTimestamp(COSDictionary widget) {
        float[] r = rect(widget);
        if (r != null && r[2] - r[0] > 0.01f && r[3] - r[1] > 0.01f) {
            return false;
        }
        int depth = 0;
        for (COSDictionary d = widget; d != null && depth < 32; d = d.getCOSDictionary(COSName.PARENT), depth++) {
            if (d.getDictionaryObject(COSName.V) instanceof COSDictionary v) {
                return COSName.DOC_TIME_STAMP.equals(v.getCOSName(COSName.TYPE))
                        && PdfSigner.RFC3161.equals(v.getCOSName(COSName.SUB_FILTER));
            }
        }
        return false;
    }

    private static boolean hasValue(COSDictionary field) {
        int depth = 0;
        for (COSDictionary d = field; d != null && depth < 32; d = d.getCOSDictionary(COSName.PARENT), depth++) {
            if (d.getDictionaryObject(COSName.V) instanceof COSDictionary) {
                return true;
            }
        }
        return false;
    }

    private static String fieldName(COSDictionary field) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        for (COSDictionary d = field; d != null && depth < 32; d = d.getCOSDictionary(COSName.PARENT), depth++) {
            String t = d.getString(COSName.T);
            if (t != null) {
                parts.add(0, t);
            }
        }
        return String.join(".", parts);
    }

    private static String contentDigest(PDPage page) {
        MessageDigest md = sha();
        try (InputStream in = page.getContents()) {
            in.transferTo(digestStream(md));
        } catch (IOException e) {
            md.update(("unreadable:" + e.getMessage()).getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** A digest of an object and everything it refers to (cycles cut), leaving out the given keys at the top. */
    static String digest(COSBase base, COSName... skip) {
        MessageDigest md = sha();
        new Hasher(md).hash(base, Set.of(skip), 0);
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(byte[] data) {
        return HexFormat.of().formatHex(sha().digest(data));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    private static OutputStream digestStream(MessageDigest md) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                md.update((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                md.update(b, off, len);
            }
        };
    }

    private static final COSName OBJ = COSName.getPDFName("Obj");

    /** Canonical hashing of COS objects; /Parent and /P back-references are never followed. */
    private static final class Hasher {
        private final MessageDigest md;
        private final Map<COSBase, Integer> seen = new IdentityHashMap<>();

        Hasher(MessageDigest md) {
            this.md = md;
        }

        void hash(COSBase raw, Set<COSName> skip, int depth) {
            COSBase base = raw instanceof COSObject o ? o.getObject() : raw;
            if (depth > 200) {
                put("deep");
                return;
            }
            if (base == null || base instanceof COSNull) {
                put("null");
            } else if (base instanceof COSBoolean b) {
                put("b" + b.getValue());
            } else if (base instanceof COSInteger i) {
                put("i" + i.longValue());
            } else if (base instanceof COSFloat f) {
                put("f" + f.floatValue());
            } else if (base instanceof COSName n) {
                put("n" + n.getName());
            } else if (base instanceof COSString s) {
                put("s" + HexFormat.of().formatHex(s.getBytes()));
            } else if (base instanceof COSArray a) {
                Integer ref = seen.get(a);
                if (ref != null) {
                    put("ref" + ref);
                    return;
                }
                seen.put(a, seen.size());
                put("[" + a.size());
                for (int i = 0; i < a.size(); i++) {
                    hash(a.get(i), Set.of(), depth + 1);
                }
                put("]");
            } else if (base instanceof COSDictionary d) {
                Integer ref = seen.get(d);
                if (ref != null) {
                    put("ref" + ref);
                    return;
                }
                seen.put(d, seen.size());
                put("<<");
                d.keySet().stream().map(COSName::getName).sorted().forEach(k -> {
                    COSName key = COSName.getPDFName(k);
                    if (skip.contains(key) || key.equals(COSName.PARENT)
                            || (key.equals(COSName.P) || key.equals(COSName.PG) || key.equals(OBJ))
                            && d.getDictionaryObject(key) instanceof COSDictionary) {
                        // back-references to parents and pages; the structure tree's references to pages (/Pg)
                        // and to annotations (/Obj: a signature widget, filled when its party signs), which
                        // are compared on their own
                        return;
                    }
                    put("/" + k);
                    hash(d.getItem(key), Set.of(), depth + 1);
                });
                if (d instanceof COSStream stream) {
                    put("stream");
                    try (InputStream in = stream.createRawInputStream()) {
                        in.transferTo(digestStream(md));
                    } catch (IOException e) {
                        put("unreadable:" + e.getMessage());
                    }
                }
                put(">>");
            } else {
                put(Objects.toString(base));
            }
        }

        private void put(String s) {
            md.update(s.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
    }
}
