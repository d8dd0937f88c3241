package io.memoflow.service;

import io.memoflow.audit.AuditLog;
import io.memoflow.diff.Redline;
import io.memoflow.diff.TextDiff;
import io.memoflow.document.MemoDocument;
import io.memoflow.document.MemoRenderer;
import io.memoflow.document.PlainText;
import io.memoflow.document.RenderedMemo;
import io.memoflow.document.SignatureBox;
import io.memoflow.draft.Party;
import io.memoflow.memo.Memo;
import io.memoflow.signing.MemoAttachments;
import io.memoflow.signing.MemoSigner;
import io.memoflow.signing.Renewal;
import io.memoflow.signing.SigningException;
import io.memoflow.store.MemoStore;
import io.memoflow.workflow.WorkflowEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces a memorandum's PDFs: the DRAFT copy of a version for reviewers (rendered once and
 * kept in the store), the CHANGES copy of a version after the first (its redline against the
 * version before, also kept), and the final signed PDF: rendered with its signature and audit pages,
 * the audit log and approved text attached, certified by the organisation's seal, then signed
 * by each party's signatory who approved, one incremental revision each.
 */
public final class DocumentService {

    private final MemoStore store;
    private final MemoRenderer renderer;
    private final MemoSigner signer;
    private final String organisation;
    private final Clock clock;

    public DocumentService(MemoStore store, MemoRenderer renderer, MemoSigner signer, String organisation, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.signer = signer;
        this.organisation = organisation;
        this.clock = clock;
    }

    public MemoSigner signer() {
        return signer;
    }

    // ------------------------------------------------------------------ renewals

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private volatile Path signedDir;
    private volatile Duration warnBefore = Duration.ofDays(90);
    /** Each signed file's last timestamp's expiry, by file, as long as the file's time and size are unchanged. */
    private final Map<Path, Expiry> expiries = new ConcurrentHashMap<>();

    private record Expiry(FileTime modified, long size, Optional<Instant> at) {
    }

    /** Watch {@code signedDir} for memoranda due for renewal within {@code warnBefore} ({@code memoflow.renew.warn-before}). */
    public void watchRenewals(Path signedDir, Duration warnBefore) {
        this.signedDir = signedDir;
        this.warnBefore = warnBefore;
    }

    public Duration renewalWarnBefore() {
        return warnBefore;
    }

    /**
     * The signed memoranda (file names, sorted) whose last document timestamp's certificate expires
     * within the warning period, with that expiry; files below level LTA are not due.
     */
    public SortedMap<String, Instant> renewalsDue() {
        SortedMap<String, Instant> due = new TreeMap<>();
        Path dir = signedDir;
        if (dir == null || !Files.isDirectory(dir)) {
            return due;
        }
        Instant until = clock.instant().plus(warnBefore);
        List<Path> files = new ArrayList<>();
        try (var ds = Files.newDirectoryStream(dir, "*.pdf")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the folder " + dir + " to look for renewals due: " + e.getMessage(), e);
        }
        expiries.keySet().retainAll(files);
        for (Path f : files) {
            Optional<Instant> at = expiry(f);
            if (at.isPresent() && !at.get().isAfter(until)) {
                due.put(f.getFileName().toString(), at.get());
            }
        }
        return due;
    }

