package io.veilflux.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers from Veilid's own tests and the spec (§8), and Veilid's refusal rules. */
class Vld0CryptoSystemTest {
    static final KeyPair MOCK_1 = KeyPair.parse(
            "VLD0:W7ENB-SUWpPA7usY8ORVQf_si5QmFbD1Uqa89Jg2Uc0:hbdjau5sr3rBNwN68XeWLg3rfXnXLaLqfbbqhELqV1E");
    static final KeyPair MOCK_2 = KeyPair.parse(
            "VLD0:v6XPfyOoCP_ZP-CWFNrf_pF_dpxsq74p2LW_Q5Q4yPQ:n-DhHtOU7KWQkdp5to8cpBa_u0RFt2IDZzXPqMTq4O0");
    static final byte[] LOREM = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation "
            + "ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in "
            + "voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non "
            + "proident, sunt in culpa qui officia deserunt mollit anim id est laborum. ").getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private final CryptoSystem vld0 = Crypto.standard().best();

    @Test
    void mockKeyPairsAreSeedAndPublicKey() {
        assertThat(LOREM).hasSize(446);
        for (KeyPair pair : List.of(MOCK_1, MOCK_2)) {
            assertThat(vld0.keyPairOf(pair.secret())).isEqualTo(pair);
            assertThat(vld0.validateKeyPair(pair.key(), pair.secret())).isTrue();
        }
        assertThat(vld0.validateKeyPair(MOCK_1.key(), MOCK_2.secret())).isFalse();
    }

    @Test
    void signingIsDeterministicAndMatchesTheKnownAnswer() {
        Signature signature = vld0.sign(MOCK_1.key(), MOCK_1.secret(), LOREM);
        assertThat(signature.value().base64Url()).isEqualTo(
                "25aePm1ovnPu2GG3qhWCt12gRS1e0bZi3Bh9DCZ7f9CGSWGAo21iXzggqumHX3AaHAaTOlADd85b3QO093ZFCA");
        assertThat(vld0.sign(MOCK_1.key(), MOCK_1.secret(), LOREM)).isEqualTo(signature);
        assertThat(vld0.verify(MOCK_1.key(), LOREM, signature)).isTrue();
        assertThat(vld0.verify(MOCK_2.key(), LOREM, signature)).isFalse();
    }

    @Test
    void signingWithAMismatchedPairFails() {
        assertThatThrownBy(() -> vld0.sign(MOCK_1.key(), MOCK_2.secret(), LOREM))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("Keypair is invalid");
    }

    @Test
    void aKeyOffTheCurveIsAnErrorAndASmallOrderKeyIsFalse() {
        byte[] notAPoint = new byte[32];
        notAPoint[0] = 2; // y = 2 gives no x on the curve
        assertThat(EdwardsPoints.isDecompressible(notAPoint, 0)).isFalse();
        Signature any = vld0.sign(MOCK_1.key(), MOCK_1.secret(), LOREM);
        assertThatThrownBy(() -> vld0.verify(PublicKey.of(CryptoKind.VLD0, notAPoint), LOREM, any))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("Public key is invalid");
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertThat(vld0.verify(PublicKey.of(CryptoKind.VLD0, identity), LOREM, any)).isFalse();
    }

    @Test
    void aSmallOrderRIsRefusedEvenWhenTheRestIsFine() {
        Signature good = vld0.sign(MOCK_1.key(), MOCK_1.secret(), LOREM);
        byte[] bytes = good.value().toByteArray();
        System.arraycopy(HEX.parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"), 0, bytes, 0, 32);
        assertThat(vld0.verify(MOCK_1.key(), LOREM, Signature.of(CryptoKind.VLD0, bytes))).isFalse();
    }

    @Test
    void smallOrderEncodingsAreExactlyThoseBouncyCastleRefusesAsKeys() {
        for (String y : List.of("0000000000000000000000000000000000000000000000000000000000000000",
                "0100000000000000000000000000000000000000000000000000000000000000",
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
                "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")) {
            byte[] encoded = HEX.parseHex(y);
            assertThat(EdwardsPoints.isSmallOrderEncoding(encoded, 0)).isTrue();
            assertThat(EdwardsPoints.isDecompressible(encoded, 0)).as(y).isTrue();
            assertThat(org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartial(encoded, 0)).isFalse();
        }
        assertThat(EdwardsPoints.isSmallOrderEncoding(MOCK_1.key().value().toByteArray(), 0)).isFalse();
    }

    @Test
    void dhIsSymmetricAndMatchesTheKnownAnswer() {
        SharedSecret ab = vld0.computeDh(MOCK_2.key(), MOCK_1.secret());
        SharedSecret ba = vld0.computeDh(MOCK_1.key(), MOCK_2.secret());
        assertThat(ab).isEqualTo(ba);
        assertThat(ab.value().hex()).isEqualTo("7f93ad7c80b860f7c588e5d3758ececc3408bee4d47602ef49bc6cc79b4b430d");
        assertThat(HEX.formatHex(Vld0CryptoSystem.x25519PublicKey(MOCK_1.key())))
                .isEqualTo("565569c6369be4cfc545cb201ec7357262827795f8bdb1527eb3d0912c08c116");
    }

    @Test
    void dhWithASmallOrderPeerHashesTheZeroOutputAsDalekDoes() {
        byte[] identity = new byte[32];
        identity[0] = 1;
        SharedSecret secret = vld0.computeDh(PublicKey.of(CryptoKind.VLD0, identity), MOCK_1.secret());
        byte[] expected = vld0.generateHash(concat("VLD0_CRYPT".getBytes(StandardCharsets.US_ASCII), new byte[32])).value().toByteArray();
        assertThat(secret.value().toByteArray()).isEqualTo(expected);
    }

    @Test
    void generateSharedSecretHashesDhDomainAndApiTag() {
        byte[] domain = "my domain".getBytes(StandardCharsets.US_ASCII);
        byte[] dh = vld0.computeDh(MOCK_2.key(), MOCK_1.secret()).value().toByteArray();
        byte[] expected = vld0.generateHash(concat(concat(dh, domain), "VEILID_API".getBytes(StandardCharsets.US_ASCII)))
                .value().toByteArray();
        assertThat(vld0.generateSharedSecret(MOCK_2.key(), MOCK_1.secret(), domain).value().toByteArray()).isEqualTo(expected);
        assertThat(vld0.generateSharedSecret(MOCK_1.key(), MOCK_2.secret(), domain))
                .isEqualTo(vld0.generateSharedSecret(MOCK_2.key(), MOCK_1.secret(), domain));
    }

    @Test
    void blake3KnownAnswers() {
        assertThat(vld0.generateHash(new byte[0]).value().hex())
                .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        assertThat(vld0.generateHash("abc".getBytes(StandardCharsets.US_ASCII)).value().hex())
                .isEqualTo("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
        assertThat(vld0.generateHash(LOREM).value().hex())
                .isEqualTo("60ddbb80f89c03d4135c59c248cb4dbb1314e681bea02fb65b54db2aa200f021");
        assertThat(vld0.validateHash(LOREM, vld0.generateHash(LOREM))).isTrue();
        assertThat(vld0.validateHash("abc".getBytes(StandardCharsets.US_ASCII), vld0.generateHash(LOREM))).isFalse();
    }

    @Test
    void hChaCha20MatchesTheDraftKnownAnswer() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] input = HEX.parseHex("000000090000004a0000000031415927");
        assertThat(HEX.formatHex(XChaCha20.hChaCha20(key, input, 0)))
                .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
    }

    @Test
    void streamEncryptionIsItsOwnInverse() {
        SharedSecret key = vld0.randomSharedSecret();
        Nonce nonce = vld0.randomNonce();
        byte[] sealed = vld0.cryptNoAuth(LOREM, nonce, key);
        assertThat(sealed).isNotEqualTo(LOREM);
        assertThat(vld0.cryptNoAuth(sealed, nonce, key)).isEqualTo(LOREM);
    }

    @Test
    void aeadRefusesAnyChange() {
        SharedSecret key = vld0.randomSharedSecret();
        Nonce nonce = vld0.randomNonce();
        byte[] ad = {1, 2, 3};
        byte[] sealed = vld0.encryptAead(LOREM, nonce, key, ad);
        assertThat(sealed).hasSize(LOREM.length + vld0.aeadOverhead());
        assertThat(vld0.encryptAead(LOREM, nonce, key, ad)).isEqualTo(sealed);
        assertThat(vld0.decryptAead(sealed, nonce, key, ad)).isEqualTo(LOREM);
        sealed[3] ^= 1;
        assertThatThrownBy(() -> vld0.decryptAead(sealed, nonce, key, ad)).hasMessageContaining("tag mismatch");
        assertThatThrownBy(() -> vld0.decryptAead(new byte[15], nonce, key, null)).hasMessageContaining("shorter than");
        assertThat(vld0.decryptAead(vld0.encryptAead(LOREM, nonce, key, null), nonce, key, new byte[0])).isEqualTo(LOREM);
    }

    @Test
    void wrongLengthsAreNamed() {
        assertThatThrownBy(() -> vld0.cryptNoAuth(LOREM, Nonce.of(new byte[12]), vld0.randomSharedSecret()))
                .hasMessage("invalid nonce length: 12 != 24");
        assertThatThrownBy(() -> vld0.sign(MOCK_1.key(), SecretKey.of(CryptoKind.VLD0, new byte[31]), LOREM))
                .hasMessage("invalid secret key length: 31 != 32");
    }

    @Test
    void passwordHashesFollowArgon2Defaults() {
        byte[] password = "correct horse".getBytes(StandardCharsets.UTF_8);
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        String phc = vld0.hashPassword(password, salt);
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$");
        assertThat(vld0.hashPassword(password, salt)).isEqualTo(phc);
        assertThat(vld0.verifyPassword(password, phc)).isTrue();
        assertThat(vld0.verifyPassword("wrong".getBytes(StandardCharsets.UTF_8), phc)).isFalse();
        assertThatThrownBy(() -> vld0.verifyPassword(password, "$md5$nope")).hasMessageContaining("invalid password hash");
    }

    @Test
    void saltsOutsideVeilidsAndArgon2sBoundsAreRefused() {
        byte[] password = {1};
        assertThatThrownBy(() -> vld0.hashPassword(password, "qwe".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("invalid salt length: 3");
        assertThatThrownBy(() -> vld0.hashPassword(password, new byte[65])).hasMessageContaining("invalid salt length: 65");
        assertThatThrownBy(() -> vld0.deriveSharedSecret(password, new byte[7])).hasMessageContaining("salt too short");
        assertThatThrownBy(() -> vld0.hashPassword(password, new byte[49])).hasMessageContaining("PHC salt");
    }

    @Test
    void theNetworkKeyOfTestNetworkIsKnown() {
        byte[] password = "test-network".getBytes(StandardCharsets.UTF_8);
        byte[] salt = vld0.generateHash(password).value().toByteArray();
        assertThat(HEX.formatHex(salt)).isEqualTo("a7612d77482b2116feb19f0fa5d6102aed6b962988ec4768f7d8492f3eda99bf");
        assertThat(vld0.deriveSharedSecret(password, salt).value().hex())
                .isEqualTo("08ba8cbc0566f611ad2d14c5d62a80c440eccb3b2f2cb3edb3ceee9285b6b0e6");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
