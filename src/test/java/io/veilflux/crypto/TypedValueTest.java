package io.veilflux.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypedValueTest {
    private static final String KEY = "VLD0:7lxDEabK_qgjbe38RtBa3IZLrud84P6NhGP-pRTZzdQ";

    @Test
    void aTypedKeyParsesAndPrintsTheSame() {
        PublicKey key = PublicKey.parse(KEY);
        assertThat(key.kind()).isEqualTo(CryptoKind.VLD0);
        assertThat(key.value().length()).isEqualTo(32);
        assertThat(key.encode()).isEqualTo(KEY);
        assertThat(key.toString()).isEqualTo(KEY);
    }

    @Test
    void withoutAKindTheBestKindIsAssumed() {
        PublicKey key = PublicKey.parse(KEY.substring(5));
        assertThat(key).isEqualTo(PublicKey.parse(KEY));
    }

    @Test
    void anyFourByteKindParsesAndIsRefusedOnUse() {
        PublicKey key = PublicKey.parse("XXXX:" + KEY.substring(5));
        assertThat(key.kind()).isEqualTo(CryptoKind.of("XXXX"));
        assertThatThrownBy(() -> Crypto.standard().best().verify(key, new byte[1],
                        Signature.of(CryptoKind.VLD0, new byte[64])))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("incorrect public key kind: XXXX");
    }

    @Test
    void aTruncatedKeyHasNonZeroTrailingBits() {
        assertThatThrownBy(() -> PublicKey.parse(KEY.substring(0, KEY.length() - 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-canonical base64url");
    }

    @Test
    void aShortValueParsesButFailsTheLengthCheck() {
        PublicKey shortKey = PublicKey.parse("VLD0:" + "A".repeat(40));
        assertThat(shortKey.value().length()).isEqualTo(30);
        assertThatThrownBy(() -> Crypto.standard().best().computeDh(shortKey,
                        SecretKey.of(CryptoKind.VLD0, new byte[32])))
                .isInstanceOf(CryptoException.class)
                .hasMessage("invalid public key length: 30 != 32");
    }

    @Test
    void threeCharacterKindsAndForeignCharactersAreRefused() {
        assertThatThrownBy(() -> PublicKey.parse("XXX:" + KEY.substring(5))).hasMessageContaining("':'");
        for (String bad : new String[] {"VLD0:abc!", "VLD0:abc&", "VLD0:ab cd", "VLD0:AAAA=", "VLD0:AAAAA"}) {
            assertThatThrownBy(() -> PublicKey.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid public key '" + bad + "'");
        }
    }

    @Test
    void fortyThreeAsAreThirtyTwoZeroBytes() {
        assertThat(PublicKey.parse("A".repeat(43)).value()).isEqualTo(Bytes.of(new byte[32]));
        assertThatThrownBy(() -> PublicKey.parse("VLD0:")).hasMessageContaining("invalid base64url character ':'");
    }

    @Test
    void keyPairsRoundTripAndHideTheirSecret() {
        String text = "VLD0:W7ENB-SUWpPA7usY8ORVQf_si5QmFbD1Uqa89Jg2Uc0:hbdjau5sr3rBNwN68XeWLg3rfXnXLaLqfbbqhELqV1E";
        KeyPair pair = KeyPair.parse(text);
        assertThat(pair.encode()).isEqualTo(text);
        assertThat(KeyPair.parse(text.substring(5))).isEqualTo(pair);
        assertThat(pair.toString()).doesNotContain("hbdjau5sr3rBNwN68XeWLg3rfXnXLaLqfbbqhELqV1E");
        assertThat(pair.secret().toString()).isEqualTo("VLD0:<secret>");
        assertThat(pair.nodeId().encode()).isEqualTo("VLD0:W7ENB-SUWpPA7usY8ORVQf_si5QmFbD1Uqa89Jg2Uc0");
        assertThatThrownBy(() -> KeyPair.parse("VLD0:a:b:c")).hasMessageContaining("expected KIND:public:secret");
        assertThatThrownBy(() -> KeyPair.parse("VLD0:onlyone")).hasMessageContaining("invalid key pair");
    }

    @Test
    void cryptoKindsAreFourCharacters() {
        assertThat(CryptoKind.VLD0.fourcc()).isEqualTo(0x564C4430);
        assertThat(CryptoKind.VLD0.toString()).isEqualTo("VLD0");
        assertThatThrownBy(() -> CryptoKind.of("VLD")).hasMessageContaining("exactly 4");
    }
}
