package io.memoflow.signing;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.RenderedMemo;
import io.memoflow.draft.Party;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A memorandum with two parties, its audit log and its text, as the daemon would have them. */
final class Fixtures {

    /** An hour ago: the demonstration certificates, made now, are valid from a day before their creation. */
    static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(3600);
    static final List<Party> PARTIES = List.of(
            new Party("Directorate General of National Security", "Abdellatif Hammouchi", "Director General", "dg@dgsn.example.ma"),
            new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk"));
    static final String TEXT = "# Memorandum of understanding on security cooperation\n\nThe parties agree to cooperate.\n";

    private Fixtures() {
    }

    static byte[] memorandum() {
        return TEXT.getBytes(StandardCharsets.UTF_8);
    }

    /** The history of the memorandum up to its approval. */
    static AuditLog audit(byte[] memorandum) {
        AuditLog log = new AuditLog();
        log.append(new AuditEvent(T0, "submitted", "secretariat@dgsn.example.ma", 1, Map.of("file", "mou.md")));
        log.append(new AuditEvent(T0.plusSeconds(1), "version", "memoflow", 1, Map.of("sha256", AuditLog.sha256(memorandum))));
        log.append(new AuditEvent(T0.plusSeconds(60), "decision", "legal@dgsn.example.ma", 1, Map.of("decision", "approve")));
        log.append(new AuditEvent(T0.plusSeconds(120), "decision", "dg@dgsn.example.ma", 1, Map.of("decision", "approve")));
        log.append(new AuditEvent(T0.plusSeconds(180), "decision", "mw@politi.example.dk", 1, Map.of("decision", "approve")));
        log.append(new AuditEvent(T0.plusSeconds(181), "approved", "memoflow", 1, Map.of()));
        return log;
    }

    static MemoDocument document(AuditLog log) {
        List<MemoDocument.AuditLine> lines = new ArrayList<>();
        for (AuditEvent e : log.events()) {
            lines.add(new MemoDocument.AuditLine(e.at(), e.actor(), e.type()));
        }
        return new MemoDocument("MOU-2026-0007", 1, "Security cooperation", "en", T0, TEXT, PARTIES, null, false, lines,
                log.finalHash());
    }

    static RenderedMemo rendered(AuditLog log) {
        return new StubRenderer().render(document(log));
    }

    /** The party signatures in the order of the workflow. */
    static List<MemoSigner.PartySignature> parties(RenderedMemo memo) {
        List<MemoSigner.PartySignature> out = new ArrayList<>();
        for (int i = 0; i < PARTIES.size(); i++) {
            Party p = PARTIES.get(i);
            out.add(new MemoSigner.PartySignature(memo.signatureBoxes().get(i), p.signatory(), p.title(), p.email(),
                    T0.plusSeconds(300 + 60L * i)));
        }
        return out;
    }
}
