package io.memoflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.memoflow.draft.Draft;
import io.memoflow.draft.DraftLimits;
import io.memoflow.draft.DraftParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The drafts in examples/ are what the README tells newcomers to submit: they must stay valid. */
class ExamplesTest {

    static Stream<Path> examples() throws Exception {
        return Files.list(Path.of("examples")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleDraftParses(Path example) throws Exception {
        Draft d = new DraftParser(DraftLimits.DEFAULT).parse(Files.readAllBytes(example), example.getFileName().toString());
        assertThat(d.title()).isNotBlank();
        if (example.getFileName().toString().endsWith(".md")) {
            assertThat(d.parties()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(d.reviewers()).isNotEmpty();
            assertThat(d.author()).isNotBlank();
        }
    }
}
