package io.memoflow.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.memoflow.app.Memoflow;
import io.memoflow.memo.Memo;
import io.memoflow.memo.MemoState;
import io.memoflow.testing.Commands;
import io.memoflow.testing.MailServer;
import io.memoflow.testing.TestHomes;
import io.memoflow.web.Users;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Done when 1 of the web desk, in a real browser (Debian's chromium through chromium-driver):
 * an Arabic memorandum handed over by POST /api/drafts goes to a signed PDF with every decision
 * made by clicking the buttons on the pages of the links in the request mails (GreenMail), and
 * memoflow status shows channel web for each. Screenshots of the decision page in English and
 * Arabic are written to target/web-decision-en.png and target/web-decision-ar.png.
 */
@CamelMainTest(configurationClasses = MemoflowConfiguration.class, properties = {
        "memoflow.home=target/test-homes/WebDeskBrowserTest",
        "memoflow.inbox.poll-ms=100", "memoflow.inbox.stable-ms=100",
        "camel.server.enabled=true", "camel.server.host=127.0.0.1", "camel.server.port=18463", "camel.server.path=/",
        "camel.server.fileUploadDirectory=target/test-homes/WebDeskBrowserTest/data/uploads", "memoflow.web.port=18463"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebDeskBrowserTest {

    static final Path HOME = TestHomes.fresh("WebDeskBrowserTest");
    static final String BASE = "http://127.0.0.1:18463";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Pattern LINK = Pattern.compile(Pattern.quote(BASE) + "/decide/[A-Za-z0-9_.-]+");
    static final String CLERK = "clerk@police-atlas.example";
    static final String PASSWORD = "a long desk password";
    static final String TRAINING = "training@police-atlas.example";
    static final String LEGAL = "legal@police-atlas.example";
    static final String DIRECTOR = "director@police-atlas.example";
    static final String COAST = "director@coastpolice.example";
    static final MailServer MAIL = MailServer.start();

    static {
        MAIL.configure(HOME, Map.of());
    }

    @BeanInject
    CamelContext context;

    @BeanInject
    Memoflow memoflow;

    WebDriver browser;

    @BeforeAll
    void browser() throws Exception {
        new Users(HOME.resolve("data/web-users")).add(CLERK, PASSWORD.toCharArray());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US", "--window-size=900,1300",
                "--user-data-dir=" + Files.createTempDirectory(HOME.getParent(), "chromium-profile").toAbsolutePath());
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        browser = new ChromeDriver(service, options);
    }

    /** Stops the browser, then memoflow before its mail server. */
    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        context.stop();
        MAIL.stopServer();
    }

    static String draft() {
        return "---\ntitle: خطة التكوين المشترك\nlanguage: ar\nauthor: secretariat@police-atlas.example\nparties:\n"
                + "  - name: المديرية العامة لشرطة الأطلس\n    signatory: سليم بن عاشور\n    email: " + DIRECTOR + "\n"
                + "  - name: مديرية شرطة الساحل الشمالي\n    signatory: هالة الزين\n    email: " + COAST + "\n"
                + "reviewers: [" + TRAINING + ", " + LEGAL + "]\n---\n# خطة التكوين المشترك\n\n"
                + "تتعاون الأطراف في تكوين المحققين في مجال الجرائم المالية. The parties train investigators together.\n";
    }

    /** The link in the request mail to an assignee. */
    String link(String to, String ref) {
        MimeMessage m = MAIL.await(to, x -> ref.equals(MailServer.header(x, "X-Memoflow-Reference")) && MailServer.text(x).contains("/decide/"),
                WAIT);
        Matcher link = LINK.matcher(MailServer.text(m));
        assertThat(link.find()).as("the request mail to %s carries a link", to).isTrue();
        return link.group();
    }

    /** Opens the link, writes a comment and clicks Approve, then waits for the page that says what was recorded. */
    void approve(String link, String comment) {
        browser.get(link);
        browser.findElement(By.id("comment")).sendKeys(comment);
        browser.findElement(By.cssSelector("button.approve")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(browser.findElements(By.id("refusal"))).as(browser.getPageSource()).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.approve"))).isEmpty();
    }

    @Test
    void aMemorandumPostedToTheApiIsSignedWithEveryDecisionClickedInTheBrowser() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(BASE + "/api/drafts"))
                .header("Content-Type", "text/markdown; charset=utf-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CLERK + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(draft(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String ref = new ObjectMapper().readTree(posted.body()).get("reference").asText();

        // the review stage asks both reviewers at once; the first page is photographed in English and in Arabic
        String training = link(TRAINING, ref);
        browser.get(training);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("ltr");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Your decision is requested");
        Files.write(Path.of("target", "web-decision-en.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("lang")).click();
        new WebDriverWait(browser, WAIT).until(d -> "rtl".equals(d.findElement(By.tagName("html")).getAttribute("dir")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("مطلوب قراركم");
        Files.write(Path.of("target", "web-decision-ar.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("comment")).sendKeys("لا ملاحظات على البرنامج");
        browser.findElement(By.cssSelector("button.approve")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("outcome")));
        assertThat(browser.findElements(By.id("refusal"))).as(browser.getPageSource()).isEmpty();

        approve(link(LEGAL, ref), "Article 2 is fine.");
        // the signature stage asks the parties one after another
        approve(link(DIRECTOR, ref), "");
        approve(link(COAST, ref), "");

        Path signed = HOME.resolve("signed").resolve(ref + ".pdf");
        Awaitility.await().atMost(WAIT).until(() -> memoflow.store().find(ref).orElseThrow().state == MemoState.COMPLETED);
        assertThat(signed).exists();
        Memo done = memoflow.store().find(ref).orElseThrow();
        assertThat(done.decisions).extracting(d -> d.by + " " + d.decision + " " + d.channel).containsExactly(
                TRAINING + " approve web", LEGAL + " approve web", DIRECTOR + " approve web", COAST + " approve web");

        Commands.Run run = Commands.run("status", ref, "--home", HOME.toString());
        assertThat(run.exit()).isZero();
        String status = run.out();
        for (String who : List.of(TRAINING, LEGAL, DIRECTOR, COAST)) {
            assertThat(status).containsPattern("(?i)approved by " + Pattern.quote(who) + " via web");
        }
    }
}
