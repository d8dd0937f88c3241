package io.memoflow.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.audit.AuditEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditWordingTest {

    private static AuditEvent decision(String word, String comment) {
        return new AuditEvent(Instant.parse("2026-11-29T10:00:00Z"), "decision", "legal@dgsn.example.ma", 1,
                comment == null ? Map.of("decision", word, "channel", "file") : Map.of("decision", word, "channel", "file", "comment", comment));
    }

    @Test
    void eachDecisionIsSaidInPlainEnglish() {
        assertThat(AuditWording.english(decision("approve", null))).isEqualTo("Approved by legal@dgsn.example.ma via file");
        assertThat(AuditWording.english(decision("changes", "Article 3 is too broad")))
                .isEqualTo("Changes requested by legal@dgsn.example.ma via file: Article 3 is too broad");
        assertThat(AuditWording.english(decision("reject", null))).isEqualTo("Rejected by legal@dgsn.example.ma via file");
    }

    @Test
    void eachDecisionIsSaidInArabic() {
        assertThat(AuditWording.arabic(decision("approve", null))).startsWith("موافقة من legal@dgsn.example.ma");
        assertThat(AuditWording.arabic(decision("changes", null))).startsWith("طلب تعديلات من");
        assertThat(AuditWording.arabic(decision("reject", null))).startsWith("رفض من");
    }

    @Test
    void aFrenchMemorandumsAuditTrailIsInFrench() {
        assertThat(AuditWording.french(decision("approve", null))).isEqualTo("Approuvé par legal@dgsn.example.ma via dossier");
        assertThat(AuditWording.french(decision("changes", "Article 3 trop large")))
                .isEqualTo("Modifications demandées par legal@dgsn.example.ma via dossier : Article 3 trop large");
        AuditEvent version = new AuditEvent(Instant.parse("2026-11-29T10:00:00Z"), "version", "legal@dgsn.example.ma", 1,
                Map.of("number", "1", "sha256", "ab12"));
        assertThat(AuditWording.french(version)).isEqualTo("Version 1 enregistrée, SHA-256 ab12");
    }
}
