package io.memoflow.signing;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;

/**
 * A signature field's widget in the structure tree of a tagged PDF (PDF/UA 7.18.4): a
 * {@code Form} element with the field's description as /Alt and the widget as its one object
 * reference, appended to the document element, with the widget's /StructParent in the parent
 * tree. Done in the certification revision, where the fields are reserved, so the later
 * signature revisions only fill them. A PDF without a structure tree is left as it is.
 */
final class WidgetTags {

    private static final COSName FORM = COSName.getPDFName("Form");
    private static final COSName OBJR = COSName.getPDFName("OBJR");
    private static final COSName OBJ = COSName.getPDFName("Obj");
    private static final COSName NEXT_KEY = COSName.getPDFName("ParentTreeNextKey");
    private static final COSName NUMS = COSName.getPDFName("Nums");

    private WidgetTags() {
    }

    static void tag(PDDocument doc, PDAnnotationWidget widget, PDPage page, String alt) {
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        COSDictionary root = catalog.getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (root == null) {
            return;
        }
        COSDictionary parentTree = root.getCOSDictionary(COSName.PARENT_TREE);
        COSArray nums = parentTree == null ? null : parentTree.getCOSArray(NUMS);
        COSBase kids = root.getDictionaryObject(COSName.K);
        COSDictionary document = kids instanceof COSDictionary d ? d
                : kids instanceof COSArray a && a.size() > 0 && a.getObject(0) instanceof COSDictionary first ? first : null;
        if (nums == null || document == null) {
            return; // a structure tree memoflow did not write: leave it alone
        }
        int key = root.getInt(NEXT_KEY, 0);
        for (int i = 0; i + 1 < nums.size(); i += 2) {
            if (nums.getObject(i) instanceof COSInteger n) {
                key = Math.max(key, n.intValue() + 1);
            }
        }
        COSDictionary objr = new COSDictionary();
        objr.setItem(COSName.TYPE, OBJR);
        objr.setItem(OBJ, widget.getCOSObject());
        objr.setItem(COSName.PG, page.getCOSObject());
        COSDictionary form = new COSDictionary();
        form.setItem(COSName.TYPE, COSName.STRUCT_ELEM);
        form.setItem(COSName.S, FORM);
        form.setItem(COSName.P, document);
        form.setString(COSName.ALT, alt);
        form.setItem(COSName.K, objr);
        form.setDirect(false);

        COSBase documentKids = document.getDictionaryObject(COSName.K);
        COSArray list;
        if (documentKids instanceof COSArray a) {
            list = a;
        } else {
            list = new COSArray();
            if (documentKids != null) {
                list.add(documentKids);
            }
            document.setItem(COSName.K, list);
        }
        list.add(form);
        nums.add(COSInteger.get(key));
        nums.add(form);
        root.setInt(NEXT_KEY, key + 1);
        widget.setStructParent(key);

        catalog.setNeedToBeUpdated(true);
        root.setNeedToBeUpdated(true);
        parentTree.setNeedToBeUpdated(true);
        nums.setNeedToBeUpdated(true);
        document.setNeedToBeUpdated(true);
        list.setNeedToBeUpdated(true);
        form.setNeedToBeUpdated(true);
    }
}
