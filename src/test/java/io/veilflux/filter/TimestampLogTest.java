package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The ring and its index against a plain deque, through growth, wrap-around and colliding timestamps. */
class TimestampLogTest {

    @Property
    void behavesAsADequeOfDistinctTimestamps(@ForAll @Size(max = 600) List<@IntRange(min = 0, max = 300) Integer> steps) {
        int maxSize = 37;
        TimestampLog log = new TimestampLog(maxSize);
        ArrayDeque<long[]> model = new ArrayDeque<>();
        long local = 0;
        for (int step : steps) {
            // Small values, spread so that some share an index slot: duplicates and collisions both happen.
            long remote = step * 1024L;
            assertThat(log.contains(remote)).isEqualTo(model.stream().anyMatch(e -> e[0] == remote));
            if (step % 5 == 0 && !model.isEmpty()) {
                log.removeOldest();
                model.removeFirst();
            } else if (!log.contains(remote)) {
                if (model.size() == maxSize) {
                    log.removeOldest();
                    model.removeFirst();
                }
                log.append(remote, ++local);
                model.addLast(new long[] {remote, local});
            }
            assertThat(log.size()).isEqualTo(model.size());
            if (!model.isEmpty()) {
                assertThat(log.oldestRemote()).isEqualTo(model.getFirst()[0]);
                assertThat(log.oldestLocal()).isEqualTo(model.getFirst()[1]);
            }
            for (long[] entry : model) {
                assertThat(log.contains(entry[0])).isTrue();
            }
        }
    }

    @Test
    void aFullOrEmptyLogSaysSo() {
        TimestampLog log = new TimestampLog(2);
        assertThatThrownBy(log::removeOldest).isInstanceOf(IllegalStateException.class).hasMessageContaining("empty");
        log.append(1, 1);
        log.append(2, 2);
        assertThatThrownBy(() -> log.append(3, 3)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full at 2 entries");
    }
}
