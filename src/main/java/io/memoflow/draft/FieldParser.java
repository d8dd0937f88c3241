package io.memoflow.draft;

import io.memoflow.RejectedInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the values of the front matter's fields from its composed YAML nodes: the known keys of a
 * group (unknown keys answered with {@link KeySuggestions}), one-line texts, the list of parties
 * and the lists of addresses. Each reason names the key and the line in the file; single values
 * are checked and normalised by {@link Fields}. One parser per front matter read.
 */
final class FieldParser {

    static final List<String> PARTY_KEYS = List.of("name", "signatory", "title", "email");
    static final int MAX_TEXT = 300;

    private final DraftLimits limits;
    private final int firstLine;

    /** @param firstLine the line number in the file of the front matter's first line */
    FieldParser(DraftLimits limits, int firstLine) {
        this.limits = limits;
        this.firstLine = firstLine;
    }

    /** The known keys of a mapping with their tuples; rejects unknown, duplicate and non-text keys. */
    Map<String, NodeTuple> keys(MappingNode mapping, List<String> known, String owner, String knownAdvice) {
        Map<String, NodeTuple> result = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        LinkedHashSet<String> suggestions = new LinkedHashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            int line = line(keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
                throw new RejectedInputException(owner + " a key that is " + describe(keyNode) + " (line " + line
                        + "); keys must be words such as title.", FrontMatterReader.YAML_ADVICE);
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
                String suggestion = KeySuggestions.suggest(key, known);
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

    /** The title: a one-line text of at most {@link #MAX_TEXT} characters; null when absent or empty. */
    String title(NodeTuple tuple) {
        String title = text(tuple, "\"title\"");
        if (title != null && title.codePointCount(0, title.length()) > MAX_TEXT) {
            throw new RejectedInputException("The title in the front matter is " + title.codePointCount(0, title.length())
                    + " characters long; memoflow accepts titles of at most " + MAX_TEXT + " characters.",
                    "Shorten the title; the full wording can go in the text of the memorandum.");
        }
        return title;
    }

    /** A one-line text value, stripped; null when absent or empty. */
    String text(NodeTuple tuple, String what) {
        if (tuple == null) {
            return null;
        }
        return text(tuple.getValueNode(), what, "Write it on one line after the key. If the text looks like a"
                + " number or a yes/no value, put it in double quotes, for example title: \"2026\".");
    }

    private String text(Node node, String what, String advice) {
        if (isNull(node)) {
            return null;
        }
        if (!isText(node)) {
            throw new RejectedInputException("In the front matter, " + what + " (line " + line(node.getStartMark())
                    + ") must be a single line of text, but it is " + describe(node) + ".", advice);
        }
        String value = ((ScalarNode) node).getValue().strip();
        Fields.rejectControls(value, what);
        return value.isEmpty() ? null : value;
    }

    /** The parties: a list of names, or of groups of name, signatory, title and email lines. */
    List<Party> parties(NodeTuple tuple) {
        if (tuple == null || isNull(tuple.getValueNode())) {
            return List.of();
        }
        Node node = tuple.getValueNode();
        String advice = "Write parties as a list, each party starting with \"- name:\" and followed by its signatory,"
                + " title and email lines, indented under the name.";
        if (!(node instanceof SequenceNode)) {
            throw new RejectedInputException("In the front matter, \"parties\" (line " + line(node.getStartMark())
                    + ") must be a list of parties, but it is " + describe(node) + ".", advice);
        }
        List<Node> items = ((SequenceNode) node).getValue();
        if (items.size() > limits.maxParties()) {
            throw new RejectedInputException("The front matter lists " + items.size() + " parties; memoflow accepts at most "
                    + limits.maxParties() + ".", "Check the list of parties; a memorandum with more parties needs the"
                    + " limit raised in the memoflow configuration.");
        }
        List<Party> parties = new ArrayList<>();
        Map<String, String> signatories = new LinkedHashMap<>();
        int n = 0;
        for (Node item : items) {
            n++;
            String which = "party " + n;
            int line = line(item.getStartMark());
            if (isText(item)) {
                String name = text(item, which, advice);
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
            Map<String, NodeTuple> f = keys((MappingNode) item, PARTY_KEYS,
                    "In the front matter, " + which + " has",
                    "A party's keys are: " + String.join(", ", PARTY_KEYS) + ". Correct the spelling or remove the line.");
            String lineAdvice = "Write it on one line after the key; put it in double quotes if it looks like a number.";
            String name = text(f.get("name") == null ? null : f.get("name").getValueNode(),
                    "the name of " + which, lineAdvice);
            if (name == null) {
                throw noName(n, line);
            }
            String signatory = text(f.get("signatory") == null ? null : f.get("signatory").getValueNode(),
                    "the signatory of " + which, lineAdvice);
            String title = text(f.get("title") == null ? null : f.get("title").getValueNode(),
                    "the title of " + which, lineAdvice);
            String email = text(f.get("email") == null ? null : f.get("email").getValueNode(),
                    "the email of " + which, lineAdvice);
            checkLength(name, "the name of " + which);
            checkLength(signatory, "the signatory of " + which);
            checkLength(title, "the title of " + which);
            Party party = new Party(name, signatory, title, email == null ? null : Fields.email(email, which));
            if (!party.email().isEmpty()) {
                String earlier = signatories.putIfAbsent(party.email(), which + " (line " + line + ")");
                if (earlier != null) {
                    throw new RejectedInputException("In the front matter, " + earlier + " and " + which + " (line " + line
                            + ") have the same signatory address " + party.email() + "; one approval would sign for both.",
                            "Give each party the address of its own signatory; if one person really signs for both, name them as one party.");
                }
            }
            parties.add(party);
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
    List<String> addresses(NodeTuple tuple, String key) {
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
                int line = line(item.getStartMark());
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
            throw new RejectedInputException("In the front matter, \"" + key + "\" (line " + line(node.getStartMark())
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

    static boolean isNull(Node node) {
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

    private int line(Optional<Mark> mark) {
        return FrontMatterReader.line(mark, firstLine);
    }
}
