package io.memoflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.config.AdjustableClock;
import io.memoflow.testing.TestHomes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The web desk's parts without a server: escaping, the style's hash, the language of a page, sessions and the lock-out. */
class WebPartsTest {

    static final Path HOME = TestHomes.fresh("WebPartsTest");

    @Test
    void everyCharacterThatMeansSomethingInHtmlIsEscaped() {
        assertThat(Html.esc("<script>alert('x')</script> & \"q\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.esc(null)).isEmpty();
    }

    @Test
    void thePolicyAllowsExactlyTheOneStyleSheetByItsHash() {
        String page = Html.page(Words.english(), "t", "", "");
        String css = page.substring(page.indexOf("<style>") + 7, page.indexOf("</style>"));
        assertThat(Html.CSP).contains("style-src 'sha256-" + Html.sha256(css) + "'").startsWith("default-src 'none'")
                .contains("frame-ancestors 'none'", "form-action 'self'");
    }

    @Test
    void aPageIsInTheLanguageAskedForElseTheBrowsersElseTheMemorandums() {
        assertThat(Words.choose("ar", "en-US,en", "en").lang()).isEqualTo("ar");
        assertThat(Words.choose("", "fr-FR, ar;q=0.8, en;q=0.5", "en").lang()).isEqualTo("ar");
        assertThat(Words.choose("", "ar;q=0, en;q=0.3", "ar").lang()).isEqualTo("en");
        assertThat(Words.choose("", "da, fr", "ar").lang()).isEqualTo("ar");
        assertThat(Words.choose("", "", "en").lang()).isEqualTo("en");
        assertThat(Words.choose("xx", "", "ar").rtl()).isTrue();
        assertThat(Words.preferred("en;q=bad, de")).containsExactly("de");
    }

    @Test
    void afterTheAllowedFailuresAnAddressIsLockedOutEvenWithTheRightPasswordUntilTheTimeIsOver() {
        Users users = new Users(HOME.resolve("lockout-users"));
        users.add("a@example.org", "right password!".toCharArray());
        AdjustableClock clock = AdjustableClock.system();
        Access access = new Access(users, clock, 2, Duration.ofMinutes(15), Duration.ofHours(1), false);
        assertThat(access.check("a@example.org", "wrong".toCharArray()).ok()).isFalse();
        assertThat(access.check("a@example.org", "wrong".toCharArray()).lockedUntil()).isNotNull();
        assertThat(access.check("a@example.org", "right password!".toCharArray()).ok()).isFalse();
        clock.advance(Duration.ofMinutes(16));
        assertThat(access.check("A@example.org", "right password!".toCharArray()).user()).isEqualTo("a@example.org");
        String basic = "Basic " + Base64.getEncoder().encodeToString("a@example.org:right password!".getBytes(StandardCharsets.UTF_8));
        assertThat(access.basic(basic).ok()).isTrue();
        assertThat(access.basic("Basic !!!").ok()).isFalse();
    }

    @Test
    void aSessionCookieIsHttpOnlyStrictAndSecureOverHttpsAndASessionEndsWhenIdleOrItsUserIsRemoved() {
        Users users = new Users(HOME.resolve("session-users"));
        users.add("b@example.org", "right password!".toCharArray());
        AdjustableClock clock = AdjustableClock.system();
        Access access = new Access(users, clock, 5, Duration.ofMinutes(15), Duration.ofMinutes(30), true);
        Access.Session s = access.open("b@example.org");
        assertThat(access.cookie(s)).contains("HttpOnly", "SameSite=Strict", "Secure", "Path=/");
        assertThat(access.session(s.id())).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(access.session(s.id())).isEmpty();
        Access.Session t = access.open("b@example.org");
        users.remove("b@example.org");
        assertThat(access.session(t.id())).isEmpty();
    }

    @Test
    void aFormBodyIsReadAndACookieFoundAmongOthers() {
        WebRequest r = new WebRequest("POST", Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=UTF-8"),
                "Cookie", List.of("a=1; memoflow_session=xyz; b=2")), Map.of(),
                "comment=%D9%85%D9%88%D8%A7%D9%81%D9%82+ok&decision=approve&decision=reject&bad=%zz".getBytes(StandardCharsets.UTF_8), "");
        assertThat(r.form()).containsEntry("comment", "موافق ok").containsEntry("decision", "approve").doesNotContainKey("bad");
        assertThat(r.cookie(Access.COOKIE)).isEqualTo("xyz");
    }
}
