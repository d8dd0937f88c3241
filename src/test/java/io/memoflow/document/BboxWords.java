package io.memoflow.document;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words and their boxes as poppler sees them (pdftotext -bbox), pages numbered from 1. */
record BboxWords(int page, double x, double y, double xMax, double yMax, String text) {

    private static final Pattern WORD = Pattern.compile(
            "<page |<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"([\\d.]+)\" yMax=\"([\\d.]+)\">([^<]*)</word>");

    static List<BboxWords> read(Path pdf) {
        String html = PdfTools.run("pdftotext", "-bbox", "-enc", "UTF-8", pdf.toString(), "-");
        List<BboxWords> words = new ArrayList<>();
        int page = 0;
        Matcher m = WORD.matcher(html);
        while (m.find()) {
            if (m.group().startsWith("<page")) {
                page++;
            } else {
                words.add(new BboxWords(page, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), unescape(m.group(5))));
            }
        }
        return words;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** The word's text in logical order: -bbox gives right-to-left words with their characters reversed. */
    String logical() {
        return Para.rightToLeft(text, false) ? new StringBuilder(text).reverse().toString() : text;
    }

    /** {@link #logical()} without sentence punctuation at either end. */
    String bare() {
        return logical().replaceAll("^[.,:;،؛!?]+|[.,:;،؛!?]+$", "");
    }
}
