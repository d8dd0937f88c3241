package io.memoflow.testing;

import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.WorkKind;
import io.memoflow.store.FileMemoStore;
import io.memoflow.store.MemoStore.ContentClaim;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A file store ({@code HOME/data}) with memoranda in every state, made in-process, for migration
 * tests: each with an audit chain, a version file and a content claim; every fourth with a pending
 * acknowledgement mail to its author (which a daemon on the store carries out).
 */
public final class FiledMemoranda {

    private FiledMemoranda() {
    }

    /** Memoranda MOU-2026-0001 to n, titled "Memorandum i — مذكرة", state {@code MemoState.values()[i % count]}. */
    public static void fill(Path home, int n) throws Exception {
        FileMemoStore store = new FileMemoStore(home.resolve("data"));
        MemoState[] states = MemoState.values();
        for (int i = 1; i <= n; i++) {
            String ref = store.allocateReference("MOU", 2026);
            Memo m = new Memo();
            m.reference = ref;
            m.title = "Memorandum " + i + " — مذكرة";
            m.created = Instant.parse("2026-11-01T10:00:00Z").plusSeconds(i * 60L);
            m.updated = m.created.plusSeconds(30);
            m.version = 1 + i % 3;
            m.state = states[i % states.length];
            AuditLog log = new AuditLog();
            m.audit.add(log.append(new AuditEvent(m.created, "submitted", "author@x.example", 1, Map.of("file", "draft-" + i + ".md"))));
            m.audit.add(log.append(new AuditEvent(m.updated, "approved", "reviewer-" + i + "@x.example", 1, Map.of())));
            if (i % 4 == 0) {
                WorkItem w = new WorkItem();
                w.seq = 1;
                w.id = ref + "-1-mail";
                w.kind = WorkKind.MAIL;
                w.template = "acknowledgement";
                w.to = new ArrayList<>(List.of("author@x.example"));
                w.version = m.version;
                w.created = m.updated;
                m.work.add(w);
            }
            store.create(m);
            byte[] text = ("Text of memorandum " + i).getBytes(StandardCharsets.UTF_8);
            store.putFile(ref, "v1.md", text);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
            store.claimContent(sha, new ContentClaim(ref, 1, "file:draft-" + i + ".md"));
        }
    }
}
