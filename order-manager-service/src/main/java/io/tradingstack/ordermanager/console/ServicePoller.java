package io.tradingstack.ordermanager.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One poll of the other services: reads each one's health and metrics through its
 * {@link ServiceProbe}, keeps what it read for the snapshots, and adds a latency point from their
 * histograms and the order manager's own timers. Runs on the console's poller thread only; the
 * stream's thread reads {@link #services()}.
 */
final class ServicePoller {

    private final List<ServiceProbe> probes;
    private final MeterRegistry registry;
    private final LatencyHistory latency;
    private final Map<ServiceName, ServiceHealth> last = new ConcurrentHashMap<>();

    ServicePoller(List<ServiceProbe> probes, MeterRegistry registry, LatencyHistory latency) {
        this.probes = List.copyOf(probes);
        this.registry = registry;
        this.latency = latency;
        for (ServiceProbe probe : probes) {
            last.put(probe.service(), ServiceHealth.unknown(probe.service().id(), null));
        }
    }

    void poll(long nowMillis) {
        Map<Hop, CumulativeBuckets> histograms = new EnumMap<>(Hop.class);
        for (ServiceProbe probe : probes) {
            ServiceProbe.Reading reading = probe.poll(nowMillis);
            last.put(probe.service(), reading.health());
            for (Hop hop : Hop.values()) {
                CumulativeBuckets buckets = hop.measuredBy() == probe.service()
                    ? reading.metrics().histogram(hop.prometheusName()) : null;
                if (buckets != null) {
                    histograms.put(hop, buckets);
                }
            }
        }
        for (Hop hop : Hop.values()) {
            if (hop.measuredBy() == ServiceName.ORDER_MANAGER) {
                CumulativeBuckets own = local(registry.find(hop.metric().metricName()).timers());
                if (own != null) {
                    histograms.put(hop, own);
                }
            }
        }
        latency.record(nowMillis, histograms);
    }

    /** The other services as last read, in the order of the flow. */
    List<ServiceHealth> services() {
        return probes.stream().map(probe -> last.get(probe.service())).toList();
    }

    /**
     * The order manager's own timers, summed per bucket, as the Prometheus registry keeps them:
     * cumulative since start, each bound counting the samples at or below it, +Inf the total.
     */
    static CumulativeBuckets local(Collection<Timer> timers) {
        double[] bounds = null;
        long[] counts = null;
        for (Timer timer : timers) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            CountAtBucket[] buckets = snapshot.histogramCounts();
            if (bounds == null) {
                bounds = new double[buckets.length + 1];
                counts = new long[buckets.length + 1];
                for (int i = 0; i < buckets.length; i++) {
                    bounds[i] = buckets[i].bucket(TimeUnit.SECONDS);
                }
                bounds[buckets.length] = Double.POSITIVE_INFINITY;
            } else if (bounds.length != buckets.length + 1) {
                return null; // timers of one name share their buckets; another layout is not summed
            }
            for (int i = 0; i < buckets.length; i++) {
                counts[i] += (long) buckets[i].count();
            }
            counts[buckets.length] += snapshot.count();
        }
        return bounds == null || bounds.length == 1 ? null : new CumulativeBuckets(bounds, counts);
    }
}
