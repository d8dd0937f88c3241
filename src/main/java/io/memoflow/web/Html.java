package io.memoflow.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The HTML of the web desk's pages: one layout with one inline style sheet (allowed by its hash
 * in the Content-Security-Policy, so no other style, script, font or frame is), and escaping for
 * every value from outside.
 */
public final class Html {

    /** The one style sheet: readable on a phone, right-to-left aware (logical properties), no outside fonts. */
    static final String CSS = "*{box-sizing:border-box}"
            + "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI','Noto Sans','Noto Naskh Arabic',Tahoma,sans-serif;"
            + "color:#1b1f24;background:#f4f5f7}"
            + "header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}"
            + "header a,header button{color:#fff}header .brand{font-weight:700;margin-inline-end:auto}"
            + "main{max-width:52rem;margin:0 auto;padding:1rem}"
            + "section{background:#fff;border:1px solid #d8dde3;border-radius:.5rem;padding:1rem;margin-block:1rem}"
            + "h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.1rem;margin:.2rem 0 .5rem}"
            + "dl{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.3rem 1rem;margin:0}dt{color:#57606a}dd{margin:0}"
            + "table{width:100%;border-collapse:collapse}th,td{text-align:start;padding:.4rem;border-bottom:1px solid #e4e7eb;vertical-align:top}"
            + ".scroll{overflow-x:auto}"
            + "textarea,input[type=email],input[type=password],select{width:100%;font:inherit;padding:.5rem;border:1px solid #aeb6bf;"
            + "border-radius:.3rem}"
            + "button{font:inherit;padding:.6rem 1rem;border-radius:.3rem;border:1px solid #1f3a5f;background:#fff;cursor:pointer;"
            + "margin-block:.3rem;margin-inline-end:.5rem}"
            + "button.approve{background:#1a7f37;border-color:#1a7f37;color:#fff}button.changes{background:#9a6700;border-color:#9a6700;"
            + "color:#fff}button.reject{background:#cf222e;border-color:#cf222e;color:#fff}"
            + "header form{margin:0}header button{background:transparent;border-color:#fff;padding:.2rem .6rem}"
            + ".note{border-inline-start:4px solid #1f3a5f;background:#eef3f9;padding:.6rem 1rem}"
            + ".refused{border-inline-start:4px solid #cf222e;background:#fff1f0;padding:.6rem 1rem}"
            + ".muted{color:#57606a;font-size:.9rem}.ltr{direction:ltr;unicode-bidi:isolate}"
            + "@media (max-width:34rem){dl{grid-template-columns:1fr}dt{font-weight:600}button{width:100%}}";

    /** The Content-Security-Policy of every page. */
    public static final String CSP = "default-src 'none'; style-src 'sha256-" + sha256(CSS) + "'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private Html() {
    }

    /** Text made safe inside HTML elements and quoted attributes; null becomes "". */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A whole page.
     *
     * @param header  HTML for the header bar after the brand (already escaped), may be empty
     * @param content HTML of the main part (already escaped)
     */
    public static String page(Words words, String title, String header, String content) {
        return "<!DOCTYPE html>\n<html lang=\"" + words.lang() + "\" dir=\"" + (words.rtl() ? "rtl" : "ltr") + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + esc(title) + " · memoflow</title>"
                + "<style>" + CSS + "</style></head><body><header><span class=\"brand\">memoflow</span>" + header + "</header>"
                + "<main>" + content + "</main></body></html>";
    }

    static String sha256(String s) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }
}
