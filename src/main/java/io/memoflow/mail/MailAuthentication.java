package io.memoflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Whether a mail proves where it comes from ({@code memoflow.mail.require-authentication}): the
 * receiving mail server's {@code Authentication-Results} header (RFC 8601) must say
 * {@code dkim=pass} for the From domain ({@code header.d} is that domain or a parent of it, or
 * {@code header.i} is an address of it) or {@code dmarc=pass} for it ({@code header.from}).
 *
 * <p>A sender can write any header, so only the headers of the receiving server count: those
 * whose authentication service id is one of {@code memoflow.mail.authserv-id}, or, when none is
 * configured, the topmost one (the one the last server added). Comments and quoted strings are
 * read as RFC 8601 says; nothing in the header is fetched or looked up.
 */
public final class MailAuthentication {

    /** No authentication required: every mail passes. */
    public static final MailAuthentication OFF = new MailAuthentication(false, List.of());

    private final boolean required;
    private final List<String> authservIds;

    /**
     * @param required    memoflow.mail.require-authentication
     * @param authservIds memoflow.mail.authserv-id: the receiving servers' ids; empty: the topmost header counts
     */
    public MailAuthentication(boolean required, List<String> authservIds) {
        this.required = required;
        this.authservIds = authservIds.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    public boolean required() {
        return required;
    }

    /** Why the mail does not prove its sender's domain, or null when it does (or nothing is required). */
    public String problem(IncomingMail mail) {
        if (!required) {
            return null;
        }
        String from = mail.from();
        if (from == null) {
            return "The mail has no single valid From address, so memoflow cannot tell who sent it.";
        }
        String domain = from.substring(from.lastIndexOf('@') + 1);
        List<String> headers = trusted(headers(mail.raw()));
        if (headers.isEmpty()) {
            return "The mail " + mail.describe() + " carries no Authentication-Results header"
                    + (authservIds.isEmpty() ? "" : " from " + String.join(", ", authservIds))
                    + ", so nothing proves that it comes from " + domain + ".";
        }
        for (String h : headers) {
            if (passes(h, domain)) {
                return null;
            }
        }
        return "The mail " + mail.describe() + " does not prove that it comes from " + domain
                + ": the receiving server's Authentication-Results say neither dkim=pass nor dmarc=pass for " + domain + " ("
                + MailText.printable(String.join(" | ", headers)) + ").";
    }

    /** The headers that count: those of the configured servers, or else the topmost one. */
    private List<String> trusted(List<String> all) {
        if (authservIds.isEmpty()) {
            return all.isEmpty() ? List.of() : List.of(all.get(0));
        }
        List<String> out = new ArrayList<>();
        for (String h : all) {
            List<String> parts = split(withoutComments(h));
            String id = parts.isEmpty() ? "" : parts.get(0).strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (authservIds.contains(id)) {
                out.add(h);
            }
        }
        return out;
    }

    /** The values of the Authentication-Results headers of a raw mail, top first, unfolded. */
    static List<String> headers(byte[] raw) {
        try {
            InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(raw));
            String[] values = h.getHeader("Authentication-Results");
            List<String> out = new ArrayList<>();
            if (values != null) {
                for (String v : values) {
                    out.add(v.replaceAll("\r?\n", "").strip());
                }
            }
            return out;
        } catch (MessagingException e) {
            return List.of(); // headers that cannot be read prove nothing
        }
    }

    /** True when one Authentication-Results value says dkim=pass or dmarc=pass for {@code domain}. */
    static boolean passes(String value, String domain) {
        List<String> parts = split(withoutComments(value));
        for (int i = 1; i < parts.size(); i++) {
            List<String> words = words(parts.get(i).replaceAll("\\s*=\\s*", "="));
            if (words.isEmpty()) {
                continue;
            }
            String[] result = words.get(0).split("=", 2);
            String method = result[0].split("/", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (result.length < 2 || !result[1].strip().equalsIgnoreCase("pass")) {
                continue;
            }
            for (String w : words.subList(1, words.size())) {
                String[] kv = w.split("=", 2);
                if (kv.length < 2) {
                    continue;
                }
                String key = kv[0].strip().toLowerCase(Locale.ROOT);
                String v = unquote(kv[1].strip()).toLowerCase(Locale.ROOT);
                if (method.equals("dkim") && key.equals("header.d") && (domain.equals(v) || domain.endsWith("." + v))) {
                    return true;
                }
                if (method.equals("dkim") && key.equals("header.i") && v.contains("@")
                        && (v.substring(v.lastIndexOf('@') + 1).equals(domain))) {
                    return true;
                }
                if (method.equals("dmarc") && key.equals("header.from") && domain.equals(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value without RFC 5322 comments (nested parentheses outside quoted strings). */
    static String withoutComments(String s) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    sb.append(c).append(s.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                sb.append(c);
            } else if (!quoted && c == '(') {
                depth++;
                sb.append(depth == 1 ? " " : "");
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Splits at ';' outside quoted strings (empty parts kept). */
    private static List<String> split(String s) {
        return splitOutsideQuotes(s, c -> c == ';', true);
    }

    /** Splits at white space outside quoted strings (no empty words). */
    private static List<String> words(String s) {
        return splitOutsideQuotes(s, Character::isWhitespace, false);
    }

    private static List<String> splitOutsideQuotes(String s, IntPredicate separator, boolean keepEmpty) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (separator.test(c) && !quoted) {
                if (keepEmpty || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (keepEmpty || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
