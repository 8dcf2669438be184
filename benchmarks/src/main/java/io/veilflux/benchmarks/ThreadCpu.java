package io.veilflux.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the benchmark thread spent in each measurement iteration and the operations it did,
 * as JMH secondary results ({@code cpuNanos}, {@code operations}; summed over the iterations).
 * Their quotient, CPU time per operation, moves much less than operations per second of wall
 * time when other processes load the machine. Only for benchmarks that do all their work on the
 * benchmark thread; a benchmark counts its operations with {@link #operation()}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public long cpuNanos;
    public long operations;
    private long start;

    @Setup(Level.Iteration)
    public void reset() {
        operations = 0;
        cpuNanos = 0;
    }

    /**
     * Call first thing in each operation. The clock starts at the first one, because JMH runs the
     * thread-scoped setups before the others, whose work (building the iteration's input) must
     * not count.
     */
    void operation() {
        if (operations++ == 0) {
            start = THREADS.getCurrentThreadCpuTime();
        }
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuNanos = operations == 0 ? 0 : THREADS.getCurrentThreadCpuTime() - start;
    }
}
