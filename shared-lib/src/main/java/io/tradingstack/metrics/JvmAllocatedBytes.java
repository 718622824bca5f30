package io.tradingstack.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code trading.jvm.allocated}: bytes the service's threads allocated on the heap, from
 * {@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])}, so that a reading
 * before and after a run gives bytes per price tick. It is the sum over live threads plus, for
 * each thread that ended, what it had allocated when last read; bytes a thread allocated after
 * that last reading are not counted, which a steady-state reading (threads that live through
 * the run) does not notice. Keeping the ended threads' bytes keeps the counter from going back,
 * which Prometheus would take for a restart. A JVM without per-thread allocation accounting
 * registers nothing.
 */
public final class JvmAllocatedBytes implements MeterBinder {

    private final com.sun.management.ThreadMXBean threads;
    /** Last reading of each live thread, by thread id; guarded by this. */
    private final Map<Long, Long> lastByThread = new HashMap<>();
    /** Bytes of threads that ended, as last read; guarded by this. */
    private long ended;

    public JvmAllocatedBytes() {
        this.threads = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean sun ? sun : null;
    }

    /** Whether this JVM reports per-thread allocation (HotSpot does, on by default). */
    public boolean supported() {
        return threads != null && threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!supported()) {
            return;
        }
        FunctionCounter.builder(TradingMetric.JVM_ALLOCATED.metricName(), this, JvmAllocatedBytes::bytes)
            .description(TradingMetric.JVM_ALLOCATED.description())
            .baseUnit("bytes")
            .register(registry);
    }

    /** Bytes allocated so far: never less than a previous reading. */
    public synchronized double bytes() {
        final long[] ids = threads.getAllThreadIds();
        final long[] allocated = threads.getThreadAllocatedBytes(ids);
        final Map<Long, Long> live = new HashMap<>(ids.length * 2);
        long sum = 0;
        for (int i = 0; i < ids.length; i++) {
            if (allocated[i] >= 0) { // -1: the thread ended between the two calls
                live.put(ids[i], allocated[i]);
                sum += allocated[i];
            }
        }
        for (Map.Entry<Long, Long> previous : lastByThread.entrySet()) {
            if (!live.containsKey(previous.getKey())) {
                ended += previous.getValue();
            }
        }
        lastByThread.clear();
        lastByThread.putAll(live);
        return ended + sum;
    }
}
