package io.memoflow.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * memoflow's configuration, in three layers, each overriding the one before:
 * <ol>
 * <li>the packaged defaults ({@code memoflow-defaults.properties} on the class path),</li>
 * <li>{@code memoflow.properties} in the home folder,</li>
 * <li>environment variables: the key in upper case with dots and dashes as underscores
 * ({@code memoflow.smtp.host} is {@code MEMOFLOW_SMTP_HOST}).</li>
 * </ol>
 * Keys that are not in the first two layers can still be given by environment variable; the
 * variable name is then read as the key with underscores as dots.
 */
public final class MemoflowSettings {

    public static final String DEFAULTS = "memoflow-defaults.properties";
    public static final String HOME_FILE = "memoflow.properties";

    private final Path home;
    private final Map<String, String> values;

    private MemoflowSettings(Path home, Map<String, String> values) {
        this.home = home;
        this.values = values;
    }

    /** Loads the three layers for a home folder. */
    public static MemoflowSettings load(Path home, Map<String, String> environment) {
        Map<String, String> values = new TreeMap<>();
        try (InputStream in = MemoflowSettings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("The packaged defaults " + DEFAULTS + " are missing from the class path; rebuild memoflow");
            }
            putAll(values, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the packaged defaults: " + e.getMessage(), e);
        }
        Path file = home.resolve(HOME_FILE);
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                putAll(values, in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " is not a valid properties file: " + e.getMessage()
                        + ". Fix the line it names (a backslash must be followed by u and 4 hex digits).", e);
            }
        }
        Map<String, String> byEnvName = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            byEnvName.put(envName(key), key);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("MEMOFLOW_") || name.equals("MEMOFLOW_HOME") || name.equals("MEMOFLOW_JAVA_OPTS")) {
                continue;
            }
            String key = byEnvName.getOrDefault(name, name.toLowerCase(Locale.ROOT).replace('_', '.'));
            values.put(key, e.getValue());
        }
        values.put("memoflow.home", home.toAbsolutePath().normalize().toString());
        return new MemoflowSettings(home.toAbsolutePath().normalize(), values);
    }

    /** Settings from a plain map (tests); packaged defaults underneath. */
    public static MemoflowSettings of(Path home, Map<String, String> overrides) {
        MemoflowSettings base = load(home, Map.of());
        Map<String, String> values = new TreeMap<>(base.values);
        values.putAll(overrides);
        return new MemoflowSettings(base.home, values);
    }

    private static void putAll(Map<String, String> values, InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        for (String k : p.stringPropertyNames()) {
            values.put(k.trim(), p.getProperty(k).trim());
        }
    }

    /** The environment variable that overrides a key. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Path home() {
        return home;
    }

    public Path folder(String name) {
        return home.resolve(name);
    }

    /** The value, or empty string when the key is not set. */
    public String get(String key) {
        return values.getOrDefault(key, "");
    }

    public String get(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    public int getInt(String key, int fallback) {
        String v = get(key);
        if (v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The setting " + key + " must be a whole number, not '" + v + "'", e);
        }
    }

    public long getLong(String key, long fallback) {
        String v = get(key);
        if (v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The setting " + key + " must be a whole number, not '" + v + "'", e);
        }
    }

    public boolean getBoolean(String key, boolean fallback) {
        String v = get(key).trim().toLowerCase(Locale.ROOT);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("The setting " + key + " must be true or false, not '" + v + "'");
        };
    }

    /** An ISO-8601 duration (P2D, PT4H), or null when unset. */
    public Duration getDuration(String key) {
        String v = get(key).trim();
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Duration.parse(v.toUpperCase(Locale.ROOT).startsWith("P") ? v.toUpperCase(Locale.ROOT) : "PT" + v.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The setting " + key + " must be an ISO-8601 duration such as P2D or PT4H, not '" + v + "'", e);
        }
    }

    /** A comma-separated list, trimmed, empty entries dropped. */
    public List<String> getList(String key) {
        String v = get(key);
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** Keys under a prefix, e.g. "memoflow.roles." gives their remaining names and values. */
    public Map<String, String> under(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** All settings as properties (given to Camel so {{placeholders}} resolve to the same values). */
    public Properties asProperties() {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        return p;
    }

    /** Settings with secret-looking values masked, for logs. */
    public Map<String, String> masked() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecret(k) && !v.isEmpty() ? "******" : v));
        return out;
    }

    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return Arrays.stream(new String[] {"password", "secret", "token"}).anyMatch(s -> k.contains(s) && !k.endsWith("-env") && !k.endsWith("-file"));
    }
}
