package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.testing.Commands;
import io.memoflow.testing.Eml;
import io.memoflow.testing.TestHomes;
import io.memoflow.web.Users;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web desk and the API over real HTTP (Camel's platform HTTP on Vert.x): drafts handed over
 * by POST /api/drafts, the decision links of the request mails and every refusal of a decision
 * POST, the desk's login, lock-out and list, and the security headers.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/WebDeskRouteTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "camel.server.enabled=true", "camel.server.host=127.0.0.1", "camel.server.port=18461", "camel.server.path=/",
        "camel.server.fileUploadDirectory=target/test-homes/WebDeskRouteTest/data/uploads",
        "memoflow.web.port=18461", "memoflow.web.lockout-attempts=3"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebDeskRouteTest {

    static final Path HOME = TestHomes.fresh("WebDeskRouteTest");
    static final String BASE = "http://127.0.0.1:18461";
    static final String CLERK = "clerk@dgsn.example.ma";
    static final String PASSWORD = "correct horse battery";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final AtomicInteger DRAFTS = new AtomicInteger();
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/decide/[A-Za-z0-9_.-]+");
    static final Pattern FIELD = Pattern.compile("name=\"(nonce|csrf)\" value=\"([^\"]+)\"");

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeanInject
    Memoflow memoflow;

    @BeforeAll
    void users() {
        Users users = new Users(HOME.resolve("data/web-users"));
        users.add(CLERK, PASSWORD.toCharArray());
        users.add("locked@dgsn.example.ma", PASSWORD.toCharArray());
    }

    static String draft(String title, String extra) {
        return "---\n"
                + "title: " + title + "\n"
                + "author: secretariat@dgsn.example.ma\n"
                + "parties:\n"
                + "  - name: المديرية العامة للأمن الوطني\n"
                + "    signatory: عبد اللطيف حموشي\n"
                + "    email: dg@dgsn.example.ma\n"
                + "  - name: Danish National Police\n"
                + "    signatory: Mikael Wern\n"
                + "    email: mw@politi.example.dk\n"
                + "reviewers: [legal@dgsn.example.ma, security@dgsn.example.ma]\n"
                + extra
                + "---\n"
                + "# " + title + "\n\nThe parties cooperate in training. " + DRAFTS.incrementAndGet() + "\n";
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> postDraft(String text, String contentType, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + "/api/drafts")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return send(b);
    }

    String submit(String text) throws Exception {
        HttpResponse<String> r = postDraft(text, "text/markdown; charset=utf-8", basic(CLERK, PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return new ObjectMapper().readTree(r.body()).get("reference").asText();
    }

    /** The links of the request mails for a memorandum, by assignee. */
    Map<String, String> links(String ref, int atLeast) {
        TestHomes.await(HOME.resolve("outbox"), ref + "-*-request.eml", atLeast, WAIT);
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : TestHomes.files(HOME.resolve("outbox"), ref + "-*-request.eml")) {
            MimeMessage m = Eml.read(p);
            Matcher link = LINK.matcher(Eml.text(m));
            assertThat(link.find()).as("a link in %s", p).isTrue();
            out.put(Eml.to(m).get(0), link.group());
        }
        return out;
    }

    static Map<String, String> fields(String page) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(page);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static String form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    HttpResponse<String> post(String url, Map<String, String> fields, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return send(b);
    }

    Map<String, String> decision(String page, String word) {
        Map<String, String> f = new LinkedHashMap<>(fields(page));
        f.put("decision", word);
        f.put("comment", "");
        return f;
    }

    Memo memo(String ref) {
        return memoflow.store().find(ref).orElseThrow();
    }

    @Test
    void theApiRefusesMissingOrWrongCredentialsWith401() throws Exception {
        HttpResponse<String> none = postDraft(draft("No credentials", ""), "text/markdown", null);
        HttpResponse<String> wrong = postDraft(draft("Wrong password", ""), "text/markdown", basic(CLERK, "not the password"));
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(BASE + "/api/memos")).header("Authorization",
                basic("nobody@example.org", PASSWORD)));
        assertThat(List.of(none.statusCode(), wrong.statusCode(), list.statusCode())).containsOnly(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(memoflow.store().list()).noneMatch(s -> s.title().equals("Wrong password") || s.title().equals("No credentials"));
    }

    @Test
    void aDraftPostedToTheApiIsAcceptedWithItsReferenceAndCanBeFollowed() throws Exception {
        HttpResponse<String> r = postDraft(draft("Posted draft", ""), "text/markdown", basic(CLERK, PASSWORD));
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode accepted = new ObjectMapper().readTree(r.body());
        String ref = accepted.get("reference").asText();
        assertThat(accepted.get("version").asInt()).isEqualTo(1);
        assertThat(accepted.get("state").asText()).isEqualTo("IN_REVIEW");
        assertThat(r.headers().firstValue("Location")).hasValue("/api/memos/" + ref);
        assertThat(memo(ref).versions.get(0).channel).isEqualTo("api");

        HttpResponse<String> one = send(HttpRequest.newBuilder(URI.create(BASE + "/api/memos/" + ref)).header("Authorization",
                basic(CLERK, PASSWORD)));
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode node = new ObjectMapper().readTree(one.body());
        assertThat(node.get("reference").asText()).isEqualTo(ref);
        assertThat(node.get("history").size()).isGreaterThan(1);
        HttpResponse<String> all = send(HttpRequest.newBuilder(URI.create(BASE + "/api/memos")).header("Authorization",
                basic(CLERK, PASSWORD)));
        assertThat(all.body()).contains("\"" + ref + "\"");
        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(BASE + "/api/memos/" + ref + "/signed.pdf"))
                .header("Authorization", basic(CLERK, PASSWORD)));
        assertThat(unsigned.statusCode()).isEqualTo(404);
        assertThat(unsigned.body()).contains("not signed yet");
    }

    @Test
    void aDraftInMultipartFormDataIsAccepted() throws Exception {
        String boundary = "----memoflow" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Training MoU.md\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + draft("Multipart draft", "") + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> r = postDraft(body, "multipart/form-data; boundary=" + boundary, basic(CLERK, PASSWORD));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(memo(new ObjectMapper().readTree(r.body()).get("reference").asText()).title).isEqualTo("Multipart draft");
    }

    @Test
    void aBadDraftGets422WithTheReasonARejectedFileGets() throws Exception {
        String bad = "---\ntitle: Bad draft\nauthor: secretariat@dgsn.example.ma\nreviewers: [legal@dgsn.example.ma]\n---\n"
                + "# Bad draft\n\nNo parties at all.\n";
        HttpResponse<String> r = postDraft(bad, "text/markdown", basic(CLERK, PASSWORD));
        assertThat(r.statusCode()).isEqualTo(422);
        String reason = new ObjectMapper().readTree(r.body()).get("error").asText();
        assertThat(reason).isNotBlank();
        TestHomes.drop(HOME.resolve("inbox"), "bad-draft.md", bad);
        List<Path> errors = TestHomes.await(HOME.resolve("rejected"), "*bad-draft*.error.txt", 1, WAIT);
        assertThat(TestHomes.read(errors.get(0))).contains(reason);
        HttpResponse<String> type = postDraft(bad, "image/png", basic(CLERK, PASSWORD));
        assertThat(type.statusCode()).isEqualTo(415);
    }

    @Test
    void aDecisionPostIsRefusedWithoutTheCsrfFieldFromAForeignOriginWithAnotherAssigneesFormOrATamperedLink() throws Exception {
        String ref = submit(draft("Refusals", ""));
        Map<String, String> links = links(ref, 2);
        String legal = links.get("legal@dgsn.example.ma");
        String security = links.get("security@dgsn.example.ma");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(legal)));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Refusals", "name=\"decision\" value=\"approve\"", "/draft.pdf");

        Map<String, String> noCsrf = decision(page.body(), "approve");
        noCsrf.remove("csrf");
        HttpResponse<String> missing = post(legal, noCsrf, BASE);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("security field", "Nothing was changed");

        HttpResponse<String> foreign = post(legal, decision(page.body(), "approve"), "https://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("another site", "evil.example");

        // what Chromium sends from a page with Referrer-Policy no-referrer: Origin null, and where the form came from
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(legal))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "null").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(form(decision(page.body(), "approve")))));
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("another site", "Sec-Fetch-Site: cross-site");

        HttpResponse<String> otherForm = post(security, decision(page.body(), "approve"), BASE);
        assertThat(otherForm.statusCode()).isEqualTo(403);
        assertThat(otherForm.body()).contains("does not belong to this link");

        String payload = legal.substring(legal.lastIndexOf('/') + 1, legal.lastIndexOf('.'));
        String forged = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).replace("legal@", "security@");
        String tampered = BASE + "/decide/" + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + legal.substring(legal.lastIndexOf('.'));
        HttpResponse<String> bad = post(tampered, decision(page.body(), "approve"), BASE);
        assertThat(bad.statusCode()).isEqualTo(404);
        assertThat(bad.body()).contains("not valid");

        assertThat(memo(ref).decisions).isEmpty();
    }

    @Test
    void aDecisionCountsOnceAndALinkForASupersededVersionShowsWhatHappenedAndChangesNothing() throws Exception {
        String ref = submit(draft("Twice", ""));
        Map<String, String> links = links(ref, 2);
        String legal = links.get("legal@dgsn.example.ma");
        String page = send(HttpRequest.newBuilder(URI.create(legal))).body();
        Map<String, String> approve = decision(page, "approve");
        approve.put("comment", "Fine <b>by</b> me");
        HttpResponse<String> first = post(legal, approve, BASE);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
        assertThat(memo(ref).decisions).singleElement().satisfies(d -> {
            assertThat(d.channel).isEqualTo("web");
            assertThat(d.by).isEqualTo("legal@dgsn.example.ma");
        });
        assertThat(String.join("\n", memo(ref).audit)).contains("\"client\"", "127.0.0.1", "\"user-agent\"", "Java-http-client");

        HttpResponse<String> again = post(legal, approve, BASE);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("You approved version 1", "Nothing was changed").doesNotContain("<b>by</b>");
        assertThat(memo(ref).decisions).hasSize(1);
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(legal)));
        assertThat(after.body()).contains("You approved version 1", "Fine &lt;b&gt;by&lt;/b&gt; me").doesNotContain("value=\"approve\"");

        // a new version supersedes the security reviewer's link
        String security = links.get("security@dgsn.example.ma");
        String securityPage = send(HttpRequest.newBuilder(URI.create(security))).body();
        submit(draft("Twice", "reference: " + ref + "\n"));
        HttpResponse<String> stale = post(security, decision(securityPage, "approve"), BASE);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("This link is for version 1, but the memorandum is now at version 2", "Nothing was changed");
        assertThat(memo(ref).decisions).hasSize(1);
        assertThat(send(HttpRequest.newBuilder(URI.create(security))).body()).doesNotContain("value=\"approve\"");
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicyAndNoReferrerAndAreNotCached() throws Exception {
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(BASE + "/login")));
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "style-src 'sha256-", "form-action 'self'", "frame-ancestors 'none'"));
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).doesNotContain("<script", "http://", "https://");
    }

    @Test
    void theDeskRefusesWithoutLoginListsTheMemorandaWithOneAndLocksOutAfterRepeatedFailures() throws Exception {
        String ref = submit(draft("Desk listing", ""));
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(BASE + "/")));
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
        assertThat(send(HttpRequest.newBuilder(URI.create(BASE + "/memos/" + ref))).statusCode()).isEqualTo(303);

        String loginPage = send(HttpRequest.newBuilder(URI.create(BASE + "/login"))).body();
        Map<String, String> wrong = new LinkedHashMap<>(fields(loginPage));
        wrong.put("email", CLERK);
        wrong.put("password", "wrong password");
        assertThat(post(BASE + "/login", wrong, BASE).statusCode()).isEqualTo(401);

        Map<String, String> right = new LinkedHashMap<>(fields(loginPage));
        right.put("email", CLERK);
        right.put("password", PASSWORD);
        HttpResponse<String> in = post(BASE + "/login", right, BASE);
        assertThat(in.statusCode()).isEqualTo(303);
        String cookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        String session = cookie.substring(0, cookie.indexOf(';'));
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(BASE + "/")).header("Cookie", session));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(ref, "Desk listing");
        HttpResponse<String> one = send(HttpRequest.newBuilder(URI.create(BASE + "/memos/" + ref)).header("Cookie", session));
        assertThat(one.body()).contains("Desk listing", "/memos/" + ref + "/v1.pdf");
        HttpResponse<byte[]> pdf = http.send(HttpRequest.newBuilder(URI.create(BASE + "/memos/" + ref + "/v1.pdf")).header("Cookie", session)
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        Map<String, String> locked = new LinkedHashMap<>(fields(loginPage));
        locked.put("email", "locked@dgsn.example.ma");
        locked.put("password", "wrong password");
        for (int i = 0; i < 3; i++) {
            post(BASE + "/login", locked, BASE);
        }
        locked.put("password", PASSWORD);
        HttpResponse<String> refused = post(BASE + "/login", locked, BASE);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed attempts");
        assertThat(postDraft(draft("Locked", ""), "text/markdown", basic("locked@dgsn.example.ma", PASSWORD)).statusCode()).isEqualTo(401);
    }

    @Test
    void memoflowSubmitHandsTheDraftToTheApiWhenAUserIsGivenAndTheDaemonAnswers() throws Exception {
        Files.writeString(HOME.resolve("memoflow.properties"), "memoflow.web.port=18461\n");
        Path password = Files.writeString(HOME.resolveSibling("WebDeskRouteTest.password"), PASSWORD + "\n");
        Path file = Files.writeString(HOME.resolveSibling("WebDeskRouteTest-cli.md"), draft("Submitted by the command", ""));
        Commands.Run run = Commands.run("submit", "--home", HOME.toString(), "--user", CLERK, "--password-file", password.toString(),
                file.toString());
        assertThat(run.exit()).isZero();
        String ref = memoflow.store().list().stream().filter(s -> s.title().equals("Submitted by the command")).findFirst().orElseThrow()
                .reference();
        assertThat(run.out()).contains("as " + ref + " version 1");
        assertThat(memo(ref).versions.get(0).channel).isEqualTo("api");
    }

    @Test
    void theOpenApiDescriptionIsServed() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(BASE + "/api/openapi.json")));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(r.body()).get("paths").has("/api/drafts")).isTrue();
    }
}
