package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log and the memorandum's text travel inside the signed PDF, and any change to them is caught. */
class AuditAttachmentTest {

    private final SignedMemos memos = SignedMemos.get();

    @Test
    void pdfdetachListsTheAuditLogAndTheMemorandumAndExtractsThemUnchanged(@TempDir Path tmp) throws Exception {
        Path pdf = memos.write("attached.pdf", memos.signed);
        String list = Poppler.run("pdfdetach", "-list", pdf.toString());
        assertThat(list).contains("2 embedded files").contains("1: audit.jsonl").contains("2: memorandum.md");
        Poppler.run("pdfdetach", "-saveall", "-o", tmp.toString(), pdf.toString());
        assertThat(Files.readAllBytes(tmp.resolve("audit.jsonl"))).isEqualTo(memos.audit.toJsonl());
        assertThat(Files.readAllBytes(tmp.resolve("memorandum.md"))).isEqualTo(memos.memorandum);
    }

    @Test
    void theAttachmentsCarryMimeTypesAndAreAssociatedFilesOfTheDocument() throws Exception {
        try (PDDocument doc = Loader.loadPDF(memos.signed)) {
            Map<String, PDComplexFileSpecification> names = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            assertThat(names.get("audit.jsonl").getEmbeddedFileUnicode().getSubtype()).isEqualTo("application/jsonl");
            assertThat(names.get("memorandum.md").getEmbeddedFileUnicode().getSubtype()).isEqualTo("text/markdown");
            assertThat(names.get("memorandum.md").getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Source");
            COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.AF);
            assertThat(af).isNotNull();
            assertThat(af.size()).isEqualTo(2);
        }
        MemoAttachments.Extracted back = MemoAttachments.extract(memos.signed);
        assertThat(back.audit()).isEqualTo(memos.audit.toJsonl());
        assertThat(back.memorandum()).isEqualTo(memos.memorandum);
    }

    @Test
    void attachingIsDeterministicAndRefusesAnAlreadySignedPdf() {
        byte[] a = MemoAttachments.attach(memos.rendered.pdf(), memos.audit.toJsonl(), memos.memorandum, Fixtures.T0);
        byte[] b = MemoAttachments.attach(memos.rendered.pdf(), memos.audit.toJsonl(), memos.memorandum, Fixtures.T0);
        assertThat(a).isEqualTo(b);
        assertThatThrownBy(() -> MemoAttachments.attach(memos.signed, memos.audit.toJsonl(), memos.memorandum, Fixtures.T0))
                .isInstanceOf(SigningException.class).hasMessageContaining("already signed");
    }

    @Test
    void editingAnEntryInTheMiddleOfTheLogBreaksTheChain() {
        List<String> lines = new ArrayList<>(memos.audit.lines());
        lines.set(2, lines.get(2).replace("\"decision\":\"approve\"", "\"decision\":\"reject\""));
        VerificationReport r = verifyWithLog(lines);
        assertThat(r.valid()).isFalse();
        assertThat(r.audit().chainIntact()).isFalse();
        assertThat(r.problems()).contains("Audit log: Audit entry 4 does not chain to the entry before it: an entry was edited,"
                + " removed or reordered.");
    }

    @Test
    void editingTheLastEntryIsCaughtByTheHashPrintedOnTheAuditPage() {
        List<String> lines = new ArrayList<>(memos.audit.lines());
        int last = lines.size() - 1;
        lines.set(last, lines.get(last).replace("\"actor\":\"memoflow\"", "\"actor\":\"minister@example.ma\""));
        VerificationReport r = verifyWithLog(lines);
        assertThat(r.valid()).isFalse();
        assertThat(r.audit().chainIntact()).isTrue(); // nothing after it to break
        assertThat(r.audit().printedHash()).isEqualTo(memos.audit.finalHash());
        assertThat(r.problems()).anyMatch(p -> p.startsWith("Audit log: the audit page prints the hash " + memos.audit.finalHash()));
    }

