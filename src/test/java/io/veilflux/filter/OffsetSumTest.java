package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The 128-bit sum against BigInteger, over any unsigned 64-bit timestamps. */
class OffsetSumTest {
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger unsigned(long value) {
        BigInteger signed = BigInteger.valueOf(value);
        return value >= 0 ? signed : signed.add(TWO_TO_THE_64);
    }

    @Property
    void sumsAndAveragesAreExact(@ForAll @Size(min = 1, max = 1025) List<Long> remotes, @ForAll long local,
                                 @ForAll @IntRange(min = 0, max = 1024) int removed) {
        OffsetSum sum = new OffsetSum();
        BigInteger model = BigInteger.ZERO;
        for (int i = 0; i < remotes.size(); i++) {
            long localTs = local + i * 7919L;
            sum.add(remotes.get(i), localTs);
            model = model.add(unsigned(remotes.get(i)).subtract(unsigned(localTs)));
        }
        assertThat(sum.toBigInteger()).isEqualTo(model);
        assertThat(sum.averageMagnitude(remotes.size()))
                .isEqualTo(model.divide(BigInteger.valueOf(remotes.size())).abs().longValue());
        assertThat(sum.isNegative()).isEqualTo(model.signum() < 0);

        int drop = Math.min(removed, remotes.size() - 1);
        for (int i = 0; i < drop; i++) {
            long localTs = local + i * 7919L;
            sum.subtract(remotes.get(i), localTs);
            model = model.subtract(unsigned(remotes.get(i)).subtract(unsigned(localTs)));
        }
        assertThat(sum.toBigInteger()).isEqualTo(model);
        int left = remotes.size() - drop;
        assertThat(sum.averageMagnitude(left)).isEqualTo(model.divide(BigInteger.valueOf(left)).abs().longValue());
    }
}
