package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.config.MemoflowSettings;
import io.memoflow.testing.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailServersTest {

    static final Path HOME = TestHomes.fresh("MailServersTest");

    static MemoflowSettings settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return MemoflowSettings.of(HOME, m);
    }

    @Test
    void withoutHostsNothingMailRelatedIsOn() {
        Map<String, String> p = MailServers.placeholders(settings());
        assertThat(p).containsEntry("memoflow.imap.enabled", "false").containsEntry("memoflow.smtp.enabled", "false")
                .containsEntry("memoflow.imap.poll-ms", "30000");
    }

    @Test
    void imapTlsChoosesProtocolPortAndStarttls() {
        MailServers.Server tls = MailServers.imap(settings("memoflow.imap.host", "mail.example", "memoflow.imap.user", "u"));
        assertThat(tls.protocol()).isEqualTo("imaps");
        assertThat(tls.port()).isEqualTo(993);
        MailServers.Server starttls = MailServers.imap(settings("memoflow.imap.host", "mail.example", "memoflow.imap.user", "u",
                "memoflow.imap.tls", "starttls"));
        assertThat(starttls.protocol()).isEqualTo("imap");
        assertThat(starttls.port()).isEqualTo(143);
        assertThat(starttls.javaMail()).containsEntry("mail.imap.starttls.required", "true");
        MailServers.Server plain = MailServers.imap(settings("memoflow.imap.host", "localhost", "memoflow.imap.user", "u",
                "memoflow.imap.tls", "false", "memoflow.imap.port", "3143"));
        assertThat(plain.port()).isEqualTo(3143);
        assertThat(plain.javaMail()).doesNotContainKey("mail.imap.starttls.enable").containsEntry("mail.imap.peek", "true");
        assertThatThrownBy(() -> MailServers.imap(settings("memoflow.imap.tls", "maybe"))).hasMessageContaining("memoflow.imap.tls");
    }

    @Test
    void smtpTlsChoosesProtocolAndPortAndTheEnvelopeSender() {
        assertThat(MailServers.smtp(settings("memoflow.smtp.host", "h", "memoflow.smtp.tls", "none")).port()).isEqualTo(25);
        MailServers.Server starttls = MailServers.smtp(settings("memoflow.smtp.host", "h", "memoflow.smtp.from", "mf@org.example"));
        assertThat(starttls.protocol()).isEqualTo("smtp");
        assertThat(starttls.port()).isEqualTo(587);
        assertThat(starttls.javaMail()).containsEntry("mail.smtp.starttls.required", "true").containsEntry("mail.smtp.from", "mf@org.example");
        MailServers.Server tls = MailServers.smtp(settings("memoflow.smtp.host", "h", "memoflow.smtp.tls", "tls", "memoflow.smtp.trust", "h"));
        assertThat(tls.protocol()).isEqualTo("smtps");
        assertThat(tls.port()).isEqualTo(465);
        assertThat(tls.javaMail()).containsEntry("mail.smtps.ssl.trust", "h").containsEntry("mail.smtps.ssl.checkserveridentity", "true");
    }

    @Test
    void aPasswordFileGivesThePasswordAndBothAtOnceIsAnError() throws Exception {
        Files.writeString(HOME.resolve("imap.secret"), "p&ss w%rd\nignored second line\n");
        MailServers.Server s = MailServers.imap(settings("memoflow.imap.host", "h", "memoflow.imap.user", "u",
                "memoflow.imap.password-file", "imap.secret"));
        assertThat(s.password()).isEqualTo("p&ss w%rd");
        assertThat(s.describe()).isEqualTo("imaps://u@h:993").doesNotContain("p&ss");
        assertThat(s.toString()).doesNotContain("p&ss");
        assertThatThrownBy(() -> MailServers.imap(settings("memoflow.imap.password", "x", "memoflow.imap.password-file", "imap.secret")))
                .hasMessageContaining("keep one of them");
        assertThatThrownBy(() -> MailServers.smtp(settings("memoflow.smtp.password-file", "missing.secret")))
                .hasMessageContaining("missing.secret");
    }

    @Test
    void anImapHostWithoutUserIsAConfigurationError() {
        assertThatThrownBy(() -> MailServers.imap(settings("memoflow.imap.host", "h"))).hasMessageContaining("memoflow.imap.user is empty");
    }

    @Test
    void pollSecondsMayBeFractions() {
        assertThat(MailServers.pollMillis(settings("memoflow.imap.poll-seconds", "0.2"))).isEqualTo(200);
        assertThatThrownBy(() -> MailServers.pollMillis(settings("memoflow.imap.poll-seconds", "soon"))).hasMessageContaining("poll-seconds");
    }
}
