package io.veilflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkResultTest {

    @Test
    void mapChangesValuesAndCarriesEveryOtherOutcome() {
        assertThat(NetworkResult.value(2).map(x -> x * 21)).isEqualTo(NetworkResult.value(42));
        NetworkResult<Integer> none = new NetworkResult.NoConnection<>("refused");
        assertThat(none.map(x -> "never")).isEqualTo(new NetworkResult.NoConnection<String>("refused"));
        assertThat(none.isValue()).isFalse();
        assertThat(new NetworkResult.Timeout<Integer>().map(x -> x + 1)).isInstanceOf(NetworkResult.Timeout.class);
    }

    @Test
    void aFailurePassesUpAsAnyTypeButAValueDoesNot() {
        NetworkResult<String> timeout = new NetworkResult.Timeout<Integer>().withoutValue();
        assertThat(timeout).isInstanceOf(NetworkResult.Timeout.class);
        assertThat(NetworkResult.done()).isEqualTo(NetworkResult.value(NetworkResult.Done.DONE));
        assertThatThrownBy(() -> NetworkResult.value(1).withoutValue()).isInstanceOf(IllegalStateException.class);
    }
}
