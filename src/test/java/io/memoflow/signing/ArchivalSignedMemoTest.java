package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.Typesetter;
import io.memoflow.testing.VeraPdf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.verapdf.pdfa.flavours.PDFAFlavour;

/**
 * The signed memorandum as the daemon writes it at the default level (LTA: certification with
 * the audit log and the source embedded, one visible signature per party, the validation data
 * and a document timestamp, each an incremental revision) stays PDF/A-3b and PDF/UA-1, as
 * veraPDF checks the final file, in Arabic, English and both, with a table and a list.
 */
class ArchivalSignedMemoTest {

    private static final Typesetter TYPESETTER = new Typesetter();
    private static Path dir;
    private static DemoKeys keys;

    static final String BODY = """
            # Memorandum of understanding / مذكرة تفاهم

            ## المادة 1: الهدف

            تهدف هذه المذكرة إلى تعزيز التعاون بين الطرفين في مجال مكافحة الجريمة المنظمة.

            ## Article 2: Purpose

            This memorandum aims to strengthen cooperation between the parties.

            | الطرف | Contact | الهاتف |
            |---|---|---|
            | المديرية العامة | liaison@dgsn.example.ma | +212 537 72 19 00 |
            | Danish National Police | pol@politi.example.dk | +45 33 14 14 48 |

            1. أولاً: تبادل المعلومات.
            2. Second: joint training.
            """;

    @BeforeAll
    static void keys() throws IOException {
        dir = Files.createTempDirectory("memoflow-archival");
        keys = DemoKeys.open(dir.resolve("data"));
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * @param embeddedAsRendered true: the typesetter writes the audit log and the source into the
     *                           PDF as it renders it (as the daemon does); false: they are attached
     *                           to the rendered PDF afterwards
     */
    @ParameterizedTest(name = "{0}, files embedded as rendered: {1}")
    @CsvSource({"ar, true", "en, true", "ar, false"})
    void signedMemorandumAtLevelLtaIsPdfA3bAndPdfUa1(String language, boolean embeddedAsRendered) {
        byte[] memorandum = BODY.getBytes(StandardCharsets.UTF_8);
        AuditLog audit = Fixtures.audit(memorandum);
        MemoDocument d = Fixtures.document(audit);
        Instant sealedAt = Fixtures.T0.plusSeconds(240);
        MemoDocument doc = new MemoDocument(d.reference(), d.version(), "ar".equals(language) ? "مذكرة تفاهم بشأن التعاون الأمني"
                : d.title(), language, d.date(), BODY, d.parties(), d.approvals(), false, d.audit(), d.auditHash(), false);
        if (embeddedAsRendered) {
            doc = doc.withFiles(MemoAttachments.files(audit.toJsonl(), memorandum, sealedAt));
        }
        RenderedMemo rendered = TYPESETTER.render(doc);
        MemoSigner signer = new MemoSigner(keys, TYPESETTER, SigningLevel.LTA);
        byte[] signed = signer.sealAndSign(rendered, audit, memorandum, "Directorate General of National Security", language,
                sealedAt, Fixtures.parties(rendered));
        MemoAttachments.Extracted files = MemoAttachments.extract(signed);
        assertThat(files.audit()).isEqualTo(audit.toJsonl());
        assertThat(files.memorandum()).isEqualTo(memorandum);

        VerificationReport report = PdfVerifier.verify(signed, List.of(keys.caCertificate()));
        assertThat(report.signatures()).as("seal, two parties, document timestamp").hasSize(4);
        assertThat(report.valid()).as("memoflow verify on the tagged, archival memorandum:%n%s", report).isTrue();
        List<String> failures = new ArrayList<>(VeraPdf.failures(signed, PDFAFlavour.PDFA_3_B));
        failures.addAll(VeraPdf.failures(signed, PDFAFlavour.PDFUA_1));
        assertThat(failures).as("veraPDF's PDF/A-3b and PDF/UA-1 failures of the signed memorandum").isEmpty();
    }
}
