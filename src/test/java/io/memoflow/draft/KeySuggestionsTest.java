package io.memoflow.draft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {

    private static final List<String> KEYS = FrontMatterReader.KEYS;

    @Test
    void unknownKeyIsAnsweredWithTheClosestKnownKey() {
        assertThat(KeySuggestions.suggest("refrence", KEYS)).isEqualTo("reference");
        assertThat(KeySuggestions.suggest("reviewrs", KEYS)).isEqualTo("reviewers");
    }

    @Test
    void aKeyInCapitalsOrWithAnUnderscoreIsAnsweredWithItsKnownSpelling() {
        assertThat(KeySuggestions.suggest("Title", KEYS)).isEqualTo("title");
        assertThat(KeySuggestions.suggest("e_mail", FieldParser.PARTY_KEYS)).isEqualTo("email");
    }

    @Test
    void aCommonOtherWordIsAnsweredWithTheKeyItStandsFor() {
        assertThat(KeySuggestions.suggest("subject", KEYS)).isEqualTo("title");
        assertThat(KeySuggestions.suggest("lang", KEYS)).isEqualTo("language");
        assertThat(KeySuggestions.suggest("signer", FieldParser.PARTY_KEYS)).isEqualTo("signatory");
    }

    @Test
    void anOtherWordIsOnlySuggestedWhereItsKeyIsKnown() {
        assertThat(KeySuggestions.suggest("signer", KEYS)).isNull();
    }

    @Test
    void aShortKeyGetsNoSuggestionTwoMistakesAway() {
        assertThat(KeySuggestions.suggest("tilte", KEYS)).isNull();
        assertThat(KeySuggestions.suggest("titel", KEYS)).isNull();
        assertThat(KeySuggestions.suggest("titl", KEYS)).isEqualTo("title");
    }

    @Test
    void aKeyLikeNoKnownKeyGetsNoSuggestion() {
        assertThat(KeySuggestions.suggest("budget", KEYS)).isNull();
        assertThat(KeySuggestions.suggest("x".repeat(100), KEYS)).isNull();
    }
}
