package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** XOR distance as a big-endian 256-bit number, bucket index and bucket depth. */
class HashCoordinateTest {

    private static HashCoordinate coordinate(byte[] b) {
        return new HashCoordinate(CryptoKind.VLD0, Bytes.of(b));
    }

    @Property
    void distanceIsTheXorComparedAsAnUnsignedBigEndianNumber(@ForAll @Size(32) byte[] a, @ForAll @Size(32) byte[] b,
            @ForAll @Size(32) byte[] c) {
        HashDistance ab = coordinate(a).distance(coordinate(b));
        HashDistance ac = coordinate(a).distance(coordinate(c));
        BigInteger xab = new BigInteger(1, a).xor(new BigInteger(1, b));
        BigInteger xac = new BigInteger(1, a).xor(new BigInteger(1, c));
        assertThat(new BigInteger(1, ab.value().toByteArray())).isEqualTo(xab);
        assertThat(Integer.signum(ab.compareTo(ac))).isEqualTo(xab.compareTo(xac));
        assertThat(ab).isEqualTo(coordinate(b).distance(coordinate(a)));
        if (xab.signum() == 0) {
            assertThat(ab.firstNonzeroBit()).isEmpty();
        } else {
            assertThat(ab.firstNonzeroBit()).hasValue(255 - (xab.bitLength() - 1));
        }
    }

    @Test
    void firstNonzeroBitCountsFromTheTop() {
        byte[] zero = new byte[32];
        byte[] top = new byte[32];
        top[0] = (byte) 0x80;
        byte[] last = new byte[32];
        last[31] = 1;
        byte[] nine = new byte[32];
        nine[1] = 0x40;
        assertThat(coordinate(zero).distance(coordinate(top)).firstNonzeroBit()).hasValue(0);
        assertThat(coordinate(zero).distance(coordinate(last)).firstNonzeroBit()).hasValue(255);
        assertThat(coordinate(zero).distance(coordinate(nine)).firstNonzeroBit()).hasValue(9);
        assertThat(coordinate(zero).distance(coordinate(zero)).firstNonzeroBit()).isEmpty();
    }

    @Test
    void coordinatesAre32BytesOfOneKind() {
        assertThatThrownBy(() -> new HashCoordinate(CryptoKind.VLD0, Bytes.of(new byte[31])))
                .hasMessageContaining("32 bytes");
        HashCoordinate other = new HashCoordinate(CryptoKind.VLD1, Bytes.of(new byte[32]));
        assertThatThrownBy(() -> coordinate(new byte[32]).distance(other)).hasMessageContaining("different kinds");
    }

    @Test
    void bucketDepthsAreVeilids() {
        int[] expected = {256, 128, 64, 32, 16, 8, 4, 2, 1, 1};
        for (int i = 0; i < expected.length; i++) {
            assertThat(new BucketIndex(CryptoKind.VLD0, i).depth()).as("bucket %d", i).isEqualTo(expected[i]);
        }
        assertThat(new BucketIndex(CryptoKind.VLD0, 255).depth()).isOne();
        assertThat(Bucket.BUCKET_COUNT).isEqualTo(256);
        assertThatThrownBy(() -> new BucketIndex(CryptoKind.VLD0, 256)).hasMessageContaining("0..255");
    }
}
