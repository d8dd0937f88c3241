package io.memoflow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.Typesetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
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
    void theTypesetterEmbedsTheFilesAsAttachingDoesSoSealingSavesNothingAgain() throws Exception {
        Typesetter typesetter = new Typesetter();
        MemoDocument doc = Fixtures.document(memos.audit);
        Instant at = Fixtures.T0.plusSeconds(240);
        RenderedMemo embedded = typesetter.render(doc.withFiles(MemoAttachments.files(memos.audit.toJsonl(), memos.memorandum, at)));
        byte[] attached = MemoAttachments.attach(typesetter.render(doc).pdf(), memos.audit.toJsonl(), memos.memorandum, at);

        assertThat(fileSpecs(embedded.pdf())).as("name tree, /AF and every entry of the file specifications and file streams")
                .isEqualTo(fileSpecs(attached));
        assertThat(MemoAttachments.attached(embedded, memos.audit.toJsonl(), memos.memorandum, at)).as("used as rendered")
                .isSameAs(embedded.pdf());
        byte[] otherText = "# Another text\n".getBytes(StandardCharsets.UTF_8);
        assertThat(MemoAttachments.extract(MemoAttachments.attached(embedded, memos.audit.toJsonl(), otherText, at)).memorandum())
                .as("files other than those rendered in are attached").isEqualTo(otherText);

        byte[] signed = memos.signer.sealAndSign(embedded, memos.audit, memos.memorandum, "DGSN", "en", at, List.of());
        VerificationReport report = PdfVerifier.verify(signed, memos.trusted());
        assertThat(report.valid()).as("%s", report).isTrue();
        assertThat(report.audit().memorandumMatches()).isTrue();
    }

    /** Name, /AF position, and every entry of each embedded file's specification and stream (data decoded), as text. */
    private static List<String> fileSpecs(byte[] pdf) throws IOException {
        List<String> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSArray af = doc.getDocumentCatalog().getCOSObject().getCOSArray(COSName.AF);
            for (int i = 0; i < af.size(); i++) {
                COSDictionary spec = (COSDictionary) af.getObject(i);
                out.add("AF " + i + ": " + spec.getString(COSName.F));
            }
            Map<String, PDComplexFileSpecification> names = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames();
            for (Map.Entry<String, PDComplexFileSpecification> e : names.entrySet()) {
                COSDictionary spec = e.getValue().getCOSObject();
                out.add(e.getKey() + ": F " + spec.getString(COSName.F) + ", UF " + spec.getString(COSName.UF) + ", Desc "
                        + spec.getString(COSName.DESC) + ", AFRelationship " + spec.getNameAsString("AFRelationship") + ", Type "
                        + spec.getNameAsString(COSName.TYPE) + ", EF keys " + spec.getCOSDictionary(COSName.EF).keySet());
                PDEmbeddedFile f = e.getValue().getEmbeddedFileUnicode();
                assertThat(e.getValue().getEmbeddedFile().getCOSObject()).isSameAs(f.getCOSObject());
                out.add(e.getKey() + " stream: Type " + f.getCOSObject().getNameAsString(COSName.TYPE) + ", Subtype " + f.getSubtype()
                        + ", Size " + f.getSize() + ", CreationDate " + instant(f.getCreationDate()) + ", ModDate "
                        + instant(f.getModDate()) + ", Filter " + f.getFilters() + ", data sha256 " + AuditLog.sha256(f.toByteArray()));
            }
        }
        return out;
    }

    private static Instant instant(Calendar c) {
        return c == null ? null : c.toInstant();
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
