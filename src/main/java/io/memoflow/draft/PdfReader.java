package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;

/**
 * Reads the text layer of a PDF with PDFBox's {@link PDFTextStripper}: words sorted by their
 * position on the page, each line put in logical (reading) order by the stripper's bidi step,
 * so that Arabic lines read right to left, and Arabic presentation forms normalised to letters.
 * Lines become the lines of Markdown paragraphs; a gap between paragraphs becomes a blank line.
 * (PDFBox directly, not camel-pdf: the draft package reads every format without Camel, so that
 * a PDF from inbox/ and one attached to a mail are read the same way; camel-pdf's text
 * extraction is this same stripper, without the sort by position Arabic needs.)
 * The title, when the front matter gives none, is the first line of the text.
 * A PDF without a text layer (a scan: pictures of pages) is refused, as is an encrypted one.
 */
final class PdfReader {

    /** What the stripper puts where words are apart on the page without a space between them. */
    private static final String GAP = "\u001F";

    private PdfReader() {
    }

    /**
     * The stripper writes the pieces of a line (words or runs apart on the page: table cells,
     * a list number) from left to right, each in reading order. In a line that is mostly
     * right-to-left letters the pieces are read from right to left: their order is reversed.
     */
    static String rightToLeftLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String[] pieces = line.split(GAP, -1);
            boolean reversed = pieces.length > 1 && mostlyRightToLeft(line);
            for (int k = 0; k < pieces.length; k++) {
                String piece = reversed ? pieces[pieces.length - 1 - k].strip() : pieces[k];
                if (k > 0 && !startsWithMark(piece)) {
                    out.append(' ');
                }
                out.append(piece);
            }
            out.append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /**
     * A piece that begins with a combining mark (a tanwin or another haraka drawn apart from its
     * letter, as LibreOffice places a final tanwin) belongs to the word before it: no space between.
     */
    private static boolean startsWithMark(String piece) {
        return !piece.isEmpty() && Character.getType(piece.codePointAt(0)) == Character.NON_SPACING_MARK;
    }

    private static boolean mostlyRightToLeft(String line) {
        long rtl = 0;
        long ltr = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            byte d = Character.getDirectionality(cp);
            if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                rtl++;
            } else if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                ltr++;
            }
        }
        return rtl > ltr;
    }

    static DocumentText read(byte[] bytes) {
        int at = indexOf(bytes, "%PDF-", 1024);
        if (at < 0) {
            String what = FileSignatures.identify(bytes);
            throw new RejectedInputException("The file is named as a PDF document but it is not one: "
                    + (what != null ? "it looks like " + what + "." : "it does not start with %PDF-."),
                    "Submit the memorandum itself as a PDF with text (or give the file the name of what it is).");
        }
        String text;
        int pages;
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            pages = pdf.getNumberOfPages();
            if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
                throw new RejectedInputException("The PDF document is protected against copying its text.",
                        "Ask its sender for a copy without that protection, or for the Word or text file.");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setLineSeparator("\n");
            stripper.setParagraphEnd("\n");
            stripper.setPageEnd("\n");
            stripper.setAddMoreFormatting(true);
            stripper.setWordSeparator(GAP);
            text = rightToLeftLines(stripper.getText(pdf));
        } catch (InvalidPasswordException e) {
            throw new RejectedInputException("The PDF document is protected by a password.",
                    "Submit a copy without the password, or the Word or text file.", e);
        } catch (IOException e) {
            throw new RejectedInputException("The PDF document is damaged and cannot be read ("
                    + UntrustedText.visible(String.valueOf(e.getMessage())) + ").",
                    "Save or print it to PDF again, or submit the Word or text file.", e);
        }
        if (!DraftParser.hasVisibleText(text) || text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new RejectedInputException("The PDF document has no text in it, only pictures of its " + pages + " page"
                    + (pages == 1 ? "" : "s") + " (a scan, or a text saved as images); memoflow reads the text of a draft and"
                    + " does not guess it from pictures.",
                    "Submit the Word or text file the memorandum was made from, or a PDF saved from it (not a scan).");
        }
        String firstLine = text.strip().lines().findFirst().orElse("").strip();
        return new DocumentText(markdown(text), firstLine.isEmpty() ? null : firstLine, null, "pdf");
    }

    /** Each paragraph (lines separated by blank lines) as a Markdown paragraph of escaped lines. */
    private static String markdown(String text) {
        MarkdownText out = new MarkdownText();
        for (String paragraph : text.replace("\r\n", "\n").replace('\f', '\n').split("\n\\s*\n")) {
            StringBuilder lines = new StringBuilder();
            for (String line : paragraph.split("\n")) {
                if (DraftParser.hasVisibleText(line)) {
                    lines.append(lines.length() == 0 ? "" : " ").append(line.strip());
                }
            }
            out.paragraph(new MarkdownText.Inline().add(lines.toString()), MarkdownText.Dir.NONE);
        }
        return out.markdown();
    }

    private static int indexOf(byte[] b, String ascii, int limit) {
        outer:
        for (int i = 0; i + ascii.length() <= Math.min(b.length, limit + ascii.length()); i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (b[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
