package io.memoflow.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How memoranda look: page, margins, fonts, sizes, colours, letterhead, header and footer, and
 * the wording of labels. Loaded from a {@code .properties} or YAML file (nested YAML keys are
 * joined with dots), over the packaged defaults; every key is optional. The style is trusted
 * configuration written by the administrator: file names in it are read (relative to the
 * style file's folder); nothing in a memorandum ever names a file.
 *
 * <p>Keys, with their defaults (lengths take {@code mm}, {@code cm}, {@code in} or {@code pt};
 * a bare number is points):
 * <pre>
 * page.size               A4            A4, A5, Letter, Legal, or WIDTHxHEIGHT, e.g. 210mmx297mm
 * page.margin.top         22mm
 * page.margin.bottom      20mm
 * page.margin.inner       22mm          the start side (right in Arabic documents)
 * page.margin.outer       22mm
 * font.regular            (packaged Amiri Regular)   a .ttf file
 * font.bold               (packaged Amiri Bold)
 * font.italic             (none: slanted regular)
 * font.bold-italic        (none: slanted bold)
 * font.fallback           noto-sans-tifinagh, noto-sans-hebrew, noto-sans-devanagari, noto-sans-ethiopic
 *                                       fonts for the characters the fonts above lack, tried in
 *                                       order per character cluster: packaged names or .ttf files
 * size.body               11.5          points
 * size.title              19
 * size.heading1 .. 3      15, 13, 12
 * size.small              8.5           header, footer, audit page
 * size.table-minimum      7             smallest type a table too wide for the page is set in
 * line-height             1.6           times the font size
 * paragraph.spacing       5pt           space after a paragraph
 * color.text              #1a1a1a
 * color.accent            #1f3a5f       title, headings, rules
 * color.muted             #5a5a5a       header and footer
 * letterhead.image        (none)        PNG or JPEG printed at the top of the page
 * letterhead.height       18mm
 * letterhead.pages        first         first | all
 * header.text             {memorandum}  the label "memorandum" of the document's language:
 *                                       مذكرة تفاهم — Memorandum of Understanding (en, ar),
 *                                       مذكرة تفاهم — Mémorandum d'entente (fr)
 * footer.text             {reference} — {version-label}
 * footer.page             {page-label}
 * date.zone               UTC           time zone of printed dates and times
 * signature.height        28mm          the empty area left for each visible signature
 * watermark.opacity       0.12
 * label.KEY.LANG          (built in)    e.g. label.page.ar = صفحة {page} من {pages}
 * </pre>
 * Header and footer texts may use {reference}, {version}, {version-label}, {title}, {date},
 * {page}, {pages}, {page-label} and {memorandum}; an empty text prints nothing.
 */
public final class MemoStyle {

    private static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new TreeMap<>();
        d.put("page.size", "A4");
        d.put("page.margin.top", "22mm");
        d.put("page.margin.bottom", "20mm");
        d.put("page.margin.inner", "22mm");
        d.put("page.margin.outer", "22mm");
        d.put("font.regular", "");
        d.put("font.bold", "");
        d.put("font.italic", "");
        d.put("font.bold-italic", "");
        d.put("font.fallback", "noto-sans-tifinagh, noto-sans-hebrew, noto-sans-devanagari, noto-sans-ethiopic");
        d.put("size.body", "11.5");
        d.put("size.title", "19");
        d.put("size.heading1", "15");
        d.put("size.heading2", "13");
        d.put("size.heading3", "12");
        d.put("size.small", "8.5");
        d.put("size.table-minimum", "7");
        d.put("line-height", "1.6");
        d.put("paragraph.spacing", "5pt");
        d.put("color.text", "#1a1a1a");
        d.put("color.accent", "#1f3a5f");
        d.put("color.muted", "#5a5a5a");
        d.put("letterhead.image", "");
        d.put("letterhead.height", "18mm");
        d.put("letterhead.pages", "first");
        d.put("header.text", "{memorandum}");
        d.put("footer.text", "{reference} — {version-label}");
        d.put("footer.page", "{page-label}");
        d.put("date.zone", "UTC");
        d.put("signature.height", "28mm");
        d.put("watermark.opacity", "0.12");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private final Map<String, String> values;
    private final Path baseDir;

    private MemoStyle(Map<String, String> values, Path baseDir) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.baseDir = baseDir;
    }

    /** The packaged style: A4, Amiri, a formal bilingual memorandum. */
    public static MemoStyle defaults() {
        return new MemoStyle(DEFAULTS, null);
    }

    /**
     * Loads a style file ({@code .properties}, {@code .yaml} or {@code .yml}) over the defaults.
     * Font and image file names in it are relative to the file's folder.
     */
    public static MemoStyle load(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Map<String, String> read;
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                read = readYaml(file);
            } else if (name.endsWith(".properties")) {
                read = readProperties(file);
            } else {
                throw new IllegalArgumentException("The style file " + file + " must end in .properties, .yaml or .yml.");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The style file " + file + " could not be read: " + e.getMessage()
                    + ". Check that it exists and is readable, or remove it to use the packaged style.", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        return defaults().with(read, dir);
    }

    /** This style with some keys replaced (file names relative to {@code baseDir}, which may be null). */
    public MemoStyle with(Map<String, String> overrides, Path baseDir) {
        Map<String, String> merged = new TreeMap<>(values);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey().trim();
            if (!DEFAULTS.containsKey(key) && !key.startsWith("label.")) {
                throw new IllegalArgumentException("Unknown style key '" + key + "'. Known keys: " + DEFAULTS.keySet()
                        + " and label.KEY.LANG.");
            }
            merged.put(key, e.getValue() == null ? "" : e.getValue().trim());
        }
        MemoStyle style = new MemoStyle(merged, baseDir != null ? baseDir : this.baseDir);
        style.validate();
        return style;
    }

    private static Map<String, String> readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    private static Map<String, String> readYaml(Path file) throws IOException {
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(10)
                .setAllowRecursiveKeys(false).setCodePointLimit(1024 * 1024).build();
        Object doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = new Load(settings).loadFromInputStream(in);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The style file " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        if (doc == null) {
            return out;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("The style file " + file + " must be a YAML mapping of keys to values.");
        }
        flatten("", map, out, file);
        return out;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out, Path file) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, out, file);
            } else if (v instanceof List<?>) {
                throw new IllegalArgumentException("The style key " + key + " in " + file + " is a list; give a single value.");
            } else {
                out.put(key, v == null ? "" : String.valueOf(v));
            }
        }
    }

    private void validate() {
        pageSize();
        for (String k : List.of("page.margin.top", "page.margin.bottom", "page.margin.inner", "page.margin.outer",
                "paragraph.spacing", "letterhead.height", "signature.height")) {
            length(k);
        }
        for (String k : List.of("size.body", "size.title", "size.heading1", "size.heading2", "size.heading3", "size.small",
                "size.table-minimum", "line-height", "watermark.opacity")) {
            number(k);
        }
        for (String k : List.of("color.text", "color.accent", "color.muted")) {
            color(k);
        }
        zone();
        String pages = get("letterhead.pages");
        if (!pages.equals("first") && !pages.equals("all")) {
            throw new IllegalArgumentException("The style key letterhead.pages must be 'first' or 'all', not '" + pages + "'.");
        }
    }

    // ---- typed access ----

    String get(String key) {
        String v = values.get(key);
        return v == null ? "" : v;
    }

    /** A label override for a language, or null. */
    String label(String key, String language) {
        return values.get("label." + key + "." + language);
    }

    float number(String key) {
        String v = get(key);
        try {
            float f = Float.parseFloat(v);
            if (!(f > 0) || f > 10000) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The style key " + key + " must be a positive number, not '" + v + "'.", e);
        }
    }

    float length(String key) {
        return parseLength(get(key), key);
    }

    static float parseLength(String value, String key) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        float factor = 1f;
        if (v.endsWith("mm")) {
            factor = 72f / 25.4f;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("cm")) {
            factor = 72f / 2.54f;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("in")) {
            factor = 72f;
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("pt")) {
            v = v.substring(0, v.length() - 2);
        }
        try {
            float f = Float.parseFloat(v.trim()) * factor;
            if (f < 0 || f > 5000) {
                throw new NumberFormatException();
            }
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The style key " + key + " must be a length such as 20mm, 2cm, 1in or 12pt, not '"
                    + value + "'.", e);
        }
    }

    Rgb color(String key) {
        return Rgb.parse(get(key), key);
    }

    ZoneId zone() {
        try {
            return ZoneId.of(get("date.zone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("The style key date.zone must be a time zone such as UTC or Africa/Casablanca, not '"
                    + get("date.zone") + "'.", e);
        }
    }

    /** Page width and height in points. */
    float[] pageSize() {
        String v = get("page.size").trim();
        switch (v.toUpperCase(Locale.ROOT)) {
            case "A4":
                return new float[] {595.276f, 841.89f};
            case "A5":
                return new float[] {419.528f, 595.276f};
            case "A3":
                return new float[] {841.89f, 1190.551f};
            case "LETTER":
                return new float[] {612f, 792f};
            case "LEGAL":
                return new float[] {612f, 1008f};
            default:
                String[] parts = v.toLowerCase(Locale.ROOT).split("x");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("The style key page.size must be A4, A5, A3, Letter, Legal or WIDTHxHEIGHT "
                            + "(e.g. 210mmx297mm), not '" + v + "'.");
                }
                float w = parseLength(parts[0], "page.size");
                float h = parseLength(parts[1], "page.size");
                if (w < 144 || h < 144) {
                    throw new IllegalArgumentException("The style key page.size is too small (" + v + "): pages must be at least 2in each way.");
                }
                return new float[] {w, h};
        }
    }

    /** A file named by a key, resolved against the style file's folder; null when the key is empty. */
    Path file(String key) {
        String v = get(key);
        if (v.isBlank()) {
            return null;
        }
        return resolve(v);
    }

    /** A file name from this style, resolved against the style file's folder. */
    Path resolve(String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute() && baseDir != null) {
            p = baseDir.resolve(p);
        }
        return p;
    }

    /** All keys and values, for display. */
    public Map<String, String> values() {
        return values;
    }

    /** The keys a style file may set (plus label.KEY.LANG). */
    public static Set<String> keys() {
        return DEFAULTS.keySet();
    }
}
