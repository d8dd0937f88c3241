package io.memoflow.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an HTML mail body, taken out by a small tokenizer: tags are dropped (block tags
 * become line breaks, list items "- ", quotations "> "), the content of script, style, head,
 * template and similar elements is dropped, comments, CDATA, DOCTYPE and processing instructions
 * are skipped, and character references are decoded from a fixed table. No parser with entity
 * or DTD processing is involved and nothing is ever fetched: links and images are just tags.
 */
public final class HtmlText {

    private static final Set<String> BLOCK = Set.of("p", "div", "br", "tr", "table", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
            "h4", "h5", "h6", "hr", "section", "article", "header", "footer", "address", "center", "pre", "form", "fieldset",
            "tbody", "thead", "tfoot", "caption", "figure", "figcaption", "main", "nav", "aside", "body", "html");
    private static final Set<String> SKIPPED = Set.of("script", "style", "head", "title", "template", "noscript", "object", "embed",
            "applet", "iframe", "svg", "math", "xml", "select", "textarea", "button");
    private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("quot", "\""), Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("shy", ""),
            Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"), Map.entry("lrm", "\u200E"), Map.entry("rlm", "\u200F"),
            Map.entry("ndash", "–"), Map.entry("mdash", "—"), Map.entry("hellip", "…"), Map.entry("laquo", "«"),
            Map.entry("raquo", "»"), Map.entry("lsquo", "‘"), Map.entry("rsquo", "’"), Map.entry("ldquo", "“"),
            Map.entry("rdquo", "”"), Map.entry("bull", "•"), Map.entry("middot", "·"), Map.entry("copy", "©"),
            Map.entry("reg", "®"), Map.entry("trade", "™"), Map.entry("deg", "°"), Map.entry("times", "×"), Map.entry("divide", "÷"),
            Map.entry("euro", "€"), Map.entry("pound", "£"), Map.entry("sect", "§"), Map.entry("para", "¶"), Map.entry("ensp", "\u2002"),
            Map.entry("emsp", "\u2003"), Map.entry("thinsp", "\u2009"));
    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]{0,400}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+-]{1,40})",
            Pattern.CASE_INSENSITIVE);

    private HtmlText() {
    }

    /**
     * The charset an HTML document names in a {@code <meta charset>} or
     * {@code <meta http-equiv="Content-Type" content="...; charset=...">} within its first 2048
     * bytes, or null. The bytes are looked at as ASCII only.
     */
    public static String declaredCharset(byte[] html) {
        String head = new String(html, 0, Math.min(html.length, 2048), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    /** The text of an HTML document or fragment, with paragraphs as blank-line separated blocks. */
    public static String toText(String html) {
        Out out = new Out();
        int i = 0;
        int n = html.length();
        String skipping = null;
        int pre = 0;
        int quote = 0;
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                int next = html.indexOf('<', i);
                int end = next < 0 ? n : next;
                if (skipping == null) {
                    out.text(entities(html.substring(i, end)), pre > 0, quote);
                }
                i = end;
                continue;
            }
            if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (html.startsWith("<![CDATA[", i)) {
                int end = html.indexOf("]]>", i + 9);
                if (skipping == null) {
                    out.text(html.substring(i + 9, end < 0 ? n : end), pre > 0, quote);
                }
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (i + 1 < n && (html.charAt(i + 1) == '!' || html.charAt(i + 1) == '?')) {
                // DOCTYPE (with an internal subset of declarations, never read), processing instruction
                int end = html.indexOf('>', i);
                int subset = html.indexOf('[', i);
                if (end >= 0 && subset >= 0 && subset < end) {
                    int close = html.indexOf(']', subset);
                    end = close < 0 ? -1 : html.indexOf('>', close);
                }
                i = end < 0 ? n : end + 1;
                continue;
            }
            char next = i + 1 < n ? html.charAt(i + 1) : ' ';
            if (!Character.isLetter(next) && next != '/') {
                // a '<' that does not start a tag is text
                if (skipping == null) {
                    out.text("<", pre > 0, quote);
                }
                i++;
                continue;
            }
            int end = tagEnd(html, i + 1);
            if (end < 0) {
                // a lone '<' in text
                if (skipping == null) {
                    out.text(entities(html.substring(i)), pre > 0, quote);
                }
                break;
            }
            String tag = html.substring(i + 1, end);
            i = end + 1;
            boolean closing = tag.startsWith("/");
            String name = tagName(closing ? tag.substring(1) : tag);
            if (name.isEmpty()) {
                if (skipping == null) {
                    out.text("<" + tag + ">", pre > 0, quote);
                }
                continue;
            }
            if (skipping != null) {
                if (closing && name.equals(skipping)) {
                    skipping = null;
                }
                continue;
            }
            if (!closing && SKIPPED.contains(name) && !tag.endsWith("/")) {
                skipping = name;
                continue;
            }
            switch (name) {
                case "br" -> out.lineBreak(quote);
                case "li" -> {
                    out.lineStart();
                    if (!closing) {
                        out.text("- ", true, quote);
                    }
                }
                case "td", "th" -> {
                    if (!closing) {
                        out.text(" ", true, quote);
                    }
                }
                case "blockquote" -> {
                    out.block(quote);
                    quote = Math.max(0, quote + (closing ? -1 : 1));
                }
                case "pre" -> {
                    out.block(quote);
                    pre = Math.max(0, pre + (closing ? -1 : 1));
                }
                default -> {
                    if (BLOCK.contains(name)) {
                        out.block(quote);
                    }
                }
            }
        }
        return out.result();
    }

    private static int tagEnd(String html, int from) {
        char q = 0;
        for (int j = from; j < html.length(); j++) {
            char c = html.charAt(j);
            if (q != 0) {
                if (c == q) {
                    q = 0;
                }
            } else if (c == '"' || c == '\'') {
                q = c;
            } else if (c == '>') {
                return j;
            } else if (c == '<' && j == from) {
                return -1;
            }
        }
        return -1;
    }

    private static String tagName(String tag) {
        int j = 0;
        while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)) || tag.charAt(j) == ':' || tag.charAt(j) == '-')) {
            j++;
        }
        if (j == 0 || !Character.isLetter(tag.charAt(0))) {
            return "";
        }
        String name = tag.substring(0, j).toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':'); // o:p and other namespaced tags from Word
        return colon >= 0 ? name.substring(colon + 1) : name;
    }

    /** Decodes character references from the fixed table and numeric ones; anything else stays as written. */
    static String entities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '&') {
                out.append(c);
                i++;
                continue;
            }
            int semi = s.indexOf(';', i);
            if (semi < 0 || semi - i > 12) {
                out.append(c);
                i++;
                continue;
            }
            String name = s.substring(i + 1, semi);
            String value = null;
            if (name.startsWith("#x") || name.startsWith("#X")) {
                value = codePoint(name.substring(2), 16);
            } else if (name.startsWith("#")) {
                value = codePoint(name.substring(1), 10);
            } else {
                value = ENTITIES.get(name);
            }
            if (value == null) {
                out.append(c);
                i++;
            } else {
                out.append(value);
                i = semi + 1;
            }
        }
        return out.toString();
    }

    private static String codePoint(String digits, int radix) {
        try {
            int cp = Integer.parseInt(digits, radix);
            if (cp <= 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp < 0x20 && cp != '\t' && cp != '\n')) {
                return "\uFFFD";
            }
            return new String(Character.toChars(cp));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Collects text with HTML white-space rules: runs of white space are one space, except in pre. */
    private static final class Out {
        private final StringBuilder sb = new StringBuilder();
        private boolean space;

        void text(String t, boolean preformatted, int quote) {
            for (int k = 0; k < t.length(); k++) {
                char c = t.charAt(k);
                if (!preformatted && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
                    space = true;
                    continue;
                }
                if (c == '\r') {
                    continue;
                }
                if (c == '\n') {
                    sb.append('\n');
                    space = false;
                    continue;
                }
                if (atLineStart()) {
                    sb.append("> ".repeat(quote));
                } else if (space) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }

        void lineBreak(int quote) {
            sb.append('\n');
            space = false;
        }

        void lineStart() {
            space = false;
            if (!atLineStart()) {
                sb.append('\n');
            }
        }

        void block(int quote) {
            space = false;
            if (sb.length() == 0) {
                return;
            }
            if (!atLineStart()) {
                sb.append('\n');
            }
            if (sb.length() < 2 || sb.charAt(sb.length() - 2) != '\n') {
                sb.append('\n');
            }
        }

        private boolean atLineStart() {
            return sb.length() == 0 || sb.charAt(sb.length() - 1) == '\n';
        }

        String result() {
            String s = sb.toString().replace('\u00A0', ' ');
            StringBuilder out = new StringBuilder();
            for (String line : s.split("\n", -1)) {
                out.append(line.stripTrailing()).append('\n');
            }
            return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
        }
    }
}
