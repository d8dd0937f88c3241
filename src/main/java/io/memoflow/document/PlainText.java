package io.memoflow.document;

/**
 * Plain-text drafts ({@code .txt}) are set as typed: every line keeps its line break, blank lines
 * separate paragraphs, and nothing is read as Markdown (a leading {@code #}, {@code *} or
 * {@code 1.}, an underscore or a bracket is just that character).
 */
public final class PlainText {

    private PlainText() {
    }

    /** The Markdown that renders {@code text} exactly as written. */
    public static String toMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                out.append('\n');
                continue;
            }
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (c < 128 && isAsciiPunctuation(c)) {
                    out.append('\\');
                }
                out.append(c);
            }
            boolean nextIsText = i + 1 < lines.length && !lines[i + 1].isBlank();
            out.append(nextIsText ? "\\\n" : "\n");
        }
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }
}