    private Optional<Instant> expiry(Path f) {
        try {
            var modified = Files.getLastModifiedTime(f);
            long size = Files.size(f);
            Expiry known = expiries.get(f);
            if (known != null && known.modified().equals(modified) && known.size() == size) {
                return known.at();
            }
            Optional<Instant> at;
            try {
                at = Renewal.lastTimestampExpiry(Files.readAllBytes(f));
            } catch (SigningException e) {
                LOG.warn("{} cannot be read to see when it needs renewing: {}", f.getFileName(), e.getMessage());
                at = Optional.empty();
            }
            expiries.put(f, new Expiry(modified, size, at));
            return at;
        } catch (IOException e) {
            LOG.warn("{} cannot be read to see when it needs renewing: {}", f.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * One WARN line naming the signed memoranda due for renewal and the command that renews them,
     * when there are any (the daemon calls this at start and daily).
     *
     * @return the line logged, or null when none is due
     */
    public String warnRenewalsDue() {
        SortedMap<String, Instant> due = renewalsDue();
        if (due.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        due.forEach((name, at) -> names.add(name + " (until " + at + ")"));
        String line = due.size() + " signed memoranda need a fresh document timestamp: their last timestamp's certificate"
                + " expires within " + warnBefore.toDays() + " days (memoflow.renew.warn-before): " + String.join(", ", names)
                + ". Run: memoflow renew --before P" + warnBefore.toDays() + "D";
        LOG.warn(line);
        return line;
    }

    public MemoRenderer renderer() {
        return renderer;
    }

    /** The DRAFT PDF of a version, rendered on first use and then kept. */
    public byte[] draftPdf(Memo memo, int version) {
        String name = "v" + version + "-draft.pdf";
        return store.getFile(memo.reference, name).orElseGet(() -> {
            byte[] text = text(memo, version);
            Instant date = memo.versionRecord(version).map(v -> v.at).orElse(memo.created);
            MemoDocument doc = new MemoDocument(memo.reference, version, memo.versionRecord(version).map(v -> v.title).orElse(memo.title),
                    memo.language, date, body(memo, version, text), memo.parties, null, true, List.of(), null);
            byte[] pdf = renderer.render(doc).pdf();
            store.putFile(memo.reference, name, pdf);
            return pdf;
        });
    }

    /**
     * The word-level difference between two versions' bodies (as they are typeset: a plain-text
     * version as its Markdown), each text's own redline markers made harmless first.
     *
     * @throws IllegalArgumentException when a version does not exist
     */
    public Redline changes(Memo memo, int from, int to) {
        return changes(store, memo, from, to);
    }

    /** {@link #changes(Memo, int, int)} read from a store directly (for the commands, without a running daemon). */
    public static Redline changes(MemoStore store, Memo memo, int from, int to) {
        for (int v : new int[] {from, to}) {
            if (v < 1 || v > memo.version) {
                throw new IllegalArgumentException(memo.reference + " has no version " + v + " (its versions are 1 to " + memo.version
                        + "). Name versions from 1 to " + memo.version + ".");
            }
        }
        String before = MemoDocument.withoutMarkers(body(memo, from, text(store, memo, from)));
        String after = MemoDocument.withoutMarkers(body(memo, to, text(store, memo, to)));
        return TextDiff.compare(before, after);
    }

    /** The changes from the version before {@code version} to it (version 2 and later). */
    public Redline changes(Memo memo, int version) {
        return changes(memo, version - 1, version);
    }

    /** The file name of the CHANGES PDF of a version, as attached to mails. */
    public static String changesPdfName(Memo memo, int version) {
        return memo.reference + "-v" + version + "-CHANGES.pdf";
    }

    /**
     * The CHANGES PDF of a version (2 and later): the version typeset as a DRAFT with the words
     * deleted since the version before struck through, the words inserted underlined, and moved
     * paragraphs noted; rendered on first use and then kept.
     */
    public byte[] changesPdf(Memo memo, int version) {
        String name = "v" + version + "-changes.pdf";
        return store.getFile(memo.reference, name).orElseGet(() -> {
            Redline redline = changes(memo, version);
            boolean arabic = memo.language != null && memo.language.startsWith("ar");
            Redline.Markers markers = new Redline.Markers() {
                public String deletedStart() {
                    return String.valueOf(MemoDocument.DELETED_START);
                }

                public String deletedEnd() {
                    return String.valueOf(MemoDocument.DELETED_END);
                }

                public String insertedStart() {
                    return String.valueOf(MemoDocument.INSERTED_START);
                }

                public String insertedEnd() {
                    return String.valueOf(MemoDocument.INSERTED_END);
                }

                public String moved(int fromNumber) {
                    return MemoDocument.NOTE_START + (arabic ? "[نُقلت من الفقرة " + fromNumber + "]" : "[moved from paragraph " + fromNumber + "]")
                            + MemoDocument.NOTE_END + " ";
                }
            };
            Instant date = memo.versionRecord(version).map(v -> v.at).orElse(memo.created);
            MemoDocument doc = new MemoDocument(memo.reference, version, memo.versionRecord(version).map(v -> v.title).orElse(memo.title),
                    memo.language, date, redline.render(markers), memo.parties, null, true, List.of(), null, false, true);
            byte[] pdf = renderer.render(doc).pdf();
            store.putFile(memo.reference, name, pdf);
            return pdf;
        });
    }

    /**
     * Who signs the current version: the seal, then each party whose signatory approved it, in
     * party order (the same order as the signatures in the PDF).
     */
    public static List<String> signers(Memo memo) {
        List<String> signers = new ArrayList<>();
        signers.add("seal");
        List<Instant> approvals = WorkflowEngine.partyApprovals(memo);
        for (int i = 0; i < memo.parties.size(); i++) {
            if (approvals.get(i) != null) {
                signers.add(memo.parties.get(i).email());
            }
        }
        return signers;
    }

    /** Renders, attaches the audit log, seals and signs the current version; the signers are {@link #signers}. */
    public byte[] sign(Memo memo) {
        byte[] text = text(memo, memo.version);
        Instant now = clock.instant();
        List<Instant> approvals = WorkflowEngine.partyApprovals(memo);
        AuditLog audit = AuditLog.of(memo.audit);
        MemoDocument doc = new MemoDocument(memo.reference, memo.version, memo.title, memo.language, now,
                body(memo, memo.version, text), memo.parties, approvals, false,
                AuditWording.lines(memo.audit, memo.language), audit.finalHash(), !WorkflowEngine.asksParties(memo))
                .withFiles(MemoAttachments.files(audit.toJsonl(), text, now)); // embedded as it is rendered, not in a second pass
        RenderedMemo rendered = renderer.render(doc);
        List<MemoSigner.PartySignature> parties = new ArrayList<>();
        for (int i = 0; i < memo.parties.size(); i++) {
            if (approvals.get(i) == null) {
                continue;
            }
            Party party = memo.parties.get(i);
            SignatureBox box = null;
            for (SignatureBox b : rendered.signatureBoxes()) {
                if (b.partyIndex() == i) {
                    box = b;
                }
            }
            if (box == null) {
                throw new IllegalStateException("The typesetter gave no signature block for party " + (i + 1) + " of " + memo.reference);
            }
            parties.add(new MemoSigner.PartySignature(box, party.signatory().isBlank() ? party.name() : party.signatory(),
                    party.title(), party.email(), now));
        }
        return signer.sealAndSign(rendered, audit, text, organisation, memo.language, now, parties);
    }

    /** The body as Markdown: a plain-text version is converted so that it is set exactly as typed. */
    private static String body(Memo memo, int version, byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8);
        boolean plain = memo.versionRecord(version).map(v -> "text".equals(v.format)).orElse(false);
        return plain ? PlainText.toMarkdown(s) : s;
    }

    private byte[] text(Memo memo, int version) {
        return text(store, memo, version);
    }

    private static byte[] text(MemoStore store, Memo memo, int version) {
        return store.getFile(memo.reference, MemoService.versionFile(version)).orElseThrow(() -> new IllegalStateException(
                "The text of version " + version + " of " + memo.reference + " is missing from the store (data/memos/"
                        + memo.reference + "/" + MemoService.versionFile(version) + "); restore data/ from a backup"));
    }
}
