package io.tradingstack.ordermanager.console;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.tradingstack.metrics.CumulativeHistogram;
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
 *
 * <p>It polls only while someone watches — a page is open, or the snapshot was asked for within
 * the idle time — so that a console nobody looks at costs the trading services nothing (a
 * Prometheus scrape renders every latency bucket). When it stops, what it read is forgotten,
 * so that a page opened later never shows an old state as the current one.
 */
final class ServicePoller {

    private final List<ServiceProbe> probes;
    private final MeterRegistry registry;
    private final LatencyHistory latency;
    private final Map<ServiceName, ServiceHealth> last = new ConcurrentHashMap<>();
    private final long idleMillis;
    private volatile long wantedUntil;
    private boolean polling;

    ServicePoller(List<ServiceProbe> probes, MeterRegistry registry, LatencyHistory latency, long idleMillis) {
        this.probes = List.copyOf(probes);
        this.registry = registry;
        this.latency = latency;
        this.idleMillis = idleMillis;
        forget("not read yet");
    }

    /** Someone looks at the console now: keep polling for at least the idle time. Any thread. */
    void wanted(long nowMillis) {
        wantedUntil = nowMillis + idleMillis;
    }

    /** Polls when someone watches ({@code pagesOpen}, or {@link #wanted} lately); otherwise stops and forgets. */
    void pollIfWatched(long nowMillis, boolean pagesOpen) {
        if (pagesOpen || nowMillis < wantedUntil) {
            polling = true;
            poll(nowMillis);
        } else if (polling) {
            polling = false;
            forget("not read yet: the console reads the services while a page is open");
        }
    }

    private void forget(String reason) {
        for (ServiceProbe probe : probes) {
            last.put(probe.service(), ServiceHealth.unknown(probe.service().id(), probe.url(), reason));
        }
    }

    void poll(long nowMillis) {
        Map<Hop, CumulativeHistogram> histograms = new EnumMap<>(Hop.class);
        for (ServiceProbe probe : probes) {
            ServiceProbe.Reading reading = probe.poll(nowMillis);
            last.put(probe.service(), reading.health());
            for (Hop hop : Hop.values()) {
                CumulativeHistogram buckets = hop.measuredBy() == probe.service()
                    ? reading.metrics().histogram(hop.prometheusName()) : null;
                if (buckets != null) {
                    histograms.put(hop, buckets);
                }
            }
        }
        for (Hop hop : Hop.values()) {
            if (hop.measuredBy() == ServiceName.ORDER_MANAGER) {
                CumulativeHistogram own = local(registry.find(hop.metric().metricName()).timers());
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
    static CumulativeHistogram local(Collection<Timer> timers) {
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
        return bounds == null || bounds.length == 1 ? null : new CumulativeHistogram(bounds, counts);
    }
}
