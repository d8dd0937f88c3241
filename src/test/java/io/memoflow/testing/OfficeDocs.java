package io.memoflow.testing;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Documents as offices make them, made in the tests from the project's own fixtures: HTML
 * written here, Word (.docx), OpenDocument (.odt) and PDF made from it by LibreOffice
 * ({@code soffice --headless --convert-to}, installed by scripts/ensure-test-tools.sh), a zip
 * bomb, and an image-only PDF like a scan.
 */
public final class OfficeDocs {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

    private OfficeDocs() {
    }

    /** A Markdown text as an HTML page, in the direction of the language. */
    public static String html(String markdown, String lang) {
        String body = HtmlRenderer.builder().extensions(EXTENSIONS).build()
                .render(Parser.builder().extensions(EXTENSIONS).build().parse(markdown));
        String dir = lang.equals("ar") ? "rtl" : "ltr";
        return "<!DOCTYPE html>\n<html lang=\"" + lang + "\" dir=\"" + dir + "\"><head><meta charset=\"utf-8\"><title></title>"
                + "<script>fetch('http://example.invalid/x')</script><style>p{color:red}</style></head>\n<body dir=\"" + dir + "\">\n"
                + body + "</body></html>\n";
    }

    /** True when LibreOffice (soffice) is installed. */
    public static boolean hasLibreOffice() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "soffice"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Converts an HTML page with LibreOffice Writer into {@code format} (docx, odt, pdf).
     *
     * @param work a folder for the files
     */
    public static byte[] convert(String html, String format, Path work) {
        try {
            Files.createDirectories(work);
            Path in = work.resolve("memo.html");
            Files.writeString(in, html, StandardCharsets.UTF_8);
            Path profile = work.resolve("lo-profile");
            String filter = switch (format) {
                case "docx" -> "docx:MS Word 2007 XML";
                case "odt" -> "odt:writer8";
                default -> "pdf:writer_pdf_Export";
            };
            Process p = new ProcessBuilder("soffice", "--headless", "--norestore", "--nologo",
                    "-env:UserInstallation=" + profile.toUri(), "--infilter=HTML (StarWriter)", "--convert-to", filter,
                    "--outdir", work.toString(), in.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("soffice failed: " + out);
            }
            Path result = work.resolve("memo." + format);
            if (!Files.exists(result)) {
                throw new IllegalStateException("soffice made no " + result + ": " + out);
            }
            return Files.readAllBytes(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A ZIP archive with these entries (name, content), deflated. */
    public static byte[] zip(Object... nameAndContent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameAndContent[i]));
                Object c = nameAndContent[i + 1];
                zip.write(c instanceof byte[] b ? b : c.toString().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A "Word document" whose document.xml unpacks to {@code megabytes} MB of spaces: a zip bomb of a few KB per MB. */
    public static byte[] zipBombDocx(int megabytes) {
        byte[] spaces = new byte[megabytes * 1024 * 1024];
        java.util.Arrays.fill(spaces, (byte) ' ');
        return zip("[Content_Types].xml", "<Types/>", "word/document.xml", spaces);
    }

    /** A PDF of one page that is only a picture (a scan), no text. */
    public static byte[] scannedPdf() {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            BufferedImage image = new BufferedImage(400, 200, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 400, 200);
            g.setColor(Color.BLACK);
            for (int y = 20; y < 200; y += 20) {
                g.fillRect(20, y, 300 + (y % 60), 8); // lines of "text" as a scanner sees them
            }
            g.dispose();
            PDImageXObject x = LosslessFactory.createFromImage(doc, image);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(x, 50, 400, 400, 200);
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
