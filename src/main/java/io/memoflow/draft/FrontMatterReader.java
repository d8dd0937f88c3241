package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the YAML front matter of a draft into checked fields.
 *
 * <p>The YAML is read in two steps with snakeyaml-engine, core schema, no custom tags. First the
 * event stream is scanned (the parser is iterative, so this is safe for any input) and rejected
 * when it has anchors or aliases (no front matter needs them, and they are how "billion laughs"
 * bombs are built), explicit tags ({@code !!binary}, {@code !ENV} ...), more than one document, or
 * nesting deeper than {@link DraftLimits#maxNestingDepth()}. Only then is the node tree composed
 * (the composer recurses, which is why depth is checked first) and interpreted node by node by
 * {@link FieldParser}, so that every reason can name the key and the line. Plain scalars resolve with the YAML 1.2 core
 * schema: {@code 2026} is a number, {@code true} a yes/no value, {@code yes} and {@code no} are
 * text; {@code ${...}} stays text.
 */
final class FrontMatterReader {

    static final List<String> KEYS = List.of("title", "reference", "language", "workflow", "author", "parties",
            "reviewers", "cc");
    static final String YAML_ADVICE = "Each front matter line must be \"key: value\"; list items start with \"- \""
            + " and are indented with spaces (not tabs) under their key. Put a value in double quotes if it contains"
            + " \": \" or \" #\", or starts with one of * & ! | > @ ` % [ ] { } or a quote.";

    /** The checked fields; text fields are null and lists empty when not given. */
    record FrontMatter(String title, String reference, String language, String workflow, String author,
                       List<Party> parties, List<String> reviewers, List<String> cc) {
        static final FrontMatter NONE = new FrontMatter(null, null, null, null, null, List.of(), List.of(), List.of());
    }

    private final DraftLimits limits;
    private final LoadSettings settings;

    FrontMatterReader(DraftLimits limits) {
        this.limits = limits;
        this.settings = LoadSettings.builder()
                .setLabel("front matter")
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                // composed, then refused by the field parser with the line and a plain reason (snakeyaml-engine 3
                // refuses them itself, with a technical message, unless allowed here)
                .setAllowNonScalarKeys(true)
                .setMaxAliasesForCollections(2)
                .setCodePointLimit(Math.max(1, limits.maxFrontMatterBytes()))
                .setParseComments(false)
                .setUseMarks(true)
                .build();
    }

    /**
     * @param yaml      the lines between the opening and the closing {@code ---}
     * @param firstLine the line number in the file of the first of those lines
     */
    FrontMatter read(String yaml, int firstLine) {
        scan(yaml, firstLine);
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yaml);
        } catch (YamlEngineException e) {
            throw broken(e, yaml, firstLine);
        }
        if (root.isEmpty() || FieldParser.isNull(root.get())) {
            return FrontMatter.NONE;
        }
        Node node = root.get();
        if (!(node instanceof MappingNode)) {
            throw new RejectedInputException("The front matter (between the --- lines at the top) must be \"key: value\""
                    + " lines, but it is " + FieldParser.describe(node) + ".",
                    "Write it as lines like \"title: ...\". If the draft has no front matter, make sure its first line is"
                            + " not a line with only ---.");
        }
        FieldParser parser = new FieldParser(limits, firstLine);
        Map<String, NodeTuple> fields = parser.keys((MappingNode) node, KEYS, "The front matter has",
                "The keys memoflow knows are: " + String.join(", ", KEYS) + ". Correct the spelling or remove the line."
                        + " memoflow does not ignore unknown keys, because a misspelt key (such as reviewer for reviewers)"
                        + " would otherwise be skipped without anyone noticing.");
        String title = parser.title(fields.get("title"));
        String reference = parser.text(fields.get("reference"), "\"reference\"");
        String language = parser.text(fields.get("language"), "\"language\"");
        String workflow = parser.text(fields.get("workflow"), "\"workflow\"");
        String author = parser.text(fields.get("author"), "\"author\"");
        return new FrontMatter(
                title,
                reference == null ? null : Fields.reference(reference),
                language == null ? null : Fields.language(language),
                workflow == null ? null : Fields.workflow(workflow),
                author == null ? null : Fields.email(author, "author"),
                parser.parties(fields.get("parties")),
                parser.addresses(fields.get("reviewers"), "reviewers"),
                parser.addresses(fields.get("cc"), "cc"));
    }

    // ---- event scan -------------------------------------------------------------------------

    private void scan(String yaml, int firstLine) {
        int depth = 0;
        int documents = 0;
        try {
            for (Event event : new Parse(settings).parseString(yaml)) {
                int line = line(event.getStartMark(), firstLine);
                if (event instanceof DocumentStartEvent && ++documents > 1) {
                    throw new RejectedInputException("The front matter contains a second YAML document (a line starting"
                            + " with --- or ... on line " + line + ").",
                            "Keep the front matter to \"key: value\" lines between the two --- lines.");
                }
                if (event instanceof AliasEvent) {
                    throw anchors(line);
                }
                if (event instanceof NodeEvent && ((NodeEvent) event).getAnchor().isPresent()) {
                    throw anchors(line);
                }
                Optional<String> tag = event instanceof ScalarEvent ? ((ScalarEvent) event).getTag()
                        : event instanceof CollectionStartEvent ? ((CollectionStartEvent) event).getTag() : Optional.empty();
                if (tag.isPresent()) {
                    String shown = tag.get().startsWith(Tag.PREFIX) ? "!!" + tag.get().substring(Tag.PREFIX.length())
                            : tag.get();
                    throw new RejectedInputException("The front matter uses a YAML tag (" + Fields.quote(shown)
                            + ") on line " + line + "; memoflow does not accept tags.",
                            "Remove the tag. If the ! is part of the text, put the whole value in double quotes.");
                }
                if (event instanceof CollectionStartEvent && ++depth > limits.maxNestingDepth()) {
                    throw new RejectedInputException("The front matter has lists or groups nested more than "
                            + limits.maxNestingDepth() + " levels deep (line " + line + ").",
                            "Front matter needs at most three levels: the keys, the list of parties, and each party's"
                                    + " lines. Remove the extra nesting.");
                }
                if (event instanceof CollectionEndEvent) {
                    depth--;
                }
            }
        } catch (YamlEngineException e) {
            throw broken(e, yaml, firstLine);
        }
    }

    private static RejectedInputException anchors(int line) {
        return new RejectedInputException("The front matter uses a YAML anchor or alias (& or *) on line " + line
                + "; memoflow does not accept them.",
                "Write each value out in full. If the & or * is part of the text, put the whole value in double quotes.");
    }

    private static RejectedInputException broken(YamlEngineException e, String yaml, int firstLine) {
        String problem = e.getMessage();
        Optional<Mark> mark = Optional.empty();
        if (e instanceof MarkedYamlEngineException) {
            MarkedYamlEngineException m = (MarkedYamlEngineException) e;
            problem = m.getProblem();
            mark = m.getProblemMark().isPresent() ? m.getProblemMark() : m.getContextMark();
        }
        problem = problem == null ? "" : problem.strip();
        if (problem.startsWith("The incoming YAML document exceeds the limit")) {
            return new RejectedInputException("The front matter is too large for memoflow to read.",
                    "Shorten the front matter.", e);
        }
        String where = mark.map(m -> " on line " + (firstLine + m.getLine()) + " of the file").orElse("");
        String plain = plainProblem(problem, mark.map(m -> lineText(yaml, m.getLine())).orElse(""));
        return new RejectedInputException("The front matter cannot be read: there is a mistake" + where
                + (plain.isEmpty() ? "" : " (" + plain + ")") + ". Technical detail: " + Fields.quote(problem) + ".",
                YAML_ADVICE, e);
    }

    private static String lineText(String yaml, int line) {
        String[] lines = yaml.split("\n", -1);
        return line >= 0 && line < lines.length ? lines[line] : "";
    }

    private static String plainProblem(String problem, String lineText) {
        String p = problem.toLowerCase(Locale.ROOT);
        if (p.contains("'\\t'") || p.contains("\t") || lineText.matches("^ *\t.*")) {
            return "a tab character: indent with spaces, not tabs";
        }
        if (p.contains("mapping values are not allowed")) {
            return "a colon followed by a space inside a value; put that value in double quotes";
        }
        if (p.contains("could not find expected ':'") || p.contains("could not find expected")) {
            return "a line that is not \"key: value\", or a quote that is never closed";
        }
        if (p.contains("expected ',' or ']'") || p.contains("expected ',' or '}'")) {
            return "a [ or { that is never closed";
        }
        if (p.contains("found unexpected end of stream") || p.contains("while scanning a quoted scalar")) {
            return "a quote that is never closed";
        }
        if (p.contains("cannot start any token") || p.contains("unexpected character found")) {
            return "a value starting with a character YAML reserves; put that value in double quotes";
        }
        if (p.contains("expected <block end>") || p.contains("did not find expected key")
                || p.contains("expected '<document start>'")) {
            return "the lines are not indented consistently";
        }
        if (p.contains("special characters are not allowed") || p.contains("unacceptable code point")) {
            return "a character that is not allowed in front matter";
        }
        return "";
    }

    /** The line in the file a mark points at. */
    static int line(Optional<Mark> mark, int firstLine) {
        return mark.map(m -> firstLine + m.getLine()).orElse(firstLine);
    }
}
