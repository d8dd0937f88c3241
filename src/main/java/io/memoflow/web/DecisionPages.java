package io.memoflow.web;

import static io.memoflow.web.Html.esc;

import io.memoflow.RejectedInputException;
import io.memoflow.diff.Redline;
import io.memoflow.draft.UntrustedText;
import io.memoflow.mail.DecisionLinks;
import io.memoflow.mail.DecisionLinks.Link;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.DecisionRecord;
import io.memoflow.memo.MemoState;
import io.memoflow.service.DocumentService;
import io.memoflow.service.MemoService;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.DecisionKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages behind the personal links of request mails ({@code /decide/{token}}). GET shows the
 * memorandum, what changed, who decided what, the draft PDF and, while the assignee's decision
 * is due, a form; only a POST decides. The form carries a nonce and its HMAC under the token
 * secret, bound to the link (nothing is stored); the POST is refused when that field is
 * missing or belongs to another link, when the browser says it comes from another site
 * (Origin, Sec-Fetch-Site), and when the link's version is superseded, its stage is over or the
 * assignee decided already. A decision goes through {@link MemoService#decide} like one from a
 * file or a mail, with channel {@code web} and the client's address and User-Agent in the audit log.
 */
public final class DecisionPages {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    static final int MAX_COMMENT = 2000;

    private final MemoService service;
    private final DocumentService documents;
    private final DecisionLinks links;
    private final String origin;
    private final SecureRandom random = new SecureRandom();

    /** @param origin the desk's own origin (scheme://host[:port] of memoflow.web.base-url) */
    public DecisionPages(MemoService service, DocumentService documents, DecisionLinks links, String origin) {
        this.service = service;
        this.documents = documents;
        this.links = links;
        this.origin = origin;
    }

    /** GET /decide/{token} */
    public WebResponse page(WebRequest r) {
        String token = r.param("token");
        Optional<Link> link = links.check(token);
        Optional<Memo> memo = link.flatMap(l -> service.store().find(l.reference()));
        if (memo.isEmpty()) {
            return invalid(r);
        }
        Words w = words(r, memo.get());
        return WebResponse.html(200, render(w, token, link.get(), memo.get(), null));
    }

    /** GET /decide/{token}/draft.pdf: the DRAFT PDF of the link's version. */
    public WebResponse draft(WebRequest r) {
        Optional<Link> link = links.check(r.param("token"));
        Optional<Memo> memo = link.flatMap(l -> service.store().find(l.reference()));
        if (memo.isEmpty() || link.get().version() < 1 || link.get().version() > memo.get().version) {
            return invalid(r);
        }
        return WebResponse.pdf(documents.draftPdf(memo.get(), link.get().version()),
                memo.get().reference + "-v" + link.get().version() + "-DRAFT.pdf");
    }

    /** POST /decide/{token} */
    public WebResponse decide(WebRequest r) {
        String token = r.param("token");
        Optional<Link> found = links.check(token);
        Optional<Memo> memo = found.flatMap(l -> service.store().find(l.reference()));
        if (memo.isEmpty()) {
            return invalid(r);
        }
        Link link = found.get();
        Words w = words(r, memo.get());
        String foreign = foreignOrigin(r, origin);
        if (foreign != null) {
            return refused(403, w, token, link, memo.get(), w.t("refused.origin", foreign, origin));
        }
        Map<String, String> form = r.form();
        String nonce = form.getOrDefault("nonce", "");
        String csrf = form.getOrDefault("csrf", "");
        if (nonce.isEmpty() || csrf.isEmpty()) {
            return refused(403, w, token, link, memo.get(), w.t("refused.csrf.missing"));
        }
        if (!MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8), links.seal("csrf|" + token, nonce).getBytes(StandardCharsets.UTF_8))) {
            return refused(403, w, token, link, memo.get(), w.t("refused.csrf.wrong"));
        }
        Optional<DecisionKind> kind = DecisionKind.parse(form.getOrDefault("decision", ""));
        if (kind.isEmpty()) {
            return refused(422, w, token, link, memo.get(), w.t("refused.decision"));
        }
        String comment = form.getOrDefault("comment", "").replace("\r\n", "\n").strip();
        if (comment.length() > MAX_COMMENT) {
            return refused(422, w, token, link, memo.get(), w.t("refused.comment", comment.length(), MAX_COMMENT));
        }
        String problem = UntrustedText.problemInLine(comment, false);
        if (problem != null) {
            return refused(422, w, token, link, memo.get(), "The comment contains " + problem + ". " + UntrustedText.adviceFor(problem));
        }
        String closed = closed(w, link, memo.get());
        if (closed != null) {
            return refused(409, w, token, link, memo.get(), closed);
        }
        Map<String, String> where = new LinkedHashMap<>();
        where.put("client", r.clientIp());
        String agent = UntrustedText.visible(r.header("user-agent"));
        where.put("user-agent", agent.length() > 300 ? agent.substring(0, 300) : agent);
        try {
            service.decide(new Decision(link.reference(), link.assignee(), kind.get(), comment, "web", "web:" + nonce, link.version(),
                    link.stage(), where));
        } catch (RejectedInputException e) {
            Memo now = service.store().find(link.reference()).orElse(memo.get());
            return refused(409, w, token, link, now, e.reason() + " " + e.advice());
        }
        LOG.info("{} decision '{}' by {} through the web desk from {}", link.reference(), kind.get().word(), link.assignee(), r.clientIp());
        String lang = r.param("lang");
        return WebResponse.redirect("/decide/" + token + (lang.equals("ar") || lang.equals("en") ? "?lang=" + lang : ""))
                .advancing(link.reference());
    }

    /**
     * Why a POST does not come from the desk's own pages, or null: an Origin header naming another
     * origin, or a Sec-Fetch-Site header saying cross-site or same-site. (A page sent with
     * Referrer-Policy no-referrer makes some browsers send {@code Origin: null} with its forms; that,
     * like no Origin at all, is left to the form's own security field.)
     */
    static String foreignOrigin(WebRequest r, String origin) {
        for (String o : r.headerValues("origin")) {
            if (o != null && !o.isBlank() && !o.equals("null") && !o.equalsIgnoreCase(origin)) {
                return UntrustedText.visible(o.length() > 100 ? o.substring(0, 100) : o);
            }
        }
        for (String s : r.headerValues("sec-fetch-site")) {
            if ("cross-site".equals(s) || "same-site".equals(s)) {
                return "Sec-Fetch-Site: " + s;
            }
        }
        return null;
    }

    /** Why the assignee of a link cannot decide now (what happened), or null when the decision is due. */
    static String closed(Words w, Link link, Memo memo) {
        for (DecisionRecord d : memo.decisions) {
            if (d.by.equals(link.assignee()) && d.version == link.version() && link.stage().equals(d.stageName)) {
                return w.t("you.decided", w.decided(d.decision), d.version, d.stageName, WHEN.format(d.at));
            }
        }
        if (memo.version != link.version()) {
            return w.t("superseded", link.version(), memo.version);
        }
        if (memo.state != MemoState.IN_REVIEW) {
            return w.t("not.in.review", w.state(memo.state));
        }
        Memo.StageRun run = memo.currentStage();
        if (run == null || !run.name.equals(link.stage()) || !run.assignees.contains(link.assignee())) {
            return w.t("stage.over", link.stage());
        }
        if (!run.asked.contains(link.assignee())) {
            return w.t("not.yet");
        }
        return null;
    }

    private Words words(WebRequest r, Memo memo) {
        return Words.choose(r.param("lang"), r.header("accept-language"), memo.language);
    }

    private WebResponse invalid(WebRequest r) {
        Words w = Words.choose(r.param("lang"), r.header("accept-language"), null);
        return WebResponse.html(404, Html.page(w, w.t("decision.title"), "", "<section class=\"refused\"><p>" + esc(w.t("link.invalid"))
                + "</p></section>"));
    }

    private WebResponse refused(int status, Words w, String token, Link link, Memo memo, String why) {
        return WebResponse.html(status, render(w, token, link, memo, why));
    }

    private String render(Words w, String token, Link link, Memo memo, String refusal) {
        StringBuilder sb = new StringBuilder(4096);
        if (refusal != null) {
            sb.append("<section class=\"refused\" id=\"refusal\"><p>").append(esc(refusal)).append("</p><p><strong>")
                    .append(esc(w.t("nothing.changed"))).append("</strong></p></section>");
        }
        sb.append("<section><h1>").append(esc(w.t("decision.title"))).append("</h1><dl>");
        item(sb, w.t("reference"), "<span class=\"ltr\">" + esc(memo.reference) + "</span>");
        item(sb, w.t("title"), esc(memo.versionRecord(link.version()).map(v -> v.title).orElse(memo.title)));
        item(sb, w.t("version"), String.valueOf(link.version()));
        item(sb, w.t("stage"), esc(link.stage()));
        StringBuilder parties = new StringBuilder();
        memo.parties.forEach(p -> parties.append(parties.length() == 0 ? "" : "<br>").append(esc(p.name()))
                .append(p.signatory().isBlank() ? "" : " — " + esc(p.signatory())));
        item(sb, w.t("parties"), parties.toString());
        item(sb, w.t("you"), "<span class=\"ltr\">" + esc(link.assignee()) + "</span>");
        sb.append("</dl><p><a id=\"draft\" href=\"/decide/").append(esc(token)).append("/draft.pdf\">").append(esc(w.t("draft.pdf")))
                .append("</a></p></section>");
        sb.append("<section><h2>").append(esc(link.version() > 1 ? w.t("changes") + " " + (link.version() - 1) : w.t("version")))
                .append("</h2><p>");
        if (link.version() > 1 && link.version() <= memo.version) {
            Redline red = documents.changes(memo, link.version());
            sb.append(esc(w.t("changes.counts", red.changedParagraphs(), red.movedParagraphs(), red.deletedWords(), red.insertedWords())));
        } else {
            sb.append(esc(w.t("changes.first")));
        }
        sb.append("</p></section>");
        sb.append("<section><h2>").append(esc(w.t("decisions"))).append("</h2>");
        decisions(sb, w, memo);
        sb.append("</section>");
        String closed = closed(w, link, memo);
        if (closed != null) {
            sb.append("<section class=\"note\" id=\"outcome\"><p>").append(esc(closed)).append("</p></section>");
        } else {
            String nonce = nonce();
            sb.append("<section><h2>").append(esc(w.t("your.decision"))).append("</h2><form method=\"post\" action=\"/decide/")
                    .append(esc(token)).append(w.lang().equals("ar") ? "?lang=ar" : "?lang=en").append("\">")
                    .append("<input type=\"hidden\" name=\"nonce\" value=\"").append(nonce).append("\">")
                    .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(links.seal("csrf|" + token, nonce)).append("\">")
                    .append("<p><label for=\"comment\">").append(esc(w.t("comment"))).append("</label>")
                    .append("<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"").append(MAX_COMMENT).append("\"></textarea></p>")
                    .append("<button type=\"submit\" class=\"approve\" name=\"decision\" value=\"approve\">").append(esc(w.t("approve")))
                    .append("</button><button type=\"submit\" class=\"changes\" name=\"decision\" value=\"changes\">")
                    .append(esc(w.t("changes.request"))).append("</button><button type=\"submit\" class=\"reject\" name=\"decision\" value=\"reject\">")
                    .append(esc(w.t("reject"))).append("</button></form></section>");
        }
        String header = "<a id=\"lang\" href=\"/decide/" + esc(token) + "?lang=" + w.other().lang() + "\" lang=\"" + w.other().lang()
                + "\">" + esc(w.other().name()) + "</a>";
        return Html.page(w, w.t("decision.title") + " " + memo.reference, header, sb.toString());
    }

    /** Who decided what, on every version. */
    static void decisions(StringBuilder sb, Words w, Memo memo) {
        if (memo.decisions.isEmpty()) {
            sb.append("<p>").append(esc(w.t("decisions.none"))).append("</p>");
            return;
        }
        sb.append("<div class=\"scroll\"><table id=\"decisions\"><tbody>");
        for (DecisionRecord d : memo.decisions) {
            sb.append("<tr><td class=\"ltr\">").append(esc(WHEN.format(d.at))).append("</td><td><span class=\"ltr\">").append(esc(d.by))
                    .append("</span> ").append(esc(w.decided(d.decision))).append(" (").append(esc(w.t("version"))).append(' ')
                    .append(d.version).append(", ").append(esc(d.stageName)).append(", ").append(esc(w.t("via"))).append(' ')
                    .append(esc(d.channel)).append(")").append(d.comment == null || d.comment.isBlank() ? "" : "<br>“" + esc(d.comment) + "”")
                    .append("</td></tr>");
        }
        sb.append("</tbody></table></div>");
    }

    static void item(StringBuilder sb, String label, String html) {
        sb.append("<dt>").append(esc(label)).append("</dt><dd>").append(html).append("</dd>");
    }

    private String nonce() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
