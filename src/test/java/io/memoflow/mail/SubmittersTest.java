package io.memoflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubmittersTest {

    @Test
    void addressesAndWholeDomainsMaySubmitRegardlessOfCase() {
        Submitters s = new Submitters(List.of("Secretariat@DGSN.example.ma", " @mfa.example.ma "));
        assertThat(s.allows("secretariat@dgsn.example.ma")).isTrue();
        assertThat(s.allows("SECRETARIAT@dgsn.example.ma")).isTrue();
        assertThat(s.allows("anyone@mfa.example.ma")).isTrue();
        assertThat(s.allows("legal@dgsn.example.ma")).isFalse();
        assertThat(s.allows("x@sub.mfa.example.ma")).isFalse();
        assertThat(s.allows("x@evilmfa.example.ma")).isFalse();
        assertThat(s.allows("mfa.example.ma")).isFalse();
        assertThat(s.allows(null)).isFalse();
    }

    @Test
    void anEmptyListAllowsNobody() {
        Submitters s = new Submitters(List.of());
        assertThat(s.isEmpty()).isTrue();
        assertThat(s.allows("secretariat@dgsn.example.ma")).isFalse();
        assertThat(s).hasToString("nobody");
    }

    @Test
    void anEntryThatIsNeitherAnAddressNorADomainIsAConfigurationError() {
        assertThatThrownBy(() -> new Submitters(List.of("secretariat"))).hasMessageContaining("'secretariat' is neither");
        assertThatThrownBy(() -> new Submitters(List.of("@"))).hasMessageContaining("is not a domain");
    }
}
