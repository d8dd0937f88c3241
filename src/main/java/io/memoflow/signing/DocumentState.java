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

    /** Kinds of change, from the most to the least visible. */
    enum Kind {
        PAGES, CONTENT, ANNOTATION, SIGNATURE_FIELD, FORM_FIELD, ATTACHMENT, DOCUMENT
    }

    /** One change between two revisions. */
    record Change(Kind kind, String text) {
    }

    record Annot(String id, String subtype, boolean signatureField, String fieldName, boolean signed, String digest) {
    }

    record Page(String content, String resources, String other, List<Annot> annots) {
    }

    final List<Page> pages = new ArrayList<>();
    final Map<String, String> attachments = new LinkedHashMap<>();
    final Map<String, String> formFields = new LinkedHashMap<>();
    final Map<String, Boolean> signatureFields = new LinkedHashMap<>();
    String catalog;
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
            String other = digest(p, COSName.ANNOTS, COSName.CONTENTS, COSName.RESOURCES, COSName.PARENT);
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
                            digest(a, COSName.P, COSName.PARENT)));
                }
            }
            s.pages.add(new Page(content, resources, other, annots));
        }
        MemoAttachments.Extracted files = MemoAttachments.extract(doc);
        files.all().forEach((k, v) -> s.attachments.put(k, sha256(v)));
        PDAcroForm form = doc.getDocumentCatalog().getAcroForm(null);
        if (form != null) {
            for (PDField f : form.getFieldTree()) {
                if (f instanceof PDSignatureField sf) {
                    s.signatureFields.put(f.getFullyQualifiedName(), sf.getSignature() != null);
                } else if (f.getCOSObject().containsKey(COSName.FT) || f.getCOSObject().containsKey(COSName.V)) {
                    s.formFields.put(f.getFullyQualifiedName(), digest(f.getCOSObject(), COSName.PARENT, COSName.KIDS, COSName.P));
                }
            }
        }
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        s.catalog = digest(catalog, COSName.PAGES, COSName.ACRO_FORM, COSName.NAMES, COSName.AF, COSName.PERMS,
                COSName.getPDFName("DSS"));
        COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
        s.names = names == null ? "none" : digest(names, COSName.EMBEDDED_FILES);
        s.associatedFiles = catalog.getDictionaryObject(COSName.AF) == null ? "none" : digest(catalog.getDictionaryObject(COSName.AF));
        s.perms = catalog.getDictionaryObject(COSName.PERMS) == null ? "none" : digest(catalog.getDictionaryObject(COSName.PERMS));
        COSBase info = doc.getDocument().getTrailer().getDictionaryObject(COSName.INFO);
        s.info = info == null ? "none" : digest(info);
        return s;
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
                    if (x.signatureField()) {
                        out.add(new Change(Kind.SIGNATURE_FIELD, (x.signed() ? "a signature" : "an unsigned signature field")
                                + " '" + x.fieldName() + "' was added on page " + no));
                    } else {
                        out.add(new Change(Kind.ANNOTATION, "a " + x.subtype() + " annotation was added on page " + no));
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
                            || key.equals(COSName.P) && d.getDictionaryObject(key) instanceof COSDictionary) {
                        return; // back-references to parents and pages
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
