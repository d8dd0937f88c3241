package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.audit.AuditEvent;
import io.memoflow.audit.AuditLog;
import io.memoflow.config.MemoflowSettings;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.service.AuditWording;
import io.memoflow.store.MemoStore;
import io.memoflow.store.MemoSummary;
import io.memoflow.web.StatusJson;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code memoflow status [REF] [--json]}: the memoranda and their stage, or one memorandum's history. */
@Command(name = "status", description = "List memoranda and where they stand, or show one memorandum's full history.")
public final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(arity = "0..1", paramLabel = "REF", description = "One memorandum.")
    String reference;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            return show(out);
        } finally {
            out.flush();
        }
    }

    private int show(PrintStream out) throws Exception {
        Path dir = home.resolve();
        if (!Memoflow.hasStore(dir)) {
            if (reference != null) {
                System.err.println("memoflow: there is no memorandum " + reference + " in " + dir + " (no store there yet).");
                return 1;
            }
            out.println(json ? "[]" : UntrustedText.visible("No memoranda yet in " + dir + "."));
            return 0;
        }
        MemoStore store = Memoflow.openStore(dir.resolve("data"));
        boolean demo = !MemoflowSettings.load(dir, System.getenv()).has("memoflow.keys.seal.file");
        if (reference == null) {
            List<MemoSummary> all = store.list();
            if (json) {
                out.println(StatusJson.list(all)); // escaped
                return 0;
            }
            if (demo) {
                say(out, "WARNING: signing with self-signed demonstration keys (data/keys/); configure real keys before real use.");
            }
            if (all.isEmpty()) {
                say(out, "No memoranda yet in " + dir + ".");
                return 0;
            }
            StringBuilder table = new StringBuilder(all.size() * 120);
            row(table, "REFERENCE", "STATE", "VER", "STAGE", "WAITING FOR", "TITLE");
            for (MemoSummary s : all) {
                row(table, s.reference(), s.state().label() + (s.pendingWork() > 0 ? " (" + s.pendingWork() + " to do)" : ""),
                        String.valueOf(s.version()), s.stage() == null ? "-" : s.stage(),
                        s.waitingFor().isEmpty() ? "-" : String.join(", ", s.waitingFor()), s.title());
            }
            out.print(table);
            out.flush();
            return 0;
        }
        String ref = reference.trim().toUpperCase(Locale.ROOT);
        Optional<Memo> found = store.find(ref);
        if (found.isEmpty()) {
            System.err.println("memoflow: there is no memorandum " + ref + " in " + dir + ". 'memoflow status' lists them all.");
            return 1;
        }
        Memo memo = found.get();
        Path signed = dir.resolve("signed").resolve(ref + ".pdf");
        if (json) {
            out.println(StatusJson.memo(store, memo, signed)); // escaped
            return 0;
        }
        say(out, memo.reference + "  " + memo.title);
        say(out, "  state:     " + memo.state.label() + (memo.currentStage() != null && memo.state.name().equals("IN_REVIEW")
                ? ", stage '" + memo.currentStage().name + "', waiting for " + String.join(", ", memo.undecided()) : ""));
        say(out, "  version:   " + memo.version + " of " + memo.versions.size() + "   language: " + memo.language + "   workflow: "
                + memo.workflow);
        say(out, "  author:    " + (memo.author == null ? "-" : memo.author));
        for (int i = 0; i < memo.parties.size(); i++) {
            var p = memo.parties.get(i);
            say(out, "  party " + (i + 1) + ":   " + p.name() + " — " + p.signatory() + (p.title().isBlank() ? "" : ", " + p.title())
                    + (p.email().isBlank() ? "" : " <" + p.email() + ">"));
        }
        if (!memo.reviewers.isEmpty()) {
            say(out, "  reviewers: " + String.join(", ", memo.reviewers));
        }
        if (Files.exists(signed)) {
            say(out, "  signed:    " + signed);
        }
        List<Memo.WorkItem> pending = memo.pendingWork();
        if (!pending.isEmpty()) {
            say(out, "  to do:     " + pending.stream().map(w -> w.template == null ? w.kind : w.kind + " " + w.template + " to "
                    + String.join(", ", w.to)).reduce((a, b) -> a + "; " + b).orElse(""));
            for (Memo.WorkItem w : pending) {
                if (w.lastError != null) {
                    say(out, "  failing:   " + w.id + ": " + w.attempts + " attempt(s), last at " + WHEN.format(w.lastAttemptAt)
                            + " UTC: " + w.lastError + (w.retryAt == null ? "" : "; next try after " + WHEN.format(w.retryAt) + " UTC"));
                }
            }
        }
        say(out, "  history:");
        for (AuditEvent e : AuditLog.of(memo.audit).events()) {
            say(out, "    " + WHEN.format(e.at()) + " UTC  " + AuditWording.english(e));
        }
        say(out, "  audit chain: " + AuditLog.verify(memo.audit).size() + " problem(s); final hash " + AuditLog.of(memo.audit).finalHash());
        return 0;
    }

    private static void row(StringBuilder sb, String ref, String state, String version, String stage, String waiting, String title) {
        pad(sb, UntrustedText.visible(ref), 17);
        pad(sb, UntrustedText.visible(state), 19);
        pad(sb, UntrustedText.visible(version), 5);
        pad(sb, UntrustedText.visible(stage), 13);
        pad(sb, UntrustedText.visible(waiting), 41);
        sb.append(UntrustedText.visible(title)).append('\n');
    }

    /**
     * One line of text output, with every control character (C0 including line breaks, DEL, C1)
     * and bidirectional control shown as [U+XXXX]: what memoflow stored from outside never
     * reaches the terminal as a command (ESC [2J) or reorders what is shown.
     */
    private static void say(PrintStream out, String line) {
        out.println(UntrustedText.visible(line));
    }

    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) {
            sb.append(' ');
        }
        if (s.length() >= width) {
            sb.append(' ');
        }
    }

}
