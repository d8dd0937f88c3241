package io.memoflow.web;

import static io.memoflow.web.Html.esc;

import io.memoflow.document.MemoDocument.AuditLine;
import io.memoflow.mail.DecisionLinks;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.VersionRecord;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.Reference;
import io.memoflow.service.AuditWording;
import io.memoflow.service.DocumentService;
import io.memoflow.service.MemoService;
import io.memoflow.store.MemoSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The office's desk: a login page, the list of memoranda ({@code /}, newest first, filtered by
 * state) and one memorandum ({@code /memos/{ref}}) with its versions, PDFs and history. Every
 * page but the login page needs a session; without one it sends the browser to the login page.
 */
public final class Desk {

    private static final Pattern VERSION_PDF = Pattern.compile("v([0-9]{1,4})\\.pdf");

    private final MemoService service;
    private final DocumentService documents;
    private final Access access;
    private final DecisionLinks seals;
    private final Path signed;
    private final String origin;
    private final SecureRandom random = new SecureRandom();

    public Desk(MemoService service, DocumentService documents, Access access, DecisionLinks seals, Path signed, String origin) {
        this.service = service;
        this.documents = documents;
        this.access = access;
        this.seals = seals;
        this.signed = signed;
        this.origin = origin;
    }

    /** GET /login */
    public WebResponse loginPage(WebRequest r) {
        return login(Words.choose(r.param("lang"), r.header("accept-language"), null), 200, null);
    }