    @Test
    void removingAnEntryBreaksTheChain() {
        List<String> lines = new ArrayList<>(memos.audit.lines());
        lines.remove(3);
        VerificationReport r = verifyWithLog(lines);
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("Audit entry 4 carries sequence number 5: entries were removed or reordered."));
    }

    @Test
    void removingTheLastEntryIsCaughtByTheHashPrintedOnTheAuditPage() {
        List<String> lines = new ArrayList<>(memos.audit.lines());
        lines.remove(lines.size() - 1);
        VerificationReport r = verifyWithLog(lines);
        assertThat(r.valid()).isFalse();
        assertThat(r.audit().chainIntact()).isTrue();
        assertThat(r.problems()).anyMatch(p -> p.contains("the audit page prints the hash"));
    }

    @Test
    void reorderingTwoEntriesBreaksTheChain() {
        List<String> lines = new ArrayList<>(memos.audit.lines());
        Collections.swap(lines, 3, 4);
        VerificationReport r = verifyWithLog(lines);
        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.contains("entries were removed or reordered"));
    }

    @Test
    void aMemorandumTextThatIsNotTheApprovedVersionIsCaught() {
        byte[] other = (Fixtures.TEXT + "\nThe second party pays all costs.\n").getBytes(StandardCharsets.UTF_8);
        VerificationReport r = PdfVerifier.verify(memos.sign(memos.audit, other), memos.trusted());
        assertThat(r.valid()).isFalse();
        assertThat(r.audit().memorandumMatches()).isFalse();
        assertThat(r.problems()).anyMatch(p -> p.startsWith("Audit log: the embedded memorandum.md (sha256 "
                + AuditLog.sha256(other) + ") is not the version the log records"));
    }

    @Test
    void aLogReplacedAfterSigningIsCaughtEvenWhenItsChainIsRebuilt() {
        // a forged history with a valid chain of its own, swapped in by an incremental update
        AuditLog forged = new AuditLog();
        for (AuditEvent e : memos.audit.events()) {
            forged.append("decision".equals(e.type()) && e.actor().startsWith("legal")
                    ? new AuditEvent(e.at(), e.type(), "minister@dgsn.example.ma", e.version(), e.detail()) : e);
        }
        assertThat(AuditLog.verify(forged.lines())).isEmpty();
        byte[] tampered = Tamper.replaceAttachment(memos.signed, MemoAttachments.AUDIT, forged.toJsonl());
        assertThat(MemoAttachments.extract(tampered).audit()).isEqualTo(forged.toJsonl());
        VerificationReport r = PdfVerifier.verify(tampered, memos.trusted());
        assertThat(r.valid()).isFalse();
        assertThat(r.appendedKind()).isEqualTo("embedded files were changed");
        assertThat(r.appended()).contains("the embedded file 'audit.jsonl' was changed (its file specification: /EF /F was changed, "
                + "/EF /UF was changed, /AFRelationship was removed, /Desc was removed)");
        assertThat(r.problems()).anyMatch(p -> p.contains("the audit page prints the hash"));
    }

    @Test
    void aLogRemovedAfterSigningIsCaught() {
        byte[] tampered = Tamper.incremental(memos.signed, doc -> {
            doc.getDocumentCatalog().getCOSObject().removeItem(COSName.NAMES);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
        });
        VerificationReport r = PdfVerifier.verify(tampered, memos.trusted());
        assertThat(r.valid()).isFalse();
        assertThat(r.audit().present()).isFalse();
        assertThat(r.appended()).contains("the embedded file 'audit.jsonl' was removed", "the embedded file 'memorandum.md' was removed");
    }

    private VerificationReport verifyWithLog(List<String> lines) {
        return PdfVerifier.verify(memos.sign(AuditLog.of(lines), memos.memorandum), memos.trusted());
    }
}
