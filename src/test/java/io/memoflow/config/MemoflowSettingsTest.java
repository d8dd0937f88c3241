package io.memoflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.workflow.Policy;
import io.memoflow.workflow.WorkflowCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoflowSettingsTest {

    @TempDir
    Path home;

    @Test
    void homeFileOverridesPackagedDefaultsAndEnvironmentOverridesBoth() throws Exception {
        Files.writeString(home.resolve("memoflow.properties"), "memoflow.reference.prefix=DGSN\nmemoflow.smtp.host=mail.local\n");
        MemoflowSettings s = MemoflowSettings.load(home, Map.of("MEMOFLOW_SMTP_HOST", "smtp.env", "MEMOFLOW_IMAP_POLL_SECONDS", "5",
                "MEMOFLOW_ROLES_LEGAL", "a@x.example"));
        assertThat(s.get("memoflow.workflow.default")).isEqualTo("standard");
        assertThat(s.get("memoflow.reference.prefix")).isEqualTo("DGSN");
        assertThat(s.get("memoflow.smtp.host")).isEqualTo("smtp.env");
        assertThat(s.getInt("memoflow.imap.poll-seconds", 30)).isEqualTo(5);
        assertThat(s.get("memoflow.roles.legal")).isEqualTo("a@x.example");
        assertThat(MemoflowSettings.envName("memoflow.imap.poll-seconds")).isEqualTo("MEMOFLOW_IMAP_POLL_SECONDS");
    }

    @Test
    void secretsAreMaskedInWhatIsLogged() {
        MemoflowSettings s = MemoflowSettings.of(home, Map.of("memoflow.smtp.password", "hunter2"));
        assertThat(s.masked().get("memoflow.smtp.password")).isEqualTo("******");
        assertThat(s.masked().toString()).doesNotContain("hunter2");
    }

    @Test
    void badValuesNameTheKeyAndTheExpectedForm() {
        MemoflowSettings s = MemoflowSettings.of(home, Map.of("memoflow.http.port", "eighty"));
        assertThatThrownBy(() -> s.getInt("memoflow.http.port", 8080)).hasMessageContaining("memoflow.http.port must be a whole number");
    }

    @Test
    void thePackagedWorkflowsAreStandardAndAuto() {
        WorkflowCatalog catalog = WorkflowCatalog.parse(MemoflowSettings.load(home, Map.of()).under("memoflow.workflows."));
        var standard = catalog.require("standard");
        assertThat(standard.stages()).extracting(st -> st.name()).containsExactly("review", "signature");
        assertThat(standard.stages().get(0).assignees()).containsExactly("reviewers");
        assertThat(standard.stages().get(1).sequential()).isTrue();
        assertThat(standard.stages().get(1).policy()).isEqualTo(Policy.ALL);
        assertThat(catalog.require("auto").stages()).isEmpty();
        assertThatThrownBy(() -> catalog.require("fast")).hasMessageContaining("Use one of: auto, standard");
    }

    @Test
    void aWorkflowIsConfiguredWithStagesPoliciesOrdersAndDeadlines() {
        WorkflowCatalog catalog = WorkflowCatalog.parse(Map.of(
                "legal.stages", "check,sign",
                "legal.check.assignees", "role:legal, boss@x.example",
                "legal.check.policy", "2",
                "legal.check.deadline", "P2D",
                "legal.check.remind-every", "P1D",
                "legal.check.escalate-to", "role:deputies",
                "legal.sign.assignees", "parties",
                "legal.sign.order", "sequential"));
        var wf = catalog.require("legal");
        assertThat(wf.stages().get(0).policy()).isEqualTo(Policy.quorum(2));
        assertThat(wf.stages().get(0).deadline()).hasDays(2);
        assertThat(wf.stages().get(0).escalateTo()).containsExactly("role:deputies");
        assertThat(wf.stages().get(1).sequential()).isTrue();
        assertThatThrownBy(() -> WorkflowCatalog.parse(Map.of("x.stages", "a", "x.a.assignees", "r@x.example", "x.a.order", "random")))
                .hasMessageContaining("memoflow.workflows.x.a.order must be parallel or sequential");
    }
}
