package io.memoflow.workflow;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.memoflow.RejectedInputException;
import io.memoflow.draft.Party;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorityTest {

    static final Party DGSN = new Party("DGSN", "Abdellatif Hammouchi", "Director General", "dg@dgsn.example.ma");
    static final Party POLICE = new Party("Danish National Police", "Mikael Wern", "Director of Police", "mw@politi.example.dk");

    @Test
    void anAuthorWhoIsAlsoAPartysSignatoryIsRefusedNamingThePartyAndWhatToChange() {
        assertThatThrownBy(() -> Authority.checkPeople("DG@dgsn.example.ma", List.of(DGSN, POLICE)))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("The author dg@dgsn.example.ma is also the signatory of the party 'DGSN'")
                .hasMessageContaining("a signatory cannot approve their own memorandum as its author")
                .hasMessageContaining("Name another author")
                .hasMessageContaining("another signatory");
    }

    @Test
    void twoPartiesWithTheSameSignatoryAddressAreRefusedNamingBothAndWhatToChange() {
        Party twin = new Party("Royal Gendarmerie", "Someone", "", "dg@dgsn.example.ma");
        assertThatThrownBy(() -> Authority.checkPeople(null, List.of(DGSN, POLICE, twin)))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageContaining("The parties 'DGSN' and 'Royal Gendarmerie' have the same signatory address dg@dgsn.example.ma")
                .hasMessageContaining("one approval would sign for both")
                .hasMessageContaining("its own signatory");
    }

    @Test
    void anAuthorWhoSignsForNoPartyAndPartiesWithTheirOwnSignatoriesPass() {
        assertThatCode(() -> Authority.checkPeople("secretariat@dgsn.example.ma", List.of(DGSN, POLICE))).doesNotThrowAnyException();
        assertThatCode(() -> Authority.checkPeople(null, List.of(new Party("A", "", "", ""), new Party("B", "", "", ""))))
                .as("parties without an address are no signatories to compare").doesNotThrowAnyException();
    }
}
