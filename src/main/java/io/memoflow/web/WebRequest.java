package io.memoflow.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the web desk sees it.
 *
 * @param method   GET, POST, ...
 * @param headers  the request headers the desk reads, by lower-case name (all values of a header)
 * @param params   path parameters and query parameters, by name
 * @param body     the request body (empty for GET)
 * @param clientIp the address the request came from
 * @param upload   the first file of a multipart/form-data request, or null
 */
public record WebRequest(String method, Map<String, List<String>> headers, Map<String, String> params, byte[] body, String clientIp,
                         Upload upload) {

    /** A file sent in a multipart/form-data request: the name the client gave it, its Content-Type and its bytes. */
    public record Upload(String fileName, String contentType, byte[] content) {
    }

    /** The headers the web desk reads; no other request header reaches it. */
    public static final List<String> HEADERS = List.of("origin", "sec-fetch-site", "cookie", "authorization", "content-type",
            "accept-language", "user-agent");

    public WebRequest(String method, Map<String, List<String>> headers, Map<String, String> params, byte[] body, String clientIp) {
        this(method, headers, params, body, clientIp, null);
    }

    public WebRequest {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        headers = h;
        params = Map.copyOf(params);
        body = body == null ? new byte[0] : body;
        clientIp = clientIp == null ? "" : clientIp;
    }

    /** The first value of a header, or "" when it is absent. */
    public String header(String name) {
        List<String> v = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        return v.isEmpty() || v.get(0) == null ? "" : v.get(0);
    }

    /** Every value of a header. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public String param(String name) {
        String v = params.get(name);
        return v == null ? "" : v;
    }

    /** The media type of the body, lower case, without parameters. */
    public String contentType() {
        String ct = header("content-type");
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
    }

    /** The fields of an application/x-www-form-urlencoded body (the first value of each name). */
    public Map<String, String> form() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!contentType().equals("application/x-www-form-urlencoded")) {
            return out;
        }
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq >= 0 ? pair.substring(0, eq) : pair, StandardCharsets.UTF_8);
                String value = eq >= 0 ? URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8) : "";
                out.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed %-escape: the field is left out, and the form then lacks it
                continue;
            }
        }
        return out;
    }

    /** A cookie's value, or "" when the request has none of that name. */
    public String cookie(String name) {
        for (String header : headerValues("cookie")) {
            for (String c : header.split(";")) {
                int eq = c.indexOf('=');
                if (eq > 0 && c.substring(0, eq).trim().equals(name)) {
                    return c.substring(eq + 1).trim();
                }
            }
        }
        return "";
    }
}
