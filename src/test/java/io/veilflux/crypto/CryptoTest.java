package io.veilflux.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CryptoTest {

    @Test
    void theBestKindIsTheFirstSupported() {
        Crypto crypto = Crypto.standard();
        assertThat(crypto.best().kind()).isEqualTo(CryptoKind.VLD0);
        assertThat(crypto.validKinds()).containsExactly(CryptoKind.VLD0);
        assertThat(crypto.supports(CryptoKind.NONE)).isFalse();
        assertThat(crypto.get(CryptoKind.VLD1)).isEmpty();
        assertThatThrownBy(() -> crypto.require(CryptoKind.NONE))
                .isInstanceOf(CryptoException.class)
                .hasMessage("unsupported crypto kind NONE (supported: [VLD0])");
    }

    @Test
    void aKindCannotBeRegisteredTwice() {
        assertThatThrownBy(() -> new Crypto(List.of(new Vld0CryptoSystem(), new Vld0CryptoSystem()), 8))
                .hasMessageContaining("given twice");
    }

    @Test
    void theDhCacheAnswersLikeComputeDhAndStaysBounded() {
        Crypto crypto = new Crypto(List.of(new Vld0CryptoSystem()), 4);
        CryptoSystem vld0 = crypto.best();
        KeyPair own = vld0.generateKeyPair();
        for (int i = 0; i < 20; i++) {
            KeyPair peer = vld0.generateKeyPair();
            assertThat(crypto.cachedDh(peer.key(), own.secret())).isEqualTo(vld0.computeDh(peer.key(), own.secret()));
        }
        assertThat(crypto.dhCacheSize()).isLessThanOrEqualTo(4);
    }

    @Test
    void theDhCacheChecksKindsBeforeTheLookup() {
        Crypto crypto = Crypto.standard();
        KeyPair pair = crypto.best().generateKeyPair();
        assertThatThrownBy(() -> crypto.cachedDh(pair.key(), new SecretKey(CryptoKind.NONE, pair.secret().value())))
                .hasMessageContaining("incorrect secret key kind: NONE");
        assertThatThrownBy(() -> crypto.cachedDh(new PublicKey(CryptoKind.NONE, pair.key().value()), pair.secret()))
                .hasMessageContaining("unsupported crypto kind NONE");
    }
}
