package io.memoflow.web;

import io.memoflow.RejectedInputException;
import io.memoflow.memo.Memo;
import io.memoflow.service.Accepted;
import io.memoflow.service.Intake;
import io.memoflow.service.MemoService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API, for programs (HTTP Basic with the desk's users): {@code POST /api/drafts} hands
 * over a draft (the body, typed by its Content-Type, or a file in multipart/form-data) and
 * answers 201 with its reference, version and state, or 422 with the reason a rejected file
 * would get; {@code GET /api/memos}, {@code /api/memos/{ref}} answer what
 * {@code memoflow status --json} prints; {@code GET /api/memos/{ref}/signed.pdf}; the OpenAPI
 * description at {@code /api/openapi.json}.
 */
public final class Api {

    /** Draft formats by media type: the file name the draft parser is given. */
    static final Map<String, String> TYPES = Map.of(
            "text/markdown", "draft.md",
            "text/x-markdown", "draft.md",
            "text/plain", "draft.txt",
            "text/html", "draft.html",
            "application/pdf", "draft.pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "draft.docx",
            "application/vnd.oasis.opendocument.text", "draft.odt");

    private static final Pattern EXTENSION = Pattern.compile("\\.(md|markdown|txt|html|htm|pdf|docx|odt)$");

    private final MemoService service;
    private final Access access;
    private final Desk desk;
    private final long maxBytes;
    private final Path signed;

    /** @param signed the signed/ folder */
    public Api(MemoService service, Access access, Desk desk, long maxBytes, Path signed) {
        this.signed = signed;
        this.service = service;
        this.access = access;
        this.desk = desk;
        this.maxBytes = maxBytes;
    }

    /** The most bytes a request body may have (a draft, with room for the multipart framing). */
    public long maxBodyBytes() {
        return maxBytes + 64 * 1024;
    }

    /** POST /api/drafts */
    public WebResponse drafts(WebRequest r) {
        return authenticated(r, user -> draft(r, user));
    }

    private WebResponse draft(WebRequest r, Access.Check user) {
        String name;
        byte[] content;
        if (r.contentType().equals("multipart/form-data")) {
            if (r.upload() == null) {
                return error(422, "The multipart/form-data body has no file part.",
                        "Send the draft as a form field of type file (curl -F file=@draft.md).");
            }
            name = draftName(r.upload());
            content = r.upload().content();
        } else {
            name = TYPES.get(r.contentType());
            content = r.body();
        }
        if (name == null) {
            return error(415, "memoflow does not take drafts of the type '" + printable(r.contentType()) + "'.",
                    "Send Markdown (text/markdown), plain text (text/plain), HTML (text/html), PDF (application/pdf), Word "
                            + "(.docx) or OpenDocument (.odt) with its Content-Type, or as a file in multipart/form-data.");
        }
        if (content.length > maxBytes) {
            return error(413, "The draft is " + content.length + " bytes; a draft may have at most " + maxBytes + " bytes.",
                    "Shorten it, or raise memoflow.limits.draft-bytes.");
        }
        Accepted accepted;
        try {
            accepted = service.submit(content, name, new Intake("api", user.user(), "api:" + UUID.randomUUID(), name));
        } catch (RejectedInputException e) {
            return error(422, e.reason(), e.advice());
        }
        Memo memo = service.memo(accepted.reference());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reference", accepted.reference());
        body.put("version", accepted.version());
        body.put("state", memo.state);
        return WebResponse.json(201, StatusJson.write(body)).with("Location", "/api/memos/" + accepted.reference())
                .advancing(accepted.reference());
    }

    /** GET /api/memos */
    public WebResponse memos(WebRequest r) {
        return authenticated(r, user -> WebResponse.json(200, StatusJson.list(service.store().list())));
    }

    /** GET /api/memos/{ref} */
    public WebResponse memo(WebRequest r) {
        return withMemo(r, memo -> WebResponse.json(200,
                StatusJson.memo(service.store(), memo, signed.resolve(memo.reference + ".pdf"))));
    }

    /** GET /api/memos/{ref}/signed.pdf */
    public WebResponse signedPdf(WebRequest r) {
        return withMemo(r, memo -> desk.signedPdf(memo.reference).orElseGet(() -> error(404, memo.reference
                + " is not signed yet (it is " + memo.state.label() + ").",
                "Ask again once GET /api/memos/" + memo.reference + " says COMPLETED.")));
    }

    /** What {@code answer} gives for a request with the credentials of a desk user; 401 without them. */
    private WebResponse authenticated(WebRequest r, Function<Access.Check, WebResponse> answer) {
        Access.Check user = access.basic(r.header("authorization"));
        return user.ok() ? answer.apply(user) : unauthorized(user);
    }

    /** What {@code answer} gives for the memorandum {ref} names, to a desk user; 404 when there is none. */
    private WebResponse withMemo(WebRequest r, Function<Memo, WebResponse> answer) {
        return authenticated(r, user -> desk.find(r.param("ref")).map(answer).orElseGet(() -> notFound(r.param("ref"))));
    }

    /** GET /api/openapi.json */
    public WebResponse openapi() {
        try (InputStream in = Api.class.getResourceAsStream("/web/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("web/openapi.json is missing from memoflow's jar; rebuild it.");
            }
            return WebResponse.json(200, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read web/openapi.json from memoflow's jar: " + e.getMessage(), e);
        }
    }

    /** The name the draft parser is given: draft.EXT by the file's extension, else by its Content-Type; null when neither is known. */
    static String draftName(WebRequest.Upload upload) {
        Matcher m = EXTENSION.matcher(upload.fileName() == null ? "" : upload.fileName().toLowerCase(Locale.ROOT));
        if (m.find()) {
            String ext = switch (m.group(1)) {
                case "markdown" -> "md";
                case "htm" -> "html";
                default -> m.group(1);
            };
            return "draft." + ext;
        }
        String type = upload.contentType() == null ? "" : upload.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        return TYPES.get(type);
    }

    private WebResponse notFound(String ref) {
        return error(404, "There is no memorandum " + printable(ref) + ".", "GET /api/memos lists them all.");
    }

    private static WebResponse unauthorized(Access.Check check) {
        WebResponse r = check.lockedUntil() != null
                ? error(401, "Too many failed attempts for this user: it is locked out until " + check.lockedUntil() + ".",
                        "Wait, then send the right password.")
                : error(401, "The user name or password is missing or wrong.",
                        "Send HTTP Basic credentials of a user of the web desk (memoflow user add EMAIL).");
        return r.with("WWW-Authenticate", "Basic realm=\"memoflow\", charset=\"UTF-8\"");
    }

    static WebResponse error(int status, String reason, String advice) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("advice", advice);
        return WebResponse.json(status, StatusJson.write(body));
    }

    private static String printable(String s) {
        return MemoService.printable(s == null ? "" : s);
    }
}
