package io.memoflow.draft;

import io.memoflow.RejectedInputException;
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
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the YAML front matter of a draft into checked fields.
 *
 * <p>The YAML is read in two steps with snakeyaml-engine, core schema, no custom tags. First the
 * event stream is scanned (the parser is iterative, so this is safe for any input) and rejected
 * when it has anchors or aliases (no front matter needs them, and they are how "billion laughs"
 * bombs are built), explicit tags ({@code !!binary}, {@code !ENV} ...), more than one document, or
 * nesting deeper than {@link DraftLimits#maxNestingDepth()}. Only then is the node tree composed
 * (the composer recurses, which is why depth is checked first) and interpreted node by node, so
 * that every reason can name the key and the line. Plain scalars resolve with the YAML 1.2 core
 * schema: {@code 2026} is a number, {@code true} a yes/no value, {@code yes} and {@code no} are
 * text; {@code ${...}} stays text.
 */
final class FrontMatterReader {

    static final List<String> KEYS = List.of("title", "reference", "language", "workflow", "author", "parties",
            "reviewers", "cc");
    static final List<String> PARTY_KEYS = List.of("name", "signatory", "title", "email");
    static final int MAX_TEXT = 300;
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("ref", "reference"), Map.entry("lang", "language"), Map.entry("subject", "title"),
            Map.entry("from", "author"), Map.entry("party", "parties"), Map.entry("signatories", "parties"),
            Map.entry("signatory", "parties"), Map.entry("reviewer", "reviewers"), Map.entry("review", "reviewers"),
            Map.entry("copy", "cc"), Map.entry("copies", "cc"), Map.entry("bcc", "cc"), Map.entry("mail", "email"),
            Map.entry("e-mail", "email"), Map.entry("signer", "signatory"), Map.entry("organisation", "name"),
            Map.entry("organization", "name"), Map.entry("position", "title"), Map.entry("role", "title"));
    private static final String YAML_ADVICE = "Each front matter line must be \"key: value\"; list items start with \"- \""
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
        if (root.isEmpty() || isNull(root.get())) {
            return FrontMatter.NONE;
        }
        Node node = root.get();
        if (!(node instanceof MappingNode)) {
            throw new RejectedInputException("The front matter (between the --- lines at the top) must be \"key: value\""
                    + " lines, but it is " + describe(node) + ".",
                    "Write it as lines like \"title: ...\". If the draft has no front matter, make sure its first line is"
                            + " not a line with only ---.");
        }
        Map<String, NodeTuple> fields = keys((MappingNode) node, firstLine, KEYS, "The front matter has",
                "The keys memoflow knows are: " + String.join(", ", KEYS) + ". Correct the spelling or remove the line."
                        + " memoflow does not ignore unknown keys, because a misspelt key (such as reviewer for reviewers)"
                        + " would otherwise be skipped without anyone noticing.");
        String title = text(fields.get("title"), firstLine, "\"title\"");
        if (title != null && title.codePointCount(0, title.length()) > MAX_TEXT) {
            throw new RejectedInputException("The title in the front matter is " + title.codePointCount(0, title.length())
                    + " characters long; memoflow accepts titles of at most " + MAX_TEXT + " characters.",
                    "Shorten the title; the full wording can go in the text of the memorandum.");
        }
        String reference = text(fields.get("reference"), firstLine, "\"reference\"");
        String language = text(fields.get("language"), firstLine, "\"language\"");
        String workflow = text(fields.get("workflow"), firstLine, "\"workflow\"");
        String author = text(fields.get("author"), firstLine, "\"author\"");
        return new FrontMatter(
                title,
                reference == null ? null : Fields.reference(reference),
                language == null ? null : Fields.language(language),
                workflow == null ? null : Fields.workflow(workflow),
                author == null ? null : Fields.email(author, "author"),
                parties(fields.get("parties"), firstLine),
                addresses(fields.get("reviewers"), firstLine, "reviewers"),
                addresses(fields.get("cc"), firstLine, "cc"));
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

    // ---- node interpretation ----------------------------------------------------------------

    /** The known keys of a mapping with their tuples; rejects unknown, duplicate and non-text keys. */
    private static Map<String, NodeTuple> keys(MappingNode mapping, int firstLine, List<String> known, String owner,
                                               String knownAdvice) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> suggestions = new LinkedHashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = line(keyNode.getStartMark(), firstLine);
            if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
                throw new RejectedInputException(owner + " a key that is " + describe(keyNode) + " (line " + line
                        + "); keys must be words such as title.", YAML_ADVICE);
            }
            String key = ((ScalarNode) keyNode).getValue();
            Integer earlier = lines.putIfAbsent(key, line);
            if (earlier != null) {
                throw new RejectedInputException(owner + " " + Fields.quote(key) + " twice (lines " + earlier + " and "
                        + line + ").", "Keep one of them and delete the other.");
            }
            if (known.contains(key)) {
                result.put(key, tuple);
            } else {
                unknown.add(Fields.quote(key) + " (line " + line + ")");
                String suggestion = suggest(key, known);
                if (suggestion != null) {
                    suggestions.add(Fields.quote(key) + ", did you mean " + Fields.quote(suggestion) + "?");
                }
            }
        }
        if (!unknown.isEmpty()) {
            String which = unknown.size() == 1 ? " an unknown key: " : " unknown keys: ";
            throw new RejectedInputException(owner + which + String.join(", ", unknown) + "."
                    + (suggestions.isEmpty() ? "" : " For " + String.join(" For ", suggestions)), knownAdvice);
        }
        return result;
    }

    /** The known key the unknown one most likely means, or null. */
    static String suggest(String key, List<String> known) {
        String lower = key.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (String k : known) {
            if (k.equals(lower)) {
                return k;
            }
        }
        String synonym = SYNONYMS.get(lower);
        if (synonym != null && known.contains(synonym)) {
            return synonym;
        }
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(lower, k);
            if (d < bestDistance && d < Math.max(2, k.length() / 2)) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A one-line text value, stripped; null when absent or empty. */
    private static String text(NodeTuple tuple, int firstLine, String what) {
        if (tuple == null) {
            return null;
        }
        return text(tuple.getValueNode(), firstLine, what, "Write it on one line after the key. If the text looks like a"
                + " number or a yes/no value, put it in double quotes, for example title: \"2026\".");
    }

    private static String text(Node node, int firstLine, String what, String advice) {
        if (isNull(node)) {
            return null;
        }
        if (!isText(node)) {
            throw new RejectedInputException("In the front matter, " + what + " (line " + line(node.getStartMark(), firstLine)
                    + ") must be a single line of text, but it is " + describe(node) + ".", advice);
        }
        String value = ((ScalarNode) node).getValue().strip();
        Fields.rejectControls(value, what);
        return value.isEmpty() ? null : value;
    }

    private List<Party> parties(NodeTuple tuple, int firstLine) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return List.of();
        }
        Node node = tuple.getValueNode();
        String advice = "Write parties as a list, each party starting with \"- name:\" and followed by its signatory,"
                + " title and email lines, indented under the name.";
        if (!(node instanceof SequenceNode)) {
            throw new RejectedInputException("In the front matter, \"parties\" (line " + line(node.getStartMark(), firstLine)
                    + ") must be a list of parties, but it is " + describe(node) + ".", advice);
        }
        List<Node> items = ((SequenceNode) node).getValue();
        if (items.size() > limits.maxParties()) {
            throw new RejectedInputException("The front matter lists " + items.size() + " parties; memoflow accepts at most "
                    + limits.maxParties() + ".", "Check the list of parties; a memorandum with more parties needs the"
                    + " limit raised in the memoflow configuration.");
        }
        List<Party> parties = new ArrayList<>();
        int n = 0;
        for (Node item : items) {
            n++;
            String which = "party " + n;
            int line = line(item.getStartMark(), firstLine);
            if (isText(item)) {
                String name = text(item, firstLine, which, advice);
                if (name == null) {
                    throw noName(n, line);
                }
                checkLength(name, which);
                parties.add(new Party(name, "", "", ""));
                continue;
            }
            if (!(item instanceof MappingNode)) {
                throw new RejectedInputException("In the front matter, " + which + " (line " + line + ") must be a group of"
                        + " name, signatory, title and email lines, but it is " + describe(item) + ".", advice);
            }
            Map<String, NodeTuple> f = keys((MappingNode) item, firstLine, PARTY_KEYS,
                    "In the front matter, " + which + " has",
                    "A party's keys are: " + String.join(", ", PARTY_KEYS) + ". Correct the spelling or remove the line.");
            String lineAdvice = "Write it on one line after the key; put it in double quotes if it looks like a number.";
            String name = text(f.get("name") == null ? null : f.get("name").getValueNode(), firstLine,
                    "the name of " + which, lineAdvice);
            if (name == null) {
                throw noName(n, line);
            }
            String signatory = text(f.get("signatory") == null ? null : f.get("signatory").getValueNode(), firstLine,
                    "the signatory of " + which, lineAdvice);
            String title = text(f.get("title") == null ? null : f.get("title").getValueNode(), firstLine,
                    "the title of " + which, lineAdvice);
            String email = text(f.get("email") == null ? null : f.get("email").getValueNode(), firstLine,
                    "the email of " + which, lineAdvice);
            checkLength(name, "the name of " + which);
            checkLength(signatory, "the signatory of " + which);
            checkLength(title, "the title of " + which);
            parties.add(new Party(name, signatory, title, email == null ? null : Fields.email(email, which)));
        }
        return parties;
    }

    private static void checkLength(String value, String what) {
        if (value != null && value.codePointCount(0, value.length()) > MAX_TEXT) {
            throw new RejectedInputException("In the front matter, " + what + " is longer than " + MAX_TEXT + " characters.",
                    "Shorten it.");
        }
    }

    private static RejectedInputException noName(int n, int line) {
        return new RejectedInputException("In the front matter, party " + n + " (line " + line + ") has no name.",
                "Give each party a \"name:\" line with the name of the organisation, or remove the party.");
    }

    /** Addresses from a list of texts or a text with commas or semicolons, lower-cased, duplicates removed. */
    private List<String> addresses(NodeTuple tuple, int firstLine, String key) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return List.of();
        }
        Node node = tuple.getValueNode();
        String advice = "Write the addresses as a list, like " + key + ": [legal@example.ma, security@example.ma], or"
                + " separated by commas, like " + key + ": legal@example.ma, security@example.ma";
        List<String> raw = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (isText(node)) {
            String value = ((ScalarNode) node).getValue();
            int n = 0;
            for (String piece : value.split("[,;\\n]")) {
                if (!piece.isBlank()) {
                    raw.add(piece);
                    where.add(key + " (address " + (++n) + ")");
                }
            }
        } else if (node instanceof SequenceNode) {
            int n = 0;
            for (Node item : ((SequenceNode) node).getValue()) {
                n++;
                int line = line(item.getStartMark(), firstLine);
                if (isNull(item)) {
                    throw new RejectedInputException("In the front matter, entry " + n + " of \"" + key + "\" (line " + line
                            + ") is empty.", "Remove the empty entry or write an address in it.");
                }
                if (!isText(item)) {
                    throw new RejectedInputException("In the front matter, entry " + n + " of \"" + key + "\" (line " + line
                            + ") must be an e-mail address, but it is " + describe(item) + ".", advice);
                }
                for (String piece : ((ScalarNode) item).getValue().split("[,;]")) {
                    if (!piece.isBlank()) {
                        raw.add(piece);
                        where.add(key + " (entry " + n + ")");
                    }
                }
            }
        } else {
            throw new RejectedInputException("In the front matter, \"" + key + "\" (line " + line(node.getStartMark(), firstLine)
                    + ") must be a list of e-mail addresses, but it is " + describe(node) + ".", advice);
        }
        if (raw.size() > limits.maxAddresses()) {
            throw new RejectedInputException("The front matter lists " + raw.size() + " addresses in \"" + key
                    + "\"; memoflow accepts at most " + limits.maxAddresses() + ".",
                    "Shorten the list; a mailing-list address can stand for many people.");
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            result.add(Fields.email(raw.get(i), where.get(i)));
        }
        return List.copyOf(result);
    }

    private static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
    }

    private static boolean isText(Node node) {
        return node instanceof ScalarNode && (Tag.STR.equals(node.getTag()) || Tag.ENV_TAG.equals(node.getTag()));
    }

    /** What a node is, in plain words. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a group of \"key: value\" lines";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode) {
            String value = ((ScalarNode) node).getValue();
            Tag tag = node.getTag();
            if (Tag.NULL.equals(tag)) {
                return "empty";
            }
            if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
                return "a number (" + value + ")";
            }
            if (Tag.BOOL.equals(tag)) {
                return "a yes/no value (" + value + ")";
            }
            return "the text " + Fields.quote(value);
        }
        return "something memoflow cannot use";
    }

    private static int line(Optional<Mark> mark, int firstLine) {
        return mark.map(m -> firstLine + m.getLine()).orElse(firstLine);
    }
}
