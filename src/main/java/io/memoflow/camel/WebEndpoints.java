package io.memoflow.camel;

import io.memoflow.web.WebDesk;
import io.memoflow.web.WebRequest;
import io.memoflow.web.WebResponse;
import io.vertx.core.net.SocketAddress;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.activation.FileDataSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.attachment.AttachmentMessage;

/**
 * The web routes' bean ({@code web}): carries a request from Camel's platform HTTP to the web
 * desk ({@link WebDesk}, no Camel there) and its answer back. Only the headers the desk reads
 * ({@link WebRequest#HEADERS}), the path parameters and the query string reach it; before the
 * answer is written every header of the exchange is removed, so nothing of the request (its
 * cookies, its Authorization) is echoed back. An answer that changed a memorandum names it in
 * the exchange property {@link Headers#ADVANCE}, and the route starts its work.
 */
public final class WebEndpoints {

    /** Bodies of the pages' own forms are small. */
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final List<String> PATH_PARAMS = List.of("token", "ref", "file");
    private static final List<String> QUERY_PARAMS = List.of("lang", "state");

    private final WebDesk desk;

    public WebEndpoints(WebDesk desk) {
        this.desk = desk;
    }

    /** The route's wire tap to the dispatch: the reference to advance becomes the body. */
    public static final Processor ADVANCE = exchange -> exchange.getMessage().setBody(exchange.getProperty(Headers.ADVANCE, String.class));

    public void decisionPage(Exchange e) {
        answer(e, desk.decisions()::page, false);
    }

    public void decide(Exchange e) {
        answer(e, desk.decisions()::decide, false);
    }

    public void decisionDraft(Exchange e) {
        answer(e, desk.decisions()::draft, false);
    }

    public void loginPage(Exchange e) {
        answer(e, desk.desk()::loginPage, false);
    }

    public void login(Exchange e) {
        answer(e, desk.desk()::login, false);
    }

    public void logout(Exchange e) {
        answer(e, desk.desk()::logout, false);
    }

    public void list(Exchange e) {
        answer(e, desk.desk()::list, false);
    }

    public void memo(Exchange e) {
        answer(e, desk.desk()::memo, false);
    }

    public void memoFile(Exchange e) {
        answer(e, desk.desk()::file, false);
    }

    public void apiDrafts(Exchange e) {
        answer(e, desk.api()::drafts, true);
    }

    public void apiMemos(Exchange e) {
        answer(e, desk.api()::memos, true);
    }

    public void apiMemo(Exchange e) {
        answer(e, desk.api()::memo, true);
    }

    public void apiSignedPdf(Exchange e) {
        answer(e, desk.api()::signedPdf, true);
    }

    public void openapi(Exchange e) {
        answer(e, r -> desk.api().openapi(), true);
    }

    private void answer(Exchange exchange, Function<WebRequest, WebResponse> handler, boolean api) {
        long max = api ? desk.api().maxBodyBytes() : MAX_FORM_BYTES;
        byte[] body = body(exchange.getMessage(), max);
        WebRequest.Upload upload = upload(exchange, max);
        WebResponse response;
        if (body == null || upload == TOO_LARGE) {
            response = WebResponse.json(413, "{\"error\": \"The request body is larger than " + max + " bytes.\", "
                    + "\"advice\": \"Send a smaller draft, or raise memoflow.limits.draft-bytes.\"}");
        } else {
            response = desk.handle(request(exchange, body, upload), handler, api);
        }
        Message m = exchange.getMessage();
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        m.setHeader(Exchange.CONTENT_TYPE, response.contentType());
        response.headers().forEach(m::setHeader);
        m.setBody(response.body());
        if (response.advance() != null) {
            exchange.setProperty(Headers.ADVANCE, response.advance());
        }
    }

    private static final WebRequest.Upload TOO_LARGE = new WebRequest.Upload("", "", new byte[0]);

    /**
     * The first file of a multipart/form-data request (Vert.x wrote it to memoflow.web's upload folder,
     * data/uploads/; it is read and removed here), {@link #TOO_LARGE}, or null when there is none.
     */
    private static WebRequest.Upload upload(Exchange exchange, long max) {
        Message m = exchange.getMessage();
        if (m.getBody() instanceof File file) {
            // one file: Camel hands it over as the body, with its name and type in the CamelFile* headers
            try {
                long size = Files.size(file.toPath());
                byte[] b = size > max ? null : Files.readAllBytes(file.toPath());
                Files.deleteIfExists(file.toPath());
                return b == null ? TOO_LARGE : new WebRequest.Upload(m.getHeader(Exchange.FILE_NAME, "", String.class),
                        m.getHeader(Exchange.FILE_CONTENT_TYPE, "", String.class), b);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the uploaded file " + file + ": " + e.getMessage(), e);
            }
        }
        if (!(m instanceof AttachmentMessage am) || !am.hasAttachments()) {
            return null;
        }
        WebRequest.Upload first = null;
        for (Map.Entry<String, DataHandler> a : am.getAttachments().entrySet()) {
            DataSource source = a.getValue().getDataSource();
            try {
                if (first == null) {
                    try (InputStream in = source.getInputStream()) {
                        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                        first = b.length > max ? TOO_LARGE : new WebRequest.Upload(a.getKey(), source.getContentType(), b);
                    }
                }
                if (source instanceof FileDataSource f) {
                    Files.deleteIfExists(f.getFile().toPath());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the uploaded file '" + a.getKey() + "': " + e.getMessage(), e);
            }
        }
        return first;
    }

    private static WebRequest request(Exchange exchange, byte[] body, WebRequest.Upload upload) {
        Message m = exchange.getMessage();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : WebRequest.HEADERS) {
            Object v = m.getHeader(name);
            List<String> values = new ArrayList<>();
            if (v instanceof List<?> list) {
                list.forEach(x -> values.add(String.valueOf(x)));
            } else if (v != null) {
                values.add(String.valueOf(v));
            }
            headers.put(name, values);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : PATH_PARAMS) {
            Object v = m.getHeader(p);
            if (v instanceof String s) {
                params.put(p, s);
            }
        }
        String query = m.getHeader(Exchange.HTTP_QUERY, "", String.class);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq);
            if (QUERY_PARAMS.contains(name)) {
                try {
                    params.putIfAbsent(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    continue; // a malformed %-escape: the parameter is left out
                }
            }
        }
        Object remote = m.getHeader("CamelVertxPlatformHttpRemoteAddress");
        String ip = remote instanceof SocketAddress a ? a.hostAddress() : "";
        return new WebRequest(m.getHeader(Exchange.HTTP_METHOD, "GET", String.class), headers, params, body, ip, upload);
    }

    /** The request body, or null when it has more than {@code max} bytes. */
    private static byte[] body(Message m, long max) {
        Object body = m.getBody();
        if (body == null || body instanceof File) {
            return new byte[0];
        }
        if (body instanceof Map<?, ?> form) {
            // an application/x-www-form-urlencoded body, as Vert.x parsed it: written out again for the desk to read
            StringBuilder sb = new StringBuilder();
            form.forEach((k, v) -> {
                for (Object value : v instanceof List<?> list ? list : List.of(v)) {
                    sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(String.valueOf(k), StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
                }
            });
            byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
            return b.length > max ? null : b;
        }
        if (body instanceof InputStream in) {
            try (in) {
                byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
                return b.length > max ? null : b;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the request body: " + e.getMessage(), e);
            }
        }
        byte[] b = m.getBody(byte[].class);
        return b == null ? new byte[0] : b.length > max ? null : b;
    }
}