    private WebResponse login(Words w, int status, String problem) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        String html = (problem == null ? "" : "<section class=\"refused\" id=\"refusal\"><p>" + esc(problem) + "</p></section>")
                + "<section><h1>" + esc(w.t("login")) + "</h1><form method=\"post\" action=\"/login\">"
                + "<input type=\"hidden\" name=\"nonce\" value=\"" + nonce + "\"><input type=\"hidden\" name=\"csrf\" value=\""
                + seals.seal("login", nonce) + "\"><p><label for=\"email\">" + esc(w.t("email")) + "</label>"
                + "<input id=\"email\" type=\"email\" name=\"email\" autocomplete=\"username\" required></p><p><label for=\"password\">"
                + esc(w.t("password")) + "</label><input id=\"password\" type=\"password\" name=\"password\" autocomplete=\"current-password\" "
                + "required></p><button type=\"submit\" id=\"login\">" + esc(w.t("login")) + "</button></form></section>";
        return WebResponse.html(status, Html.page(w, w.t("login"), "", html));
    }

    /** POST /login */
    public WebResponse login(WebRequest r) {
        Words w = Words.choose(r.param("lang"), r.header("accept-language"), null);
        String foreign = DecisionPages.foreignOrigin(r, origin);
        if (foreign != null) {
            return login(w, 403, w.t("refused.origin", foreign, origin));
        }
        Map<String, String> form = r.form();
        String nonce = form.getOrDefault("nonce", "");
        if (nonce.isEmpty() || !MessageDigest.isEqual(form.getOrDefault("csrf", "").getBytes(StandardCharsets.UTF_8),
                seals.seal("login", nonce).getBytes(StandardCharsets.UTF_8))) {
            return login(w, 403, w.t("refused.csrf.missing"));
        }
        Access.Check check = access.check(form.getOrDefault("email", ""), form.getOrDefault("password", "").toCharArray());
        if (!check.ok()) {
            return check.lockedUntil() != null ? login(w, 429, w.t("login.locked", DecisionPages.WHEN.format(check.lockedUntil())))
                    : login(w, 401, w.t("login.wrong"));
        }
        Access.Session s = access.open(check.user());
        return WebResponse.redirect("/").with("Set-Cookie", access.cookie(s));
    }

    /** POST /logout */
    public WebResponse logout(WebRequest r) {
        Optional<Access.Session> s = access.session(r.cookie(Access.COOKIE));
        if (s.isPresent() && MessageDigest.isEqual(r.form().getOrDefault("csrf", "").getBytes(StandardCharsets.UTF_8),
                s.get().csrf().getBytes(StandardCharsets.UTF_8))) {
            access.close(s.get().id());
        }
        return WebResponse.redirect("/login").with("Set-Cookie", access.removeCookie());
    }

    /** GET / */
    public WebResponse list(WebRequest r) {
        Optional<Access.Session> s = access.session(r.cookie(Access.COOKIE));
        if (s.isEmpty()) {
            return WebResponse.redirect("/login");
        }
        Words w = Words.choose(r.param("lang"), r.header("accept-language"), null);
        String filter = r.param("state").toLowerCase(Locale.ROOT);
        List<MemoSummary> all = service.store().list().stream()
                .filter(m -> filter.isEmpty() || m.state().name().toLowerCase(Locale.ROOT).equals(filter))
                .sorted(Comparator.comparing((MemoSummary m) -> m.created() == null ? Instant.EPOCH : m.created()).reversed()
                        .thenComparing(MemoSummary::reference, Comparator.reverseOrder()))
                .toList();
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<section><h1>").append(esc(w.t("desk"))).append("</h1><form method=\"get\" action=\"/\"><label for=\"state\">")
                .append(esc(w.t("filter"))).append("</label> <select id=\"state\" name=\"state\"><option value=\"\">").append(esc(w.t("all")))
                .append("</option>");
        for (MemoState st : MemoState.values()) {
            String v = st.name().toLowerCase(Locale.ROOT);
            sb.append("<option value=\"").append(v).append('"').append(v.equals(filter) ? " selected" : "").append('>')
                    .append(esc(w.state(st))).append("</option>");
        }
        sb.append("</select> <button type=\"submit\">").append(esc(w.t("filter"))).append("</button></form>");
        if (all.isEmpty()) {
            sb.append("<p>").append(esc(w.t("none"))).append("</p>");
        } else {
            sb.append("<div class=\"scroll\"><table id=\"memos\"><thead><tr><th>").append(esc(w.t("reference"))).append("</th><th>")
                    .append(esc(w.t("state"))).append("</th><th>").append(esc(w.t("stage"))).append("</th><th>").append(esc(w.t("waiting")))
                    .append("</th><th>").append(esc(w.t("title"))).append("</th></tr></thead><tbody>");
            for (MemoSummary m : all) {
                sb.append("<tr><td class=\"ltr\"><a href=\"/memos/").append(esc(m.reference())).append("\">").append(esc(m.reference()))
                        .append("</a></td><td>").append(esc(w.state(m.state()))).append("</td><td>").append(esc(m.stage() == null ? "–" : m.stage()))
                        .append("</td><td class=\"ltr\">").append(esc(String.join(", ", m.waitingFor()))).append("</td><td>")
                        .append(esc(m.title())).append("</td></tr>");
            }
            sb.append("</tbody></table></div>");
        }
        sb.append("</section>");
        return WebResponse.html(200, Html.page(w, w.t("desk"), header(w, s.get()), sb.toString()));
    }

    /** GET /memos/{ref} */
    public WebResponse memo(WebRequest r) {
        Optional<Access.Session> s = access.session(r.cookie(Access.COOKIE));
        if (s.isEmpty()) {
            return WebResponse.redirect("/login");
        }
        Optional<Memo> found = find(r.param("ref"));
        Words w = Words.choose(r.param("lang"), r.header("accept-language"), found.map(m -> m.language).orElse(null));
        if (found.isEmpty()) {
            return WebResponse.html(404, Html.page(w, w.t("not.found"), header(w, s.get()), "<section class=\"refused\"><p>"
                    + esc(w.t("not.found")) + "</p></section>"));
        }
        Memo memo = found.get();
        String ref = esc(memo.reference);
        StringBuilder sb = new StringBuilder(8192);
        sb.append("<section><h1>").append(esc(memo.title)).append("</h1><dl>");
        DecisionPages.item(sb, w.t("reference"), "<span class=\"ltr\">" + ref + "</span>");
        DecisionPages.item(sb, w.t("state"), esc(w.state(memo.state)));
        Memo.StageRun run = memo.currentStage();
        if (memo.state == MemoState.IN_REVIEW && run != null) {
            DecisionPages.item(sb, w.t("stage"), esc(run.name));
            DecisionPages.item(sb, w.t("waiting"), "<span class=\"ltr\">" + esc(String.join(", ", memo.undecided())) + "</span>");
        }
        DecisionPages.item(sb, w.t("author"), "<span class=\"ltr\">" + esc(memo.author == null ? "–" : memo.author) + "</span>");
        StringBuilder parties = new StringBuilder();
        memo.parties.forEach(p -> parties.append(parties.length() == 0 ? "" : "<br>").append(esc(p.name()))
                .append(p.signatory().isBlank() ? "" : " — " + esc(p.signatory())));
        DecisionPages.item(sb, w.t("parties"), parties.toString());
        sb.append("</dl>");
        if (Files.exists(signed.resolve(memo.reference + ".pdf"))) {
            sb.append("<p><a id=\"signed\" href=\"/memos/").append(ref).append("/signed.pdf\">").append(esc(w.t("signed.pdf"))).append("</a></p>");
        }
        sb.append("</section><section><h2>").append(esc(w.t("versions"))).append("</h2><ul>");
        for (VersionRecord v : memo.versions) {
            sb.append("<li><a href=\"/memos/").append(ref).append("/v").append(v.number).append(".pdf\">").append(esc(w.t("version")))
                    .append(' ').append(v.number).append("</a> — <span class=\"ltr\">").append(esc(DecisionPages.WHEN.format(v.at)))
                    .append("</span> ").append(esc(w.t("via"))).append(' ').append(esc(v.channel)).append("</li>");
        }
        sb.append("</ul></section><section><h2>").append(esc(w.t("decisions"))).append("</h2>");
        DecisionPages.decisions(sb, w, memo);
        sb.append("</section><section><h2>").append(esc(w.t("history"))).append("</h2><div class=\"scroll\"><table id=\"history\"><tbody>");
        for (AuditLine line : AuditWording.lines(memo.audit, w.lang())) {
            sb.append("<tr><td class=\"ltr\">").append(esc(DecisionPages.WHEN.format(line.at()))).append("</td><td>").append(esc(line.text()))
                    .append("</td></tr>");
        }
        sb.append("</tbody></table></div></section>");
        return WebResponse.html(200, Html.page(w, memo.reference, header(w, s.get()), sb.toString()));
    }

    /** GET /memos/{ref}/{file}: signed.pdf, or vN.pdf (the DRAFT PDF of version N). */
    public WebResponse file(WebRequest r) {
        Optional<Access.Session> s = access.session(r.cookie(Access.COOKIE));
        if (s.isEmpty()) {
            return WebResponse.redirect("/login");
        }
        Optional<Memo> found = find(r.param("ref"));
        String file = r.param("file");
        Words w = Words.choose(r.param("lang"), r.header("accept-language"), null);
        WebResponse missing = WebResponse.html(404, Html.page(w, w.t("not.found"), header(w, s.get()), "<section class=\"refused\"><p>"
                + esc(w.t("not.found")) + "</p></section>"));
        if (found.isEmpty()) {
            return missing;
        }
        Memo memo = found.get();
        if (file.equals("signed.pdf")) {
            return signedPdf(memo.reference).orElse(missing);
        }
        Matcher m = VERSION_PDF.matcher(file);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= memo.version) {
            int v = Integer.parseInt(m.group(1));
            return WebResponse.pdf(documents.draftPdf(memo, v), memo.reference + "-v" + v + "-DRAFT.pdf");
        }
        return missing;
    }

    /** The signed PDF of a memorandum (by a reference already checked), if it is signed. */
    Optional<WebResponse> signedPdf(String reference) {
        Path pdf = signed.resolve(reference + ".pdf");
        if (!Files.exists(pdf)) {
            return Optional.empty();
        }
        try {
            return Optional.of(WebResponse.pdf(Files.readAllBytes(pdf), reference + ".pdf"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + pdf + ": " + e.getMessage(), e);
        }
    }

    /** A memorandum by a reference from outside: only a well-formed reference is looked up. */
    Optional<Memo> find(String reference) {
        String ref = reference == null ? "" : reference.trim().toUpperCase(Locale.ROOT);
        return Reference.isValid(ref) ? service.store().find(ref) : Optional.empty();
    }

    private String header(Words w, Access.Session s) {
        return "<a href=\"/\">" + esc(w.t("desk")) + "</a><span class=\"ltr\">" + esc(s.user()) + "</span>"
                + "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf())
                + "\"><button type=\"submit\" id=\"logout\">" + esc(w.t("logout")) + "</button></form>";
    }
}
