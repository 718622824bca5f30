package io.tradingstack.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class JvmAllocatedBytesTest {

    private static final int TEN_MB = 10 * 1024 * 1024;

    /** Keeps the allocations observable, so that the JIT cannot remove them. */
    static volatile byte[] sink;

    @Test
    void shouldCountTheBytesThisThreadAllocates() {
        JvmAllocatedBytes allocated = new JvmAllocatedBytes();
        assumeTrue(allocated.supported(), "per-thread allocation accounting");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        allocated.bindTo(registry);
        FunctionCounter counter = registry.get(TradingMetric.JVM_ALLOCATED.metricName()).functionCounter();

        double before = counter.count();
        for (int i = 0; i < 10; i++) {
            sink = new byte[TEN_MB / 10];
        }
        double after = counter.count();

        assertThat(after - before).isGreaterThanOrEqualTo(TEN_MB);
        assertThat(counter.getId().getBaseUnit()).isEqualTo("bytes");
    }

    @Test
    void shouldNotGoBackWhenAThreadThatWasReadEnds() throws InterruptedException {
        JvmAllocatedBytes allocated = new JvmAllocatedBytes();
        assumeTrue(allocated.supported(), "per-thread allocation accounting");
        CountDownLatch hasAllocated = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            sink = new byte[TEN_MB];
            hasAllocated.countDown();
            awaitQuietly(mayEnd);
        }, "allocating-worker");
        worker.start();
        assertThat(hasAllocated.await(10, TimeUnit.SECONDS)).isTrue();

        double withWorker = allocated.bytes();
        mayEnd.countDown();
        worker.join(10_000);
        assertThat(worker.isAlive()).as("worker ended").isFalse();
        double afterWorkerEnded = allocated.bytes();

        assertThat(afterWorkerEnded).isGreaterThanOrEqualTo(withWorker);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
