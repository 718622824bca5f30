package io.tradingstack.benchmarks.driver;

import io.tradingstack.metrics.PrometheusScrape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one service used over a measured window, from two readings of its
 * {@code /actuator/prometheus} and the {@link HeapSampler}.
 *
 * @param service         the service's name
 * @param cpuCores        CPU time over wall time: 1.0 is one core busy the whole window
 * @param maxHeapUsedMiB  the highest heap in use sampled during the window
 * @param heapLimitMiB    the heap's maximum size (-Xmx)
 * @param gcPauses        GC pauses in the window
 * @param gcPauseTotalMs  their total
 * @param gcPauseMaxMs    the longest pause the service reports (its recent maximum)
 * @param allocatedBytes  bytes allocated by its threads in the window (the stack's
 *                        {@code trading.jvm.allocated}; else the JVM's GC-sampled count)
 * @param windowSeconds   the window's length
 */
record ServiceResources(String service, double cpuCores, double maxHeapUsedMiB, double heapLimitMiB, long gcPauses,
        double gcPauseTotalMs, double gcPauseMaxMs, double allocatedBytes, double windowSeconds) {

    private static final double MIB = 1024.0 * 1024.0;

    static ServiceResources of(String service, MetricsScrape before, MetricsScrape after, HeapSampler heap) {
        double seconds = (after.takenAtNanos() - before.takenAtNanos()) / 1e9;
        double cpuSeconds = (after.metrics().sum("process_cpu_time_ns_total") - before.metrics().sum("process_cpu_time_ns_total")) / 1e9;
        double heapLimit = 0;
        for (PrometheusScrape.Sample sample : after.metrics().samples("jvm_memory_max_bytes", "area", "heap")) {
            heapLimit += Math.max(0, sample.value());
        }
        return new ServiceResources(service,
            after.metrics().has("process_cpu_time_ns_total") ? cpuSeconds / seconds : Double.NaN,
            heap.maxHeapBytes(service) / MIB,
            heapLimit / MIB,
            Math.round(after.metrics().sum("jvm_gc_pause_seconds_count") - before.metrics().sum("jvm_gc_pause_seconds_count")),
            (after.metrics().sum("jvm_gc_pause_seconds_sum") - before.metrics().sum("jvm_gc_pause_seconds_sum")) * 1e3,
            after.metrics().max("jvm_gc_pause_seconds_max") * 1e3,
            allocated(before, after),
            seconds);
    }

    /** One row per service, in the order given, from the readings of a window keyed by service name. */
    static List<ServiceResources> of(List<ServiceJvm> services, Map<String, MetricsScrape> before, Map<String, MetricsScrape> after,
            HeapSampler heap) {
        List<ServiceResources> resources = new ArrayList<>();
        for (ServiceJvm service : services) {
            resources.add(of(service.name(), before.get(service.name()), after.get(service.name()), heap));
        }
        return resources;
    }

    /** Bytes the orderbook allocated per price tick it took, between two of its readings. */
    static double allocatedPerPriceTick(MetricsScrape orderbookBefore, MetricsScrape orderbookAfter) {
        double ticks = orderbookAfter.metrics().sum("trading_feed_messages_received_total", "feed", "price")
            - orderbookBefore.metrics().sum("trading_feed_messages_received_total", "feed", "price");
        return allocated(orderbookBefore, orderbookAfter) / Math.max(1, ticks);
    }

    /** Bytes allocated between two readings: every live thread's count where the stack publishes it. */
    static double allocated(MetricsScrape before, MetricsScrape after) {
        String metric = after.metrics().has("trading_jvm_allocated_bytes_total") ? "trading_jvm_allocated_bytes_total"
            : "jvm_gc_memory_allocated_bytes_total";
        return after.metrics().sum(metric) - before.metrics().sum(metric);
    }
}
