package io.tradingstack.ordermanager.console;

import io.tradingstack.metrics.CumulativeHistogram;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's data: one point per poll, and per hop the p50 and p99 of the samples of the last
 * window (the cumulative histograms read now less those read a window ago, as Prometheus's
 * {@code increase} over that window would). A hop without samples in the window, or whose service
 * did not answer, has no value at that point (a gap in the chart). Written by the poller's
 * thread, read by the stream's: every method is synchronized, a point is a few dozen numbers.
 */
final class LatencyHistory {

    /** What the stream sends: times in epoch ms and, per hop, p50 and p99 in microseconds (null: no value). */
    record Series(long windowMillis, List<Long> times, List<HopSeries> hops) {
    }

    record HopSeries(String id, String label, String measuredBy, List<Double> p50, List<Double> p99) {
    }

    private record Reading(long timeMillis, CumulativeHistogram buckets) {
    }

    private final long windowMillis;
    private final int maxPoints;
    private final Map<Hop, Deque<Reading>> readings = new EnumMap<>(Hop.class);
    private final Deque<Long> times = new ArrayDeque<>();
    private final Map<Hop, Deque<Double>> p50 = new EnumMap<>(Hop.class);
    private final Map<Hop, Deque<Double>> p99 = new EnumMap<>(Hop.class);
    private long version;

    LatencyHistory(long windowMillis, int maxPoints) {
        this.windowMillis = windowMillis;
        this.maxPoints = maxPoints;
        for (Hop hop : Hop.values()) {
            readings.put(hop, new ArrayDeque<>());
            p50.put(hop, new ArrayDeque<>());
            p99.put(hop, new ArrayDeque<>());
        }
    }

    /**
     * Adds the point of one poll.
     *
     * @param read the histograms read now, per hop; a hop left out was not readable
     */
    synchronized void record(long nowMillis, Map<Hop, CumulativeHistogram> read) {
        times.addLast(nowMillis);
        for (Hop hop : Hop.values()) {
            CumulativeHistogram now = read.get(hop);
            CumulativeHistogram window = now == null ? null : window(hop, nowMillis, now);
            p50.get(hop).addLast(micros(window, 0.50));
            p99.get(hop).addLast(micros(window, 0.99));
        }
        while (times.size() > maxPoints) {
            times.removeFirst();
            for (Hop hop : Hop.values()) {
                p50.get(hop).removeFirst();
                p99.get(hop).removeFirst();
            }
        }
        version++;
    }

    /**
     * The samples since the last reading at or before the window's start (or the oldest inside it),
     * so that a poll that came late still compares with its predecessor; null when there is no
     * earlier reading, or only one older than three windows (the service was away: start over).
     */
    private CumulativeHistogram window(Hop hop, long nowMillis, CumulativeHistogram now) {
        Deque<Reading> kept = readings.get(hop);
        kept.addLast(new Reading(nowMillis, now));
        long start = nowMillis - windowMillis;
        while (kept.size() > 2 && secondOldest(kept).timeMillis() <= start) {
            kept.removeFirst();
        }
        if (kept.size() > 1 && kept.peekFirst().timeMillis() < nowMillis - 3 * windowMillis) {
            kept.removeFirst();
        }
        Reading oldest = kept.peekFirst();
        if (oldest.buckets() == now) {
            return null; // the first reading: nothing to compare with yet
        }
        CumulativeHistogram since = now.since(oldest.buckets());
        if (since == null) {
            kept.clear(); // the service restarted: start over from this reading
            kept.addLast(new Reading(nowMillis, now));
        }
        return since;
    }

    private static Reading secondOldest(Deque<Reading> kept) {
        var readings = kept.iterator();
        readings.next();
        return readings.next();
    }

    /** NaN for no value: an ArrayDeque holds no null. */
    private static double micros(CumulativeHistogram window, double q) {
        if (window == null) {
            return Double.NaN;
        }
        double seconds = window.quantile(q);
        return Double.isNaN(seconds) ? Double.NaN : Math.round(seconds * 1e7) / 10.0; // µs, one decimal
    }

    private static List<Double> withNulls(Deque<Double> values) {
        List<Double> list = new ArrayList<>(values.size());
        for (Double value : values) {
            list.add(value.isNaN() ? null : value);
        }
        return list;
    }

    /** Changes with every point, so the stream sends the chart only when it moved. */
    synchronized long version() {
        return version;
    }

    synchronized Series series() {
        List<HopSeries> hops = new ArrayList<>();
        for (Hop hop : Hop.values()) {
            hops.add(new HopSeries(hop.name(), hop.label(), hop.measuredBy().id(), withNulls(p50.get(hop)),
                withNulls(p99.get(hop))));
        }
        return new Series(windowMillis, new ArrayList<>(times), hops);
    }
}
