package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.WorkKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The personal links of request mails: bound to memorandum, version, stage and assignee, checked without anything stored. */
class DecisionLinksTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aLinkSaysWhatItWasIssuedForAndAChangedOneIsNotALink() {
        DecisionLinks links = new DecisionLinks(SECRET);
        String token = links.issue("MOU-2026-0007", 2, "review", "Legal@Example.org");
        assertThat(links.check(token)).hasValue(new DecisionLinks.Link("MOU-2026-0007", 2, "review", "legal@example.org"));
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("legal@", "other@")
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        assertThat(links.check(forged)).isEmpty();
        assertThat(new DecisionLinks("another secret of 32 bytes......".getBytes(StandardCharsets.US_ASCII)).check(token)).isEmpty();
        assertThat(links.check("not a token")).isEmpty();
        assertThat(links.check(token + ".x")).isEmpty();
    }

    @Test
    void aRequestMailCarriesTheAssigneesLinkWhenTheWebDeskIsOnAndNoneWhenItIsOff() {
        Memo memo = new Memo();
        memo.reference = "MOU-2026-0007";
        memo.title = "Training";
        memo.language = "ar";
        WorkItem w = new WorkItem();
        w.kind = WorkKind.MAIL;
        w.template = "request";
        w.to = List.of("legal@example.org");
        w.version = 1;
        w.stage = "review";
        w.created = Instant.parse("2026-11-29T10:00:00Z");
        Tokens tokens = new Tokens(SECRET);
        MailComposer on = new MailComposer("memoflow@example.org", tokens, new DecisionLinks(SECRET), "https://desk.example.org/");
        String link = on.decisionLink(memo, w);
        assertThat(link).startsWith("https://desk.example.org/decide/");
        String body = on.body(memo, w, on.token(memo, w, "legal@example.org"));
        assertThat(body.split(Pattern.quote(link), -1)).hasSize(3); // in the Arabic and in the English part
        MailComposer off = new MailComposer("memoflow@example.org", tokens);
        assertThat(off.body(memo, w, off.token(memo, w, "legal@example.org"))).doesNotContain("/decide/");
    }
}
