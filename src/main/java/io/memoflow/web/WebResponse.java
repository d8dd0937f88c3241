package io.memoflow.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer of the web desk.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type
 * @param body        the body
 * @param headers     the other response headers (security headers, Location, Set-Cookie, ...)
 * @param advance     the reference of a memorandum whose pending work (mails, signing) is to be
 *                    started now that the request changed it, or null
 */
public record WebResponse(int status, String contentType, byte[] body, Map<String, String> headers, String advance) {

    public WebResponse {
        headers = Map.copyOf(headers);
    }

    /** An HTML page: strict Content-Security-Policy, no caching, no referrer, not framed. */
    public static WebResponse html(int status, String html) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", Html.CSP);
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Cache-Control", "no-store");
        return new WebResponse(status, "text/html; charset=UTF-8", html.getBytes(StandardCharsets.UTF_8), h, null);
    }

    /** JSON (the API). */
    public static WebResponse json(int status, String json) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Cache-Control", "no-store");
        h.put("Referrer-Policy", "no-referrer");
        return new WebResponse(status, "application/json; charset=UTF-8", json.getBytes(StandardCharsets.UTF_8), h, null);
    }

    /** A PDF shown in the browser; {@code name} is made by memoflow (a reference and a fixed suffix), never taken from outside. */
    public static WebResponse pdf(byte[] pdf, String name) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Disposition", "inline; filename=\"" + name + "\"");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Cache-Control", "no-store");
        h.put("Referrer-Policy", "no-referrer");
        return new WebResponse(200, "application/pdf", pdf, h, null);
    }

    /** 303 See Other to a path of the desk. */
    public static WebResponse redirect(String location) {
        WebResponse r = html(303, "");
        return r.with("Location", location);
    }

    /** This answer with one more header. */
    public WebResponse with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new WebResponse(status, contentType, body, h, advance);
    }

    /** This answer, starting the pending work of a memorandum once it is sent. */
    public WebResponse advancing(String reference) {
        return new WebResponse(status, contentType, body, headers, reference);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
