package io.memoflow.mail;

import io.memoflow.config.MemoflowSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The IMAP and SMTP servers memoflow talks to, as its settings describe them:
 * {@code memoflow.imap.*} and {@code memoflow.smtp.*}. Works out the protocol (imap/imaps,
 * smtp/smtps), the Jakarta Mail properties (STARTTLS, timeouts, trusted hosts, envelope sender)
 * and the password (given directly, or read from {@code password-file}). No host: that side is
 * off. Passwords are never part of a URI or a log line.
 */
public final class MailServers {

    /** One server. */
    public record Server(String kind, boolean enabled, String protocol, String host, int port, String user, String password,
                         Properties javaMail) {
        /** For logs: protocol://user@host:port, never the password. */
        public String describe() {
            return enabled ? protocol + "://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port : kind + " off";
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    private MailServers() {
    }

    /** The IMAP mailbox ({@code memoflow.imap.*}). */
    public static Server imap(MemoflowSettings s) {
        String host = s.get("memoflow.imap.host").strip();
        String tls = s.get("memoflow.imap.tls", "true").strip().toLowerCase(Locale.ROOT);
        boolean implicit = switch (tls) {
            case "true", "yes", "on", "tls", "ssl", "imaps" -> true;
            case "false", "no", "off", "none", "starttls" -> false;
            default -> throw new IllegalArgumentException("memoflow.imap.tls must be true (TLS from the start, port 993), starttls or false, not '"
                    + tls + "'");
        };
        boolean starttls = tls.equals("starttls");
        String protocol = implicit ? "imaps" : "imap";
        int port = s.getInt("memoflow.imap.port", implicit ? 993 : 143);
        Properties p = new Properties();
        long timeout = s.getLong("memoflow.imap.timeout-ms", 30_000);
        p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(timeout));
        p.setProperty("mail." + protocol + ".timeout", String.valueOf(timeout));
        p.setProperty("mail." + protocol + ".writetimeout", String.valueOf(timeout));
        p.setProperty("mail." + protocol + ".peek", "true");
        if (starttls) {
            p.setProperty("mail.imap.starttls.enable", "true");
            p.setProperty("mail.imap.starttls.required", "true");
        }
        trust(p, protocol, s.get("memoflow.imap.trust"), implicit || starttls);
        String user = s.get("memoflow.imap.user").strip();
        String password = password(s, "memoflow.imap");
        if (!host.isEmpty() && user.isEmpty()) {
            throw new IllegalArgumentException("memoflow.imap.host is set (" + host + ") but memoflow.imap.user is empty: "
                    + "set the mailbox's login name (and memoflow.imap.password or memoflow.imap.password-file).");
        }
        return new Server("imap", !host.isEmpty(), protocol, host, port, user, password, p);
    }

    /** The SMTP server ({@code memoflow.smtp.*}). */
    public static Server smtp(MemoflowSettings s) {
        String host = s.get("memoflow.smtp.host").strip();
        String tls = s.get("memoflow.smtp.tls", "starttls").strip().toLowerCase(Locale.ROOT);
        String protocol;
        int defaultPort;
        Properties p = new Properties();
        switch (tls) {
            case "none", "false", "no", "off" -> {
                protocol = "smtp";
                defaultPort = 25;
            }
            case "starttls" -> {
                protocol = "smtp";
                defaultPort = 587;
                p.setProperty("mail.smtp.starttls.enable", "true");
                p.setProperty("mail.smtp.starttls.required", "true");
            }
            case "tls", "ssl", "smtps", "true", "yes", "on" -> {
                protocol = "smtps";
                defaultPort = 465;
            }
            default -> throw new IllegalArgumentException("memoflow.smtp.tls must be none, starttls or tls, not '" + tls + "'");
        }
        int port = s.getInt("memoflow.smtp.port", defaultPort);
        long timeout = s.getLong("memoflow.smtp.timeout-ms", 30_000);
        p.setProperty("mail." + protocol + ".connectiontimeout", String.valueOf(timeout));
        p.setProperty("mail." + protocol + ".timeout", String.valueOf(timeout));
        p.setProperty("mail." + protocol + ".writetimeout", String.valueOf(timeout));
        String from = s.get("memoflow.smtp.from", "memoflow@localhost").strip();
        p.setProperty("mail." + protocol + ".from", from);
        String helo = s.get("memoflow.smtp.helo").strip();
        if (!helo.isEmpty()) {
            p.setProperty("mail." + protocol + ".localhost", helo);
        }
        trust(p, protocol, s.get("memoflow.smtp.trust"), !tls.matches("none|false|no|off"));
        return new Server("smtp", !host.isEmpty(), protocol, host, port, s.get("memoflow.smtp.user").strip(), password(s, "memoflow.smtp"), p);
    }

    private static void trust(Properties p, String protocol, String hosts, boolean tls) {
        String h = hosts == null ? "" : hosts.strip();
        if (tls && !h.isEmpty()) {
            // certificates of these hosts are trusted without a CA (self-signed local servers); identity still checked unless "*"
            p.setProperty("mail." + protocol + ".ssl.trust", h.replace(',', ' '));
        }
        if (tls) {
            p.setProperty("mail." + protocol + ".ssl.checkserveridentity", String.valueOf(!h.equals("*")));
        }
    }

    /**
     * The password of {@code prefix}: {@code prefix.password}, else the first line of the file
     * {@code prefix.password-file} (relative to the home folder); empty when neither is set.
     */
    static String password(MemoflowSettings s, String prefix) {
        String direct = s.get(prefix + ".password");
        String file = s.get(prefix + ".password-file").strip();
        if (!direct.isEmpty() && !file.isEmpty()) {
            throw new IllegalArgumentException("Both " + prefix + ".password and " + prefix + ".password-file are set; keep one of them.");
        }
        if (file.isEmpty()) {
            return direct;
        }
        Path path = s.home().resolve(file);
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            int eol = text.indexOf('\n');
            return (eol < 0 ? text : text.substring(0, eol)).replace("\r", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + prefix + ".password-file " + path + ": " + e.getMessage()
                    + ". Check the path and that memoflow may read it.", e);
        }
    }

