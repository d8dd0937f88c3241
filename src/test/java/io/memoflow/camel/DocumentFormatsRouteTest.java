package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.memoflow.app.Memoflow;
import io.memoflow.document.PdfTools;
import io.memoflow.memo.Memo;
import io.memoflow.testing.Fixtures;
import io.memoflow.testing.OfficeDocs;
import io.memoflow.testing.TestHomes;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Word, OpenDocument, HTML and PDF drafts dropped into inbox/, made from the project's own
 * fixture (HTML written here; .docx, .odt and .pdf by LibreOffice from it): each becomes a signed
 * memorandum whose PDF has the fixture's words, with the original document kept in the store and
 * the text memoflow read attached to the PDF as memorandum.md. Hostile documents (tracked
 * changes, a zip bomb renamed .docx, a scanned PDF) are refused with their reason and the daemon
 * goes on.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/DocumentFormatsRouteTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "memoflow.workflow.default=auto"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocumentFormatsRouteTest {

    static final Path HOME = TestHomes.fresh("DocumentFormatsRouteTest");
    static final Duration WAIT = Duration.ofSeconds(60);

    @BeanInject
    Memoflow memoflow;

    @Test
    void wordOdtHtmlAndTextPdfDraftsMadeFromTheFixtureBecomeSignedMemorandaWithItsWords() throws Exception {
        assumeThat(OfficeDocs.hasLibreOffice()).as("LibreOffice (scripts/ensure-test-tools.sh installs it)").isTrue();
        String source = Fixtures.body(Fixtures.TABLE);
        List<String> expected = PdfTools.words(source);
        String title = "خطة التكوين المشترك للموسم 2026/2027";
        List<String> formats = List.of("html", "docx", "odt", "pdf");
        for (String format : formats) {
            // each its own text, so that no two are duplicates of each other
            String mark = "نسخة رقم " + (formats.indexOf(format) + 1);
            String html = OfficeDocs.html(source + "\n\n" + mark + "\n", "ar");
            byte[] bytes = format.equals("html") ? html.getBytes(StandardCharsets.UTF_8)
                    : OfficeDocs.convert(html, format, Path.of("target/test-homes/DocumentFormatsRouteTest-work", format));
            TestHomes.drop(HOME.resolve("inbox"), "plan." + format, bytes);
            Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream()
                    .anyMatch(s -> text(s.reference()).contains(mark)));
            var summary = memoflow.store().list().stream().filter(s -> text(s.reference()).contains(mark)).findFirst().orElseThrow();
            String ref = summary.reference();
            if (!format.equals("pdf")) { // a PDF's title is its first line: here the heading's first line
                assertThat(summary.title()).isEqualTo(title);
            }

            Path pdf = TestHomes.await(HOME.resolve("signed"), ref + ".pdf", 1, WAIT).get(0);
            List<String> poppler = PdfTools.words(PdfTools.pdftotext(pdf));
            List<String> pdfbox = PdfTools.words(PdfTools.pdfbox(Files.readAllBytes(pdf)));
            double recall = PdfTools.recall(expected, poppler);
            double inOrder = PdfTools.recall(expected, pdfbox);
            System.out.printf("%s draft: in-order word recall of the signed memorandum: pdftotext %.4f, PDFBox %.4f; words missing "
                    + "from pdftotext's text: %d of %d%n", format, recall, inOrder, PdfTools.missing(expected, poppler).size(), expected.size());
            if (format.equals("pdf")) {
                // a PDF draft's table comes back as a paragraph (its cells in reading order), so a row's
                // numbers stand side by side in an Arabic line, set right to left as UAX #9 orders them;
                // pdftotext reads such a run of numbers as one left-to-right block (the last number
                // first), so its order is checked with PDFBox, which reads it as typed, and pdftotext
                // for lost words
                assertThat(inOrder).as("pdf draft: in-order word recall in the signed PDF (PDFBox)").isGreaterThanOrEqualTo(0.95);
                assertThat(PdfTools.missing(expected, poppler)).as("pdf draft: words missing from pdftotext's text").isEmpty();
            } else {
                assertThat(recall).as(format + " draft: word recall in the signed PDF").isGreaterThanOrEqualTo(0.99);
            }
            int[] order = PdfTools.arabicWordOrder(pdf, expected);
            System.out.printf("%s draft: consecutive Arabic words on one line: %d right to left, %d left to right%n", format,
                    order[0], order[1]);
            assertThat(order[0]).as(format + " draft: pairs of Arabic words set right to left").isGreaterThanOrEqualTo(50);
            assertThat(order[1]).as(format + " draft: pairs of Arabic words set left to right").isZero();
            // the paragraph or heading "ثانياً: برنامج الدورات" starts at the right margin: a right-to-left paragraph
            assertThat(PdfTools.distanceFromTheRightMargin(pdf, "ثانياً")).as(format + " draft: the second heading's first word, "
                    + "points from the right margin").isLessThan(1.0);
            assertThat(memoflow.store().getFile(ref, "v1-original." + format)).as("the original kept").contains(bytes);
            Memo memo = memoflow.store().find(ref).orElseThrow();
            assertThat(memo.language).isEqualTo("ar");
            Path attached = HOME.resolve("memorandum-" + format + ".md");
            Process detach = new ProcessBuilder("pdfdetach", "-savefile", "memorandum.md", "-o", attached.toString(), pdf.toString())
                    .redirectErrorStream(true).start();
            detach.getInputStream().readAllBytes();
            assertThat(detach.waitFor()).isZero();
            assertThat(Files.readString(attached)).as("the PDF's memorandum.md is the text memoflow read").isEqualTo(text(ref));
        }
    }

    @Test
    void frontMatterTypedAtTheTopOfAWordDocumentSetsPartiesAndReviewers() throws Exception {
        byte[] docx = docx(List.of("---", "title: مذكرة من وورد", "workflow: standard", "parties:", "  - name: المديرية العامة لشرطة الأطلس",
                "    email: director@police-atlas.example", "  - name: مديرية شرطة الساحل الشمالي", "    email: director@coastpolice.example",
                "reviewers: legal@police-atlas.example", "---", "نص المذكرة كما كتب في وورد."));
        TestHomes.drop(HOME.resolve("inbox"), "from-word.docx", docx);
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("مذكرة من وورد")));
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("مذكرة من وورد")).findFirst().orElseThrow().reference();
        Memo memo = memoflow.store().find(ref).orElseThrow();
        assertThat(memo.parties).extracting(p -> p.email()).containsExactly("director@police-atlas.example", "director@coastpolice.example");
        assertThat(memo.reviewers).containsExactly("legal@police-atlas.example");
        assertThat(text(ref)).isEqualTo("نص المذكرة كما كتب في وورد.\n");
    }

    @Test
    void trackedChangesAZipBombAndAScannedPdfAreRefusedWithTheirReasonAndTheDaemonGoesOn() throws Exception {
        byte[] tracked = docx(List.of("نص المذكرة."));
        try (XWPFDocument doc = new XWPFDocument(new java.io.ByteArrayInputStream(tracked)); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var ins = doc.getParagraphs().get(0).getCTP().addNewIns();
            ins.setId(BigInteger.ONE);
            ins.setAuthor("reviewer");
            ins.addNewR().addNewT().setStringValue(" جملة مضافة");
            doc.write(out);
            tracked = out.toByteArray();
        }
        TestHomes.drop(HOME.resolve("inbox"), "tracked.docx", tracked);
        TestHomes.drop(HOME.resolve("inbox"), "bomb.docx", OfficeDocs.zipBombDocx(60));
        TestHomes.drop(HOME.resolve("inbox"), "scan.pdf", OfficeDocs.scannedPdf());

        assertThat(rejectedReason("tracked.docx")).contains("has 1 tracked change").contains("Accept or reject the tracked changes first");
        assertThat(rejectedReason("bomb.docx")).contains("zip bomb").contains("memoflow.limits.unzipped-bytes");
        assertThat(rejectedReason("scan.pdf")).contains("no text in it, only pictures").contains("a scan");

        TestHomes.drop(HOME.resolve("inbox"), "after.md", "# After hostile documents\n\nText.\n");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().list().stream().anyMatch(s -> s.title().equals("After hostile documents")));
    }

    private String rejectedReason(String nameFragment) {
        Awaitility.await().atMost(WAIT).until(() -> TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .anyMatch(p -> p.getFileName().toString().contains(nameFragment)));
        Path reason = TestHomes.files(HOME.resolve("rejected"), "*.error.txt").stream()
                .filter(p -> p.getFileName().toString().contains(nameFragment)).findFirst().orElseThrow();
        return TestHomes.read(reason);
    }

    private String text(String ref) {
        return memoflow.store().getFile(ref, "v1.md").map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    }

    /** A Word document of one paragraph per line, written with POI. */
    static byte[] docx(List<String> lines) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : lines) {
                XWPFParagraph p = doc.createParagraph();
                p.createRun().setText(line);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
