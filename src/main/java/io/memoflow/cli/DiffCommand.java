package io.memoflow.cli;

import io.memoflow.app.Memoflow;
import io.memoflow.diff.Redline;
import io.memoflow.draft.UntrustedText;
import io.memoflow.memo.Memo;
import io.memoflow.service.DocumentService;
import io.memoflow.store.MemoStore;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code memoflow diff REF [FROM TO]}: the word-level changes between two versions of a
 * memorandum, as in its CHANGES PDF: on a terminal, deleted words red and struck through,
 * inserted words blue and underlined; piped, [-deleted-] and {+inserted+}.
 */
@Command(name = "diff", description = "Show the words deleted and inserted between two versions of a memorandum"
        + " (default: the version before the current one, and the current one).")
public final class DiffCommand implements Callable<Integer> {

    static final String ANSI_DELETED = "\u001B[9;31m";
    static final String ANSI_INSERTED = "\u001B[4;34m";
    static final String ANSI_NOTE = "\u001B[3;32m";
    static final String ANSI_RESET = "\u001B[0m";

    /** Placeholders for the markers while the text is made safe for a terminal (private-use characters, removed from the text first). */
    private static final char DEL = '\uE000';
    private static final char DEL_END = '\uE001';
    private static final char INS = '\uE002';
    private static final char INS_END = '\uE003';
    private static final char NOTE = '\uE004';
    private static final char NOTE_END = '\uE005';

    enum Colour { auto, always, never }

    @Mixin
    MemoflowCommand.HomeOption home = new MemoflowCommand.HomeOption();

    @Parameters(index = "0", paramLabel = "REF", description = "The memorandum.")
    String reference;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FROM", description = "The older version (default: the one before TO).")
    String from;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TO", description = "The newer version (default: the current one).")
    String to;

    @Option(names = "--color", paramLabel = "WHEN", description = "Colours and strike/underline: auto (on a terminal), always or never"
            + " (then [-deleted-] {+inserted+}). Default: auto.")
    Colour colour = Colour.auto;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            return show(out);
        } finally {
            out.flush();
        }
    }

    private int show(PrintStream out) {
        Path dir = home.resolve();
        String ref = reference.trim().toUpperCase(Locale.ROOT);
        if (!Memoflow.hasStore(dir)) {
            System.err.println(UntrustedText.visible("memoflow: there is no memorandum " + ref + " in " + dir + " (no store there yet)."));
            return 1;
        }
        MemoStore store = Memoflow.openStore(dir.resolve("data"));
        Optional<Memo> found = store.find(ref);
        if (found.isEmpty()) {
            System.err.println(UntrustedText.visible("memoflow: there is no memorandum " + ref + " in " + dir
                    + ". 'memoflow status' lists them all."));
            return 1;
        }
        Memo memo = found.get();
        Integer newer = to == null ? Integer.valueOf(memo.version) : version(to);
        Integer older = from == null ? Integer.valueOf(newer - 1) : version(from);
        if (newer == null || older == null) {
            System.err.println(UntrustedText.visible("memoflow: versions are numbers, such as 1 and 2 (or v1 and v2), not '"
                    + (newer == null ? to : from) + "'."));
            return 2;
        }
        if (memo.version < 2 && from == null) {
            System.err.println("memoflow: " + ref + " has only version 1; there is nothing to compare yet.");
            return 1;
        }
        Redline r;
        try {
            r = DocumentService.changes(store, memo, older, newer);
        } catch (IllegalArgumentException e) {
            System.err.println(UntrustedText.visible("memoflow: " + e.getMessage()));
            return 1;
        }
        boolean ansi = colour == Colour.always || colour == Colour.auto && System.console() != null;
        out.println(UntrustedText.visible(ref + ": version " + older + " to " + newer + ": " + summary(r)));
        out.println();
        String marked = r.render(new Redline.Markers() {
            public String deletedStart() {
                return String.valueOf(DEL);
            }

            public String deletedEnd() {
                return String.valueOf(DEL_END);
            }

            public String insertedStart() {
                return String.valueOf(INS);
            }

            public String insertedEnd() {
                return String.valueOf(INS_END);
            }

            public String moved(int fromNumber) {
                return NOTE + "[moved from paragraph " + fromNumber + "]" + NOTE_END + " ";
            }
        });
        for (String line : marked.split("\n", -1)) {
            // the stored text made safe first (no control or bidi character reaches the terminal), then the markers
            out.println(markers(UntrustedText.visible(line), ansi));
        }
        return 0;
    }

    /** "2 paragraphs changed: 14 words deleted, 12 inserted, 0 paragraphs moved". */
    static String summary(Redline r) {
        return r.changedParagraphs() + (r.changedParagraphs() == 1 ? " paragraph" : " paragraphs") + " changed: " + r.deletedWords()
                + " words deleted, " + r.insertedWords() + " inserted, " + r.movedParagraphs()
                + (r.movedParagraphs() == 1 ? " paragraph" : " paragraphs") + " moved";
    }

    private static String markers(String line, boolean ansi) {
        StringBuilder sb = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case DEL -> sb.append(ansi ? ANSI_DELETED : "[-");
                case DEL_END -> sb.append(ansi ? ANSI_RESET : "-]");
                case INS -> sb.append(ansi ? ANSI_INSERTED : "{+");
                case INS_END -> sb.append(ansi ? ANSI_RESET : "+}");
                case NOTE -> sb.append(ansi ? ANSI_NOTE : "");
                case NOTE_END -> sb.append(ansi ? ANSI_RESET : "");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Integer version(String s) {
        String t = s.trim();
        if (t.startsWith("v") || t.startsWith("V")) {
            t = t.substring(1);
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