    /**
     * Values for the routes' placeholders, derived from the settings: {@code memoflow.imap.enabled},
     * {@code memoflow.imap.protocol}, {@code memoflow.imap.poll-ms}, {@code memoflow.smtp.enabled},
     * {@code memoflow.smtp.protocol}, and the ports in effect.
     */
    public static Map<String, String> placeholders(MemoflowSettings s) {
        Server imap = imap(s);
        Server smtp = smtp(s);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("memoflow.imap.enabled", String.valueOf(imap.enabled()));
        out.put("memoflow.imap.protocol", imap.protocol());
        out.put("memoflow.imap.port", String.valueOf(imap.port()));
        out.put("memoflow.imap.poll-ms", String.valueOf(pollMillis(s)));
        out.put("memoflow.smtp.enabled", String.valueOf(smtp.enabled()));
        out.put("memoflow.smtp.protocol", smtp.protocol());
        out.put("memoflow.smtp.port", String.valueOf(smtp.port()));
        return out;
    }

    /** {@code memoflow.imap.poll-seconds} in milliseconds (fractions allowed: 0.5 is 500 ms). */
    static long pollMillis(MemoflowSettings s) {
        String v = s.get("memoflow.imap.poll-seconds", "30").strip();
        try {
            double seconds = Double.parseDouble(v);
            if (!(seconds > 0) || seconds > 86_400) {
                throw new NumberFormatException();
            }
            return Math.max(50, Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("memoflow.imap.poll-seconds must be a number of seconds between 0.05 and 86400, not '" + v + "'", e);
        }
    }
}
