package io.memoflow.draft;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.RejectedInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.schema.CoreSchema;

class FieldParserTest {

    private final FieldParser parser = new FieldParser(new DraftLimits(1 << 20, 1 << 16, 8, 2, 3), 2);

    /** The fields of some YAML, its first line being line 2 of the file. */
    private Map<String, NodeTuple> fields(String yaml) {
        LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).build();
        MappingNode root = (MappingNode) new Compose(settings).composeString(yaml).orElseThrow();
        return parser.keys(root, FrontMatterReader.KEYS, "The front matter has", "advice");
    }

    private static String reason(Runnable r) {
        try {
            r.run();
        } catch (RejectedInputException e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void addressesGivenAsOneLineWithCommasAreListedLowerCaseWithoutDuplicates() {
        assertThat(parser.addresses(fields("cc: Legal@Example.ma; security@example.ma, legal@example.ma\n").get("cc"), "cc"))
                .containsExactly("legal@example.ma", "security@example.ma");
    }

    @Test
    void morePartiesThanTheLimitAreRefused() {
        Map<String, NodeTuple> f = fields("parties:\n  - One\n  - Two\n  - Three\n");
        assertThat(reason(() -> parser.parties(f.get("parties"))))
                .isEqualTo("The front matter lists 3 parties; memoflow accepts at most 2.");
    }

    @Test
    void aPartyGivenByItsNameAloneHasNoSignatoryTitleOrAddress() {
        assertThat(parser.parties(fields("parties: [Danish National Police]\n").get("parties")))
                .containsExactly(new Party("Danish National Police", "", "", ""));
    }

    @Test
    void aNumberWhereTextIsExpectedIsRefusedWithItsLineInTheFile() {
        Map<String, NodeTuple> f = fields("title: Memo\nreference: 2026\n");
        assertThat(reason(() -> parser.text(f.get("reference"), "\"reference\""))).isEqualTo(
                "In the front matter, \"reference\" (line 3) must be a single line of text, but it is a number (2026).");
    }

    @Test
    void anUnknownKeyIsRefusedWithASuggestion() {
        assertThat(reason(() -> fields("titel: Memo\n"))).isEqualTo("The front matter has an unknown key: \"titel\" (line 2).");
        assertThat(reason(() -> fields("reviewer: a@example.ma\n"))).isEqualTo(
                "The front matter has an unknown key: \"reviewer\" (line 2). For \"reviewer\", did you mean \"reviewers\"?");
    }

    @Test
    void aTitleLongerThanTheLimitIsRefused() {
        Map<String, NodeTuple> f = fields("title: " + "a".repeat(FieldParser.MAX_TEXT + 1) + "\n");
        assertThat(reason(() -> parser.title(f.get("title")))).startsWith("The title in the front matter is 301 characters long");
        assertThat(parser.title(fields("title: \"  2026  \"\n").get("title"))).isEqualTo("2026");
    }
}
