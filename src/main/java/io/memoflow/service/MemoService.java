package io.memoflow.service;

import io.memoflow.RejectedInputException;
import io.memoflow.audit.AuditLog;
import io.memoflow.document.MemoRenderer;
import io.memoflow.draft.Draft;
import io.memoflow.draft.DraftParser;
import io.memoflow.draft.Party;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.memo.Memo.VersionRecord;
import io.memoflow.memo.Memo.WorkItem;
import io.memoflow.memo.MemoState;
import io.memoflow.memo.Reference;
import io.memoflow.memo.UnknownMemoException;
import io.memoflow.memo.WorkKind;
import io.memoflow.store.MemoStore;
import io.memoflow.store.MemoStore.ContentClaim;
import io.memoflow.workflow.Decision;
import io.memoflow.workflow.WorkflowCatalog;
import io.memoflow.workflow.WorkflowDefinition;
import io.memoflow.workflow.WorkflowEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What memoflow does with inputs, independent of where they come from: accept a draft as a new
 * memorandum or a new version, accept a decision, and hand out the work that follows (mails,
 * signing) to whoever carries it out. Every change goes through {@link MemoStore#update} or
 * {@link MemoStore#create}, so it is atomic; every input is recognised when read again after a
 * crash ({@link Intake#key()}), so nothing is done twice.
 */
public final class MemoService {

    private static final Logger LOG = LoggerFactory.getLogger("memoflow");

    private final MemoStore store;
    private final DraftParser parser;
    private final WorkflowEngine engine;
    private final WorkflowCatalog workflows;
    private final Defaults defaults;
    private volatile MemoEvents events = MemoEvents.NONE;
    private volatile MemoRenderer renderer;

    public MemoService(MemoStore store, DraftParser parser, WorkflowEngine engine, WorkflowCatalog workflows, Defaults defaults) {
        this.store = store;
        this.parser = parser;
        this.engine = engine;
        this.workflows = workflows;
        this.defaults = defaults;
        workflows.require(defaults.workflow());
    }

    /**
     * The renderer whose fonts a draft's text is checked against when it is accepted: characters
     * no font has are logged as a warning and recorded in the version's audit event (shown by
     * {@code memoflow status}). Without one, drafts are not checked.
     */
    public void checkFontsWith(MemoRenderer renderer) {
        this.renderer = renderer;
    }

    /** Who hears about decisions, stages and completions (metrics). */
    public void setEvents(MemoEvents events) {
        this.events = events == null ? MemoEvents.NONE : events;
    }

    /** Who is told of what happens (metrics); {@link MemoEvents#NONE} until set. */
    public MemoEvents events() {
        return events;
    }

    public MemoStore store() {
        return store;
    }

    public WorkflowCatalog workflows() {
        return workflows;
    }

    public WorkflowEngine engine() {
        return engine;
    }

    // ------------------------------------------------------------------ drafts

    /**
     * Accepts a draft: a new memorandum, or a new version when it names an existing reference.
     *
     * @throws RejectedInputException saying what is wrong; nothing is stored then
     */
    public Accepted submit(byte[] content, String fileName, Intake intake) {
        Draft draft = parser.parse(content, fileName);
        return draft.reference() == null || draft.reference().isBlank() ? newMemo(draft, intake) : newVersion(draft, intake);
    }

    private Accepted newMemo(Draft draft, Intake intake) {
        return newMemo(draft, intake, fingerprint(draft), false);
    }

    /**
     * Creates a memorandum from a draft, claiming {@code fingerprint} for it. A fingerprint claimed
     * before by another input is a duplicate: refused, or (memoflow.duplicates=accept) created
     * again under a fingerprint salted with the input's key.
     */
    private Accepted newMemo(Draft draft, Intake intake, String fingerprint, boolean duplicate) {
        Memo memo = new Memo();
        applyDraft(memo, draft, null);
        WorkflowDefinition wf = names(draft.workflow()) ? workflows.requireSelectable(memo.workflow, defaults.workflow())
                : workflows.require(memo.workflow);
        engine.plan(memo, wf); // fails early, before anything is stored, when nobody can be asked
        checkLayout(draft, intake);

        Optional<ContentClaim> existing = store.findClaim(fingerprint);
        String reference;
        if (existing.isPresent()) {
            ContentClaim claim = existing.get();
            Optional<Accepted> resumed = resume(claim, intake, draft);
            if (resumed.isPresent()) {
                return resumed.get();
            }
            if (!claim.intakeKey().equals(intake.key())) {
                return duplicate(claim, fingerprint, draft, intake);
            }
            reference = claim.reference(); // reserved before a crash, memo not yet written
        } else {
            reference = store.allocateReference(defaults.prefix(), Instant.now(engine.clock()).atZone(ZoneOffset.UTC).getYear());
            Optional<ContentClaim> raced = store.claimContent(fingerprint, new ContentClaim(reference, 1, intake.key()));
            if (raced.isPresent()) {
                Optional<Accepted> resumed = resume(raced.get(), intake, draft);
                if (resumed.isPresent()) {
                    return resumed.get();
                }
                return duplicate(raced.get(), fingerprint, draft, intake);
            }
        }
        byte[] text = draft.body().getBytes(StandardCharsets.UTF_8);
        store.putFile(reference, versionFile(1), text);
        keepOriginal(reference, 1, draft);

        Instant now = engine.clock().instant();
        memo.reference = reference;
        memo.created = now;
        memo.updated = now;
        memo.version = 1;
        memo.versions.add(versionRecord(1, text, draft, intake, now));
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("title", memo.title);
        detail.put("channel", intake.channel());
        detail.put("workflow", memo.workflow);
        if (!intake.name().isEmpty()) {
            detail.put("input", intake.name());
        }
        if (duplicate) {
            detail.put("duplicate", "true");
        }
        engine.audit(memo, "submitted", actor(intake, memo), detail);
        Map<String, String> version = new LinkedHashMap<>(Map.of("sha256", AuditLog.sha256(text), "number", "1",
                "charset", draft.charset()));
        unprintable(draft, reference, 1, version);
        engine.audit(memo, "version", actor(intake, memo), version);
        if (intake.channel().equals("mail") && !intake.submitter().isBlank()) {
            WorkItem ack = engine.work(memo, WorkKind.MAIL, "acknowledgement");
            ack.to.add(intake.submitter());
            ack.version = 1;
        }
        engine.start(memo, wf, engine.plan(memo, wf));
        store.create(memo);
        events.accepted(intake.channel());
        LOG.info("{} accepted from {} '{}' as version 1 ({} workflow, {}){}", reference, intake.channel(), printable(intake.name()),
                memo.workflow, memo.state.label(), duplicate ? "; the same text as an earlier memorandum (memoflow.duplicates=accept)" : "");
        return new Accepted(reference, 1, false);
    }

    private Accepted newVersion(Draft draft, Intake intake) {
        String reference = draft.reference().trim();
        Memo current = store.find(reference).orElseThrow(() -> new UnknownMemoException(reference));
        if (current.state.isFinal() || current.state == MemoState.APPROVED) {
            throw new RejectedInputException(reference + " is " + current.state.label() + ", so it cannot get a new version.",
                    "To start again, submit the draft without 'reference:' in its front matter; it will get a new reference.");
        }
        keepsAuthorAndWorkflow(draft, current);
        Memo preview = copyForPlanning(current);
        applyDraft(preview, draft, current);
        WorkflowDefinition wf = names(draft.workflow()) && !draft.workflow().equals(current.workflow)
                ? workflows.requireSelectable(preview.workflow, defaults.workflow()) : workflows.require(preview.workflow);
        engine.plan(preview, wf);
        checkLayout(draft, intake);

        String fingerprint = fingerprint(draft);
        Optional<ContentClaim> existing = store.findClaim(fingerprint);
        if (existing.isPresent()) {
            Optional<Accepted> resumed = resume(existing.get(), intake, draft);
            if (resumed.isPresent()) {
                return resumed.get();
            }
            if (!existing.get().intakeKey().equals(intake.key())) {
                return duplicate(existing.get(), fingerprint, draft, intake);
            }
        } else {
            Optional<ContentClaim> raced = store.claimContent(fingerprint, new ContentClaim(reference, current.version + 1, intake.key()));
            if (raced.isPresent() && !raced.get().intakeKey().equals(intake.key())) {
                return duplicate(raced.get(), fingerprint, draft, intake);
            }
        }
        byte[] text = draft.body().getBytes(StandardCharsets.UTF_8);
        return store.update(reference, memo -> {
            for (VersionRecord v : memo.versions) {
                if (intake.key().equals(v.intakeKey)) {
                    return new Accepted(reference, v.number, true);
                }
            }
            if (memo.state.isFinal() || memo.state == MemoState.APPROVED) {
                throw new RejectedInputException(reference + " is " + memo.state.label() + ", so it cannot get a new version.",
                        "To start again, submit the draft without 'reference:' in its front matter.");
            }
            keepsAuthorAndWorkflow(draft, memo);
            int number = memo.version + 1;
            String previousAuthor = memo.author;
            store.putFile(reference, versionFile(number), text);
            keepOriginal(reference, number, draft);
            applyDraft(memo, draft, memo);
            Instant now = engine.clock().instant();
            memo.version = number;
            memo.versions.add(versionRecord(number, text, draft, intake, now));
            Map<String, String> version = new LinkedHashMap<>(Map.of("sha256", AuditLog.sha256(text), "number",
                    String.valueOf(number), "charset", draft.charset(), "channel", intake.channel()));
            unprintable(draft, reference, number, version);
            engine.audit(memo, "version", actor(intake, memo), version);
            if (intake.channel().equals("mail") && !intake.submitter().isBlank()) {
                WorkItem ack = engine.work(memo, WorkKind.MAIL, "acknowledgement");
                ack.to.add(intake.submitter());
                ack.version = number;
            }
            tellAuthorsOfNewVersion(memo, previousAuthor, intake, number);
            engine.start(memo, wf, engine.plan(memo, wf));
            events.accepted(intake.channel());
            LOG.info("{} version {} accepted from {} '{}'; the workflow starts again", reference, number, intake.channel(),
                    printable(intake.name()));
            return new Accepted(reference, number, false);
        });
    }

    /**
     * A new version keeps its memorandum's author and workflow (memoflow.versions.keep-author,
     * memoflow.versions.keep-workflow): a draft naming others is refused, so that nobody can take
     * over another author's memorandum or skip its review by sending a "new version".
     */
    private void keepsAuthorAndWorkflow(Draft draft, Memo current) {
        String ref = current.reference;
        if (defaults.keepAuthor() && names(draft.author()) && !draft.author().equalsIgnoreCase(current.author == null ? "" : current.author)) {
            throw new RejectedInputException("This draft is a new version of " + ref + " ('reference: " + ref + "') and names the author "
                    + draft.author() + ", but " + (current.author == null ? ref + " has no author" : "the author of " + ref + " is "
                    + current.author) + "; a new version keeps its memorandum's author.",
                    "Remove 'author:' from the front matter to keep the author" + (current.author == null ? "" : " (" + current.author + ")")
                            + ", or submit the draft without 'reference:' as a new memorandum.");
        }
        if (defaults.keepWorkflow() && names(draft.workflow()) && !draft.workflow().equals(current.workflow)) {
            throw new RejectedInputException("This draft is a new version of " + ref + " ('reference: " + ref + "') and names the workflow '"
                    + draft.workflow() + "', but " + ref + " runs under the workflow '" + current.workflow
                    + "'; a new version keeps its memorandum's workflow.",
                    "Remove 'workflow:' from the front matter, or submit the draft without 'reference:' as a new memorandum.");
        }
    }

    /**
     * Tells the author of a memorandum (and the previous author, when a new version changed it)
     * that a new version was submitted, unless the author is the one who sent it by mail (they
     * get the acknowledgement).
     */
    private void tellAuthorsOfNewVersion(Memo memo, String previousAuthor, Intake intake, int number) {
        LinkedHashSet<String> authors = new LinkedHashSet<>();
        for (String a : new String[] {previousAuthor, memo.author}) {
            if (a != null && !a.isBlank()) {
                authors.add(a);
            }
        }
        if (intake.channel().equals("mail")) {
            authors.remove(intake.submitter());
        }
        String from = switch (intake.channel()) {
            case "mail" -> "by mail from " + (intake.submitter().isBlank() ? "an unknown sender" : intake.submitter());
            case "file" -> "as the file '" + printable(intake.name()) + "' in a watched folder";
            default -> "through " + intake.channel() + (intake.name().isEmpty() ? "" : " as '" + printable(intake.name()) + "'");
        };
        for (String a : authors) {
            WorkItem w = engine.work(memo, WorkKind.MAIL, "new-version");
            w.to.add(a);
            w.version = number;
            w.comment = "Version " + number + " was submitted " + from + ".";
        }
    }

    private static boolean names(String field) {
        return field != null && !field.isBlank();
    }

    /** When this very input was accepted before (read again after a crash), the result of that. */
    private Optional<Accepted> resume(ContentClaim claim, Intake intake, Draft draft) {
        if (!claim.intakeKey().equals(intake.key())) {
            return Optional.empty();
        }
        Optional<Memo> memo = store.find(claim.reference());
        if (memo.isEmpty()) {
            return Optional.empty();
        }
        for (VersionRecord v : memo.get().versions) {
            if (intake.key().equals(v.intakeKey)) {
                LOG.info("{} version {} was already accepted from '{}'; finishing what was in flight", claim.reference(), v.number,
                        printable(intake.name()));
                return Optional.of(new Accepted(claim.reference(), v.number, true));
            }
        }
        return Optional.empty();
    }

    private Accepted duplicate(ContentClaim claim, String fingerprint, Draft draft, Intake intake) {
        if (defaults.rejectDuplicates()) {
            throw new RejectedInputException("This draft has the same text and details as version " + claim.version() + " of "
                    + claim.reference() + ", which memoflow already has.",
                    "Nothing was changed. To submit a new version, edit the text and add 'reference: " + claim.reference()
                            + "' to the front matter; to follow " + claim.reference() + ", run: memoflow status " + claim.reference());
        }
        // accepting duplicates: the input is new content under a fingerprint salted with its key
        return newMemo(draft, intake, AuditLog.sha256(fingerprint + "|" + intake.key()), true);
    }

    private void applyDraft(Memo memo, Draft draft, Memo previous) {
        memo.title = draft.title();
        memo.language = draft.language();
        memo.workflow = firstNonBlank(draft.workflow(), previous == null ? null : previous.workflow, defaults.workflow());
        memo.author = firstNonBlank(draft.author(), previous == null ? null : previous.author, defaults.author());
        if (memo.author != null && memo.author.isBlank()) {
            memo.author = null;
        }
        memo.reviewers = new ArrayList<>(!draft.reviewers().isEmpty() ? draft.reviewers()
                : previous != null && !previous.reviewers.isEmpty() ? previous.reviewers : defaults.reviewers());
        memo.parties = new ArrayList<>(!draft.parties().isEmpty() ? draft.parties()
                : previous != null && !previous.parties.isEmpty() ? previous.parties : defaults.parties());
        memo.cc = new ArrayList<>(!draft.cc().isEmpty() ? draft.cc() : previous != null ? previous.cc : List.of());
    }

    private static Memo copyForPlanning(Memo current) {
        Memo m = new Memo();
        m.reference = current.reference;
        m.version = current.version;
        return m;
    }

    private static VersionRecord versionRecord(int number, byte[] text, Draft draft, Intake intake, Instant now) {
        VersionRecord v = new VersionRecord();
        v.number = number;
        v.sha256 = AuditLog.sha256(text);
        v.at = now;
        v.channel = intake.channel();
        v.submitter = intake.submitter();
        v.intakeKey = intake.key();
        v.charset = draft.charset();
        v.title = draft.title();
        v.format = isPlainText(intake.name()) ? "text" : "markdown";
        return v;
    }

    /** Plain-text drafts are .txt files (and mail text bodies, which the mail intake names .txt). */
    static boolean isPlainText(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    /** A draft read from a document (Word, OpenDocument, HTML, PDF): the document kept beside its text, as v1-original.docx. */
    private void keepOriginal(String reference, int version, Draft draft) {
        if (draft.original() != null) {
            store.putFile(reference, draft.original().fileName(version), draft.original().bytes());
        }
    }

    /** The name under which a version's text is stored. */
    public static String versionFile(int version) {
        return "v" + version + ".md";
    }

    /**
     * What makes two drafts the same: their text and every detail that changes what happens to
     * them (title, language, workflow, author, parties, reviewers, cc), not the reference.
     */
    static String fingerprint(Draft d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.title()).append('\u0000').append(d.language()).append('\u0000').append(String.valueOf(d.workflow()))
                .append('\u0000').append(String.valueOf(d.author())).append('\u0000');
        for (Party p : d.parties()) {
            sb.append(p.name()).append('|').append(p.signatory()).append('|').append(p.title()).append('|').append(p.email()).append(';');
        }
        sb.append('\u0000').append(String.join(",", d.reviewers())).append('\u0000').append(String.join(",", d.cc()))
                .append('\u0000').append(d.body());
        return AuditLog.sha256(sb.toString());
    }

    private static String actor(Intake intake, Memo memo) {
        if (!intake.submitter().isBlank()) {
            return intake.submitter();
        }
        return memo.author != null ? memo.author : intake.channel();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /**
     * Text from outside, made safe for one log line: control characters (C0 including line
     * breaks, DEL, C1) and bidirectional controls shown as [U+XXXX], cut at 120 characters.
     */
    /**
     * Checks the text a draft prints (title, parties, body) against the renderer's fonts: the
     * characters no font has are logged as a warning and put in the version's audit detail as
     * {@code unprintable}.
     */
    /** Refuses a draft the renderer cannot typeset (a table too wide even for landscape pages), before anything is stored. */
    private void checkLayout(Draft draft, Intake intake) {
        MemoRenderer r = renderer;
        if (r == null || isPlainText(intake.name())) {
            return; // a plain-text draft is set as typed: it has no tables
        }
        try {
            r.checkLayout(draft.body(), draft.language());
        } catch (IllegalArgumentException e) {
            throw new RejectedInputException("The draft cannot be typeset: " + e.getMessage(),
                    "Change the draft as the reason says and submit it again.", e);
        }
    }

    private void unprintable(Draft draft, String reference, int version, Map<String, String> detail) {
        MemoRenderer r = renderer;
        if (r == null) {
            return;
        }
        StringBuilder text = new StringBuilder(draft.title() == null ? "" : draft.title()).append('\n');
        for (Party p : draft.parties()) {
            text.append(p.name()).append('\n').append(p.signatory()).append('\n').append(p.title()).append('\n');
        }
        text.append(draft.body());
        List<String> missing = r.unprintable(text.toString());
        if (!missing.isEmpty()) {
            String names = String.join(", ", missing);
            detail.put("unprintable", names);
            LOG.warn("{} version {}: no font has {}, so the PDF shows an empty box for each. Add a .ttf font that has these "
                    + "characters to font.fallback in the style file (templates/style.properties).", reference, version, names);
        }
    }

    public static String printable(String s) {
        String t = UntrustedText.visible(s);
        return t.length() > 120 ? t.substring(0, 120) + "…" : t;
    }

    // ------------------------------------------------------------------ decisions

    /**
     * Accepts a decision.
     *
     * @return the reference
     * @throws RejectedInputException when it cannot count; nothing changes then
     */
    public String decide(Decision decision) {
        String reference = decision.reference();
        if (!Reference.isValid(reference)) {
            throw new RejectedInputException("'" + printable(reference) + "' is not a memorandum reference.",
                    "Write the reference as memoflow gave it, e.g. MOU-2026-0007.");
        }
        Memo snapshot = store.find(reference).orElseThrow(() -> new UnknownMemoException(reference));
        WorkflowDefinition wf = workflows.find(snapshot.workflow).orElse(null);
        return store.update(reference, memo -> {
            for (var prior : memo.decisions) {
                if (decision.intakeKey() != null && decision.intakeKey().equals(prior.intakeKey)) {
                    LOG.info("{} decision by {} was already recorded; finishing what was in flight", reference, printable(decision.by()));
                    return reference;
                }
            }
            int stageBefore = memo.stage;
            var run = memo.currentStage();
            engine.decide(memo, decision, wf);
            events.decided(decision.kind().word(), decision.channel());
            if ((memo.stage != stageBefore || memo.state != MemoState.IN_REVIEW) && run != null && run.startedAt != null) {
                events.stageFinished(run.name, Duration.between(run.startedAt, engine.clock().instant()));
            }
            LOG.info("{} {} on version {} by {} via {}{}", reference, decision.kind().word(), memo.version,
                    printable(decision.by()), decision.channel(), memo.state == MemoState.IN_REVIEW ? "" : "; now " + memo.state.label());
            return reference;
        });
    }

    /** A memorandum's current state, or a rejection when there is none. */
    public Memo memo(String reference) {
        return store.find(reference).orElseThrow(() -> new UnknownMemoException(reference));
    }
}
