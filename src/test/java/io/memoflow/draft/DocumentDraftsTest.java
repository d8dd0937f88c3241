package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import io.memoflow.document.PdfTools;
import io.memoflow.testing.Fixtures;
import io.memoflow.testing.OfficeDocs;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Word, OpenDocument, HTML and PDF drafts: read into memoflow's Markdown, or refused with the reason. */
class DocumentDraftsTest {

    final DraftParser parser = new DraftParser(DraftLimits.DEFAULT);

    RejectedInputException rejected(byte[] bytes, String name) {
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class, () -> parser.parse(bytes, name));
        assertThat(e).as("expected a rejection of " + name).isNotNull();
        assertThat(e.advice()).isNotBlank();
        return e;
    }

    // ---- Word --------------------------------------------------------------------------------

    /** A Word document written with POI: styles "heading 1/2", a numbered list, a table, direction, emphasis. */
    static byte[] docx(Consumer<XWPFDocument> content) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFStyles styles = doc.createStyles();
            for (int level = 1; level <= 2; level++) {
                CTStyle style = CTStyle.Factory.newInstance();
                style.setStyleId("Heading" + level);
                style.addNewName().setVal("heading " + level);
                style.setType(STStyleType.PARAGRAPH);
                styles.addStyle(new XWPFStyle(style));
            }
            content.accept(doc);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static XWPFParagraph para(XWPFDocument doc, String text, boolean rtl) {
        XWPFParagraph p = doc.createParagraph();
        if (rtl) {
            p.getCTP().addNewPPr().addNewBidi();
        }
        if (text != null) {
            p.createRun().setText(text);
        }
        return p;
    }

    static BigInteger numbering(XWPFDocument doc, STNumberFormat.Enum format) {
        CTAbstractNum abs = CTAbstractNum.Factory.newInstance();
        abs.setAbstractNumId(BigInteger.valueOf(format == STNumberFormat.DECIMAL ? 1 : 2));
        CTLvl lvl = abs.addNewLvl();
        lvl.setIlvl(BigInteger.ZERO);
        lvl.addNewNumFmt().setVal(format);
        lvl.addNewLvlText().setVal(format == STNumberFormat.DECIMAL ? "%1." : "•");
        var numbering = doc.createNumbering();
        BigInteger absId = numbering.addAbstractNum(new org.apache.poi.xwpf.usermodel.XWPFAbstractNum(abs, numbering));
        return numbering.addNum(absId);
    }

    @Test
    void aWordDocumentBecomesMarkdownWithHeadingsListsTableEmphasisAndDirection() {
        byte[] bytes = docx(doc -> {
            XWPFParagraph h = para(doc, "مذكرة تفاهم", true);
            h.setStyle("Heading1");
            para(doc, "INTERPOL هي المنظمة الدولية للشرطة الجنائية.", true); // bidi paragraph starting with Latin
            XWPFParagraph mixed = para(doc, null, true);
            mixed.createRun().setText("يلتزم ");
            XWPFRun bold = mixed.createRun();
            bold.setText("الطرفان");
            bold.setBold(true);
            mixed.createRun().setText(" بما يلي *ليس تأكيداً*");
            XWPFRun br = mixed.createRun();
            br.addBreak();
            br.setText("سطر ثان");
            XWPFParagraph h2 = para(doc, "الشروط", true);
            h2.setStyle("Heading2");
            BigInteger numbered = numbering(doc, STNumberFormat.DECIMAL);
            for (String item : List.of("الشرط الأول", "الشرط الثاني", "الشرط الثالث")) {
                XWPFParagraph p = para(doc, item, true);
                p.setNumID(numbered);
                p.setNumILvl(BigInteger.ZERO);
            }
            XWPFTable table = doc.createTable(3, 4);
            String[][] cells = {{"الرقم", "الدورة", "المكان", "المدة"}, {"1", "غسل الأموال", "الزيتون", "10"}, {"2", "الأدلة | الرقمية", "", "12"}};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 4; c++) {
                    table.getRow(r).getCell(c).setText(cells[r][c]);
                }
            }
            table.getRow(1).getCell(2).getCTTc().addNewTcPr().addNewVMerge().setVal(STMerge.RESTART);
            table.getRow(2).getCell(2).getCTTc().addNewTcPr().addNewVMerge();
            para(doc, "English paragraph, left to right.", false);
        });

        Draft d = parser.parse(bytes, "memo.docx");

        assertThat(d.body()).isEqualTo("""
                # مذكرة تفاهم

                \u200FINTERPOL هي المنظمة الدولية للشرطة الجنائية.

                يلتزم **الطرفان** بما يلي \\*ليس تأكيداً\\*\\
                سطر ثان

                ## الشروط

                1. الشرط الأول
                2. الشرط الثاني
                3. الشرط الثالث

                | الرقم | الدورة | المكان | المدة |
                | --- | --- | --- | --- |
                | 1 | غسل الأموال | الزيتون | 10 |
                | 2 | الأدلة \\| الرقمية |  | 12 |

                English paragraph, left to right.
                """);
        assertThat(d.title()).isEqualTo("مذكرة تفاهم");
        assertThat(d.language()).isEqualTo("ar");
        assertThat(d.charset()).isEqualTo("docx");
        assertThat(d.original().fileName(1)).isEqualTo("v1-original.docx");
        assertThat(d.original().bytes()).isEqualTo(bytes);
    }

    @Test
    void frontMatterTypedAtTheTopOfAWordDocumentSetsPartiesAndReviewers() {
        byte[] bytes = docx(doc -> {
            for (String line : List.of("---", "title: تعاون في التكوين", "parties:", "  - name: المديرية العامة لشرطة الأطلس",
                    "    email: director@police-atlas.example", "  - name: مديرية شرطة الساحل الشمالي",
                    "    email: director@coastpolice.example", "reviewers: legal@police-atlas.example, it@police-atlas.example", "---")) {
                para(doc, line, false);
            }
            para(doc, "نص المذكرة.", true);
        });

        Draft d = parser.parse(bytes, "memo.docx");

        assertThat(d.title()).isEqualTo("تعاون في التكوين");
        assertThat(d.parties()).extracting(Party::email).containsExactly("director@police-atlas.example", "director@coastpolice.example");
        assertThat(d.reviewers()).containsExactly("legal@police-atlas.example", "it@police-atlas.example");
        assertThat(d.body()).isEqualTo("نص المذكرة.\n");
    }

    @Test
    void aWordDocumentWithoutFrontMatterTitleUsesItsTitlePropertyThenItsFirstHeading() {
        byte[] titled = docx(doc -> {
            doc.getProperties().getCoreProperties().setTitle("عنوان من الخصائص");
            para(doc, "عنوان الفقرة", true).setStyle("Heading1");
            para(doc, "نص.", true);
        });
        byte[] untitled = docx(doc -> {
            para(doc, "تمهيد بلا عنوان.", true);
            para(doc, "العنوان الأول", true).setStyle("Heading1");
        });

        assertThat(parser.parse(titled, "a.docx").title()).isEqualTo("عنوان من الخصائص");
        assertThat(parser.parse(untitled, "b.docx").title()).isEqualTo("العنوان الأول");
    }

    @Test
    void aWordDocumentWithTrackedChangesOrCommentsIsRefusedUntilTheyAreResolved() {
        byte[] tracked = docx(doc -> {
            XWPFParagraph p = para(doc, "نص ", true);
            var ins = p.getCTP().addNewIns();
            ins.setId(BigInteger.ONE);
            ins.setAuthor("reviewer");
            ins.addNewR().addNewT().setStringValue("مضاف");
        });
        byte[] commented = docx(doc -> {
            XWPFParagraph p = para(doc, "نص", true);
            p.createRun().getCTR().addNewCommentReference().setId(BigInteger.ONE);
        });

        RejectedInputException t = rejected(tracked, "tracked.docx");
        assertThat(t.reason()).contains("1 tracked change");
        assertThat(t.advice()).startsWith("Accept or reject the tracked changes first");
        RejectedInputException c = rejected(commented, "commented.docx");
        assertThat(c.reason()).contains("1 comment");
        assertThat(c.advice()).contains("Delete All Comments");
    }

    @Test
    void picturesAndTextBoxesAreNotedOrKeptNeverSilentlyDropped() throws Exception {
        byte[] bytes = docx(doc -> {
            XWPFParagraph p = para(doc, "الشعار: ", true);
            try {
                byte[] png = OfficeDocs.zip(); // any bytes will do for POI's picture part
                p.createRun().addPicture(new java.io.ByteArrayInputStream(png), org.apache.poi.xwpf.usermodel.Document.PICTURE_TYPE_PNG,
                        "logo.png", 10000, 10000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(parser.parse(bytes, "pic.docx").body()).contains("\\[picture: logo.png\\]");
    }

    @Test
    void aZipBombNamedDocxIsRefusedBeforeWordReadsIt() {
        DraftParser small = new DraftParser(new DraftLimits(1 << 20, 1 << 16, 8, 20, 50, 1000, 10L << 20, 2));

        byte[] bomb = OfficeDocs.zipBombDocx(20);
        assertThat(bomb.length).isLessThan(100_000);
        RejectedInputException e = catchThrowableOfType(RejectedInputException.class, () -> small.parse(bomb, "bomb.docx"));
        assertThat(e.reason()).contains("unpacks to more than 10 MB").contains("zip bomb").contains("memoflow.limits.unzipped-bytes");

        Object[] many = new Object[2 * 1001];
        for (int i = 0; i < 1001; i++) {
            many[2 * i] = "f" + i;
            many[2 * i + 1] = "x";
        }
        assertThat(rejected(OfficeDocs.zip(many), "many.docx").reason()).contains("more than 1000 files");

        byte[] nested = OfficeDocs.zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<x/>", "a.zip",
                OfficeDocs.zip("b.zip", OfficeDocs.zip("c.txt", "deep")));
        assertThat(rejected(nested, "nested.docx").reason()).contains("nested more than 2 deep");
    }

    @Test
    void aDocxThatIsReallySomethingElseIsRefusedSayingWhatItIs() {
        byte[] odt = OfficeDocs.zip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", "<x/>");
        assertThat(rejected(odt, "memo.docx").reason()).isEqualTo("The file is named as a Word document (.docx) but it is not one:"
                + " it is an OpenDocument text (.odt).");
        assertThat(rejected(OfficeDocs.zip("photo.jpg", "x"), "memo.docx").reason()).contains("a ZIP archive of 1 file without word/document.xml");
        assertThat(rejected("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1), "memo.docx").reason()).contains("it looks like a PDF document");
        assertThat(rejected("Plain text".getBytes(StandardCharsets.UTF_8), "memo.docx").reason()).contains("it is not a ZIP archive");
    }

    // ---- OpenDocument ------------------------------------------------------------------------

    static final String ODT_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    static final String ODT_NS = " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
            + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
            + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
            + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
            + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"";

    static byte[] odt(String automaticStyles, String text) {
        String content = ODT_HEAD + "<office:document-content" + ODT_NS + "><office:automatic-styles>" + automaticStyles
                + "</office:automatic-styles><office:body><office:text>" + text + "</office:text></office:body></office:document-content>";
        return OfficeDocs.zip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", content);
    }

    @Test
    void anOpenDocumentTextBecomesMarkdownWithHeadingsListsTablesAndEmphasis() {
        byte[] bytes = odt("<style:style style:name=\"P1\" style:family=\"paragraph\"><style:paragraph-properties style:writing-mode=\"rl-tb\"/></style:style>"
                + "<style:style style:name=\"T1\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>"
                + "<text:list-style style:name=\"L1\"><text:list-level-style-number text:level=\"1\"/></text:list-style>",
                "<text:h text:outline-level=\"1\" text:style-name=\"P1\">مذكرة تفاهم</text:h>"
                        + "<text:p text:style-name=\"P1\">2026 سنة <text:span text:style-name=\"T1\">التعاون</text:span><text:line-break/>سطر<text:s text:c=\"2\"/>ثان</text:p>"
                        + "<text:list text:style-name=\"L1\"><text:list-item><text:p>أولاً</text:p></text:list-item><text:list-item><text:p>ثانياً</text:p></text:list-item></text:list>"
                        + "<table:table><table:table-row><table:table-cell table:number-columns-spanned=\"2\"><text:p>أ</text:p></table:table-cell>"
                        + "<table:covered-table-cell/></table:table-row><table:table-row><table:table-cell><text:p>1</text:p></table:table-cell>"
                        + "<table:table-cell><text:p>2</text:p></table:table-cell></table:table-row></table:table>");

        Draft d = parser.parse(bytes, "memo.odt");

        assertThat(d.body()).isEqualTo("""
                # مذكرة تفاهم

                2026 سنة **التعاون**\\
                سطر  ثان

                1. أولاً
                2. ثانياً

                | أ |  |
                | --- | --- |
                | 1 | 2 |
                """);
        assertThat(d.original().fileName(2)).isEqualTo("v2-original.odt");
    }

    @Test
    void anOpenDocumentWhoseContentDeclaresEntitiesIsRefusedAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        java.nio.file.Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xxe = ODT_HEAD + "<!DOCTYPE office:document-content [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<office:document-content" + ODT_NS + "><office:body><office:text><text:p>&xxe;</text:p></office:text>"
                + "</office:body></office:document-content>";
        byte[] bytes = OfficeDocs.zip("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", xxe);

        RejectedInputException e = rejected(bytes, "xxe.odt");

        assertThat(e.reason()).contains("declares a DTD").doesNotContain("TOP-SECRET");
        assertThat(e.report()).doesNotContain("TOP-SECRET");
    }

    @Test
    void anOpenDocumentWithTrackedChangesOrCommentsIsRefused() {
        byte[] tracked = odt("", "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:insertion/></text:changed-region>"
                + "</text:tracked-changes><text:p>نص</text:p>");
        byte[] commented = odt("", "<text:p>نص<office:annotation><text:p>تعليق</text:p></office:annotation></text:p>");

        assertThat(rejected(tracked, "t.odt").advice()).startsWith("Accept or reject the tracked changes first");
        assertThat(rejected(commented, "c.odt").reason()).contains("1 comment");
    }

    // ---- HTML --------------------------------------------------------------------------------

    @Test
    void anHtmlPageBecomesMarkdownWithoutScriptsStylesOrAnythingFetched() {
        String html = "<html lang=\"ar-MA\"><head><title>عنوان الصفحة</title><script>document.write('حقن')</script>"
                + "<style>p{}</style><link rel=\"stylesheet\" href=\"http://example.invalid/a.css\"></head>"
                + "<body dir=\"rtl\"><h2>المادة 1</h2><p>يلتزم <b>الطرفان</b> و<i>يتعاونان</i><br>سطر</p>"
                + "<p dir=\"ltr\">English <em>text</em> here</p><ol><li>أولاً</li><li>ثانياً<ul><li>فرع</li></ul></li></ol>"
                + "<img src=\"http://example.invalid/track.png\" alt=\"شعار\"><table><tr><th>أ</th><th>ب</th></tr><tr><td>1</td><td>2</td></tr></table>"
                + "<iframe src=\"http://example.invalid/\"></iframe><noscript>لا</noscript></body></html>";

        Draft d = parser.parse(html.getBytes(StandardCharsets.UTF_8), "page.html");

        assertThat(d.body()).isEqualTo("""
                ## المادة 1

                يلتزم **الطرفان** و*يتعاونان*\\
                سطر

                English *text* here

                1. أولاً
                2. ثانياً
                    - فرع

                \u200F\\[picture: شعار\\]

                | أ | ب |
                | --- | --- |
                | 1 | 2 |
                """);
        assertThat(d.title()).isEqualTo("عنوان الصفحة");
        assertThat(d.language()).isEqualTo("ar");
        assertThat(d.charset()).isEqualTo("html");
    }

    // ---- PDF ---------------------------------------------------------------------------------

    @Test
    void aPdfWithTextIsReadAndAScanWithoutTextIsRefused() throws Exception {
        byte[] text;
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                cs.newLineAtOffset(72, 700);
                cs.showText("Memorandum of understanding");
                cs.newLineAtOffset(0, -40);
                cs.showText("1. The parties agree.");
                cs.endText();
            }
            doc.save(out);
            text = out.toByteArray();
        }

        Draft d = parser.parse(text, "counter-draft.pdf");
        assertThat(d.body()).isEqualTo("Memorandum of understanding\n\n1\\. The parties agree.\n");
        assertThat(d.title()).isEqualTo("Memorandum of understanding");

        RejectedInputException e = rejected(OfficeDocs.scannedPdf(), "scan.pdf");
        assertThat(e.reason()).contains("no text in it, only pictures of its 1 page (a scan");
        assertThat(rejected("<html>x</html>".getBytes(StandardCharsets.UTF_8), "fake.pdf").reason())
                .contains("named as a PDF document but it is not one");
    }

    @Test
    void aTanwinThePdfDrawsApartFromItsLetterStaysInItsWord() {
        // as PDFBox reads LibreOffice's Arabic PDF: the final tanwin a piece of its own, the pieces from left to right
        assertThat(PdfReader.rightToLeftLines("\u064B: الأهداف\u001Fأولا")).isEqualTo("أولاً: الأهداف");
        assertThat(PdfReader.rightToLeftLines("\u064B خلال \u001F مجموع المشاركين 120 مشاركا\u001Fويبلغ"))
                .isEqualTo("ويبلغ مجموع المشاركين 120 مشاركاً خلال");
        assertThat(PdfReader.rightToLeftLines("The parties\u001Fagree.")).isEqualTo("The parties agree.");
    }

    // ---- LibreOffice, from the project's fixture -----------------------------------------------

    @Test
    void theFixtureMadeIntoWordOdtAndPdfByLibreOfficeKeepsItsWordsAndStructure(@TempDir Path dir) {
        assumeThat(OfficeDocs.hasLibreOffice()).as("LibreOffice (scripts/ensure-test-tools.sh installs it)").isTrue();
        String source = Fixtures.body(Fixtures.TABLE);
        String html = OfficeDocs.html(source, "ar");
        List<String> expected = words(source);
        for (String format : List.of("html", "docx", "odt", "pdf")) {
            byte[] bytes = format.equals("html") ? html.getBytes(StandardCharsets.UTF_8) : OfficeDocs.convert(html, format, dir.resolve(format));
            Draft d = parser.parse(bytes, "plan." + format);
            System.out.println("---- " + format + "\n" + d.body());
            double recall = recall(expected, words(d.body()));
            assertThat(recall).as(format + " word recall").isGreaterThanOrEqualTo(format.equals("pdf") ? 0.95 : 0.99);
            assertThat(PdfTools.missing(expected, words(d.body()))).as(format + ": words of the fixture missing")
                    .isEmpty();
            assertThat(d.language()).isEqualTo("ar");
            if (!format.equals("pdf")) {
                assertThat(d.body()).as(format).contains("## أولاً: الأهداف").contains("1. أن يكون المشارك")
                        .contains("| الرقم | الدورة التكوينية | المكان | عدد المشاركين | المدة بالأيام | تاريخ البدء |")
                        .contains("- رفع قدرات المحققين");
                assertThat(d.title()).isEqualTo("خطة التكوين المشترك للموسم 2026/2027");
            }
        }
    }

    static List<String> words(String text) {
        return io.memoflow.document.PdfTools.words(text);
    }

    static double recall(List<String> expected, List<String> actual) {
        return io.memoflow.document.PdfTools.recall(expected, actual);
    }
}
