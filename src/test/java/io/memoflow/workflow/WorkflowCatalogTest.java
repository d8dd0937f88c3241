package io.memoflow.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowCatalogTest {

    static final Map<String, String> PACKAGED = Map.of(
            "standard.stages", "review",
            "standard.review.assignees", "reviewers",
            "auto.stages", "",
            "legal.stages", "check",
            "legal.check.assignees", "role:legal",
            "legal.selectable", "false");

    @Test
    void aWorkflowWithAStageIsSelectableAndOneWithoutNotUnlessConfigured() {
        WorkflowCatalog catalog = WorkflowCatalog.parse(PACKAGED);
        assertThat(catalog.require("standard").selectable()).isTrue();
        assertThat(catalog.require("auto").selectable()).isFalse();
        assertThat(catalog.require("legal").selectable()).as("configured false").isFalse();

        var configured = new java.util.HashMap<>(PACKAGED);
        configured.put("auto.selectable", "TRUE");
        assertThat(WorkflowCatalog.parse(configured).require("auto").selectable()).isTrue();
    }

    @Test
    void aDraftNamingANonSelectableWorkflowIsRefusedNamingTheSelectableOnesAndTheKey() {
        WorkflowCatalog catalog = WorkflowCatalog.parse(PACKAGED);
        assertThatThrownBy(() -> catalog.requireSelectable("auto", "standard"))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("The draft asks for the workflow 'auto', which drafts may not name")
                .hasMessageContaining("sealed at once")
                .hasMessageContaining("Name one of: standard ")
                .hasMessageContaining("memoflow.workflows.auto.selectable=true");
        assertThatThrownBy(() -> catalog.requireSelectable("express", "standard")).hasMessageContaining("not configured");
        assertThat(catalog.requireSelectable("standard", "standard").name()).isEqualTo("standard");
    }

    @Test
    void theDefaultWorkflowMayBeNamedWhateverItsSelectableFlag() {
        WorkflowCatalog catalog = WorkflowCatalog.parse(PACKAGED);
        assertThat(catalog.requireSelectable("auto", "auto").name()).isEqualTo("auto");
        assertThat(catalog.selectable("auto")).containsExactly("auto", "standard");
    }

    @Test
    void aSelectableValueOtherThanTrueOrFalseIsAConfigurationErrorNamingTheKey() {
        var bad = new java.util.HashMap<>(PACKAGED);
        bad.put("auto.selectable", "sometimes");
        assertThatThrownBy(() -> WorkflowCatalog.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoflow.workflows.auto.selectable must be true or false");
    }
}
