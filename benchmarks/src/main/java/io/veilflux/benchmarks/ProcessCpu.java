package io.veilflux.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The CPU time the whole benchmark JVM spent in each measurement iteration and the operations
 * done, as JMH secondary results ({@code processCpuNanos}, {@code operations}; summed over the
 * iterations): for benchmarks whose work runs on many threads, such as several nodes in one JVM.
 * Their quotient, what one operation costs all of them together, moves much less than operations
 * per second of wall time when other processes load the machine. A benchmark counts its
 * operations with {@link #operations(int)}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class ProcessCpu {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long processCpuNanos;
    public long operations;
    private long start;

    @Setup(Level.Iteration)
    public void reset() {
        operations = 0;
        processCpuNanos = 0;
    }

    /** Call first thing in each invocation; the clock starts at the first. */
    void operations(int count) {
        if (operations == 0) {
            start = OS.getProcessCpuTime();
        }
        operations += count;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        processCpuNanos = operations == 0 ? 0 : OS.getProcessCpuTime() - start;
    }
}
