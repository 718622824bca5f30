package io.tradingstack.benchmarks.driver;

import java.util.Map;
import java.util.TreeMap;

/**
 * A latency histogram over a window: the difference of a Prometheus histogram
 * ({@code <name>_seconds_bucket}, {@code _count}, {@code _sum}) between two readings, summed
 * over every label set, with quantiles interpolated linearly inside a bucket exactly as
 * Prometheus' {@code histogram_quantile} does.
 *
 * @param count       observations in the window
 * @param meanSeconds mean of the window's observations; NaN when there were none
 * @param buckets     cumulative count per upper bound in seconds ({@code +Inf} included)
 * @param maxSeconds  the largest observation the service reports at the end of the window
 *                    (Micrometer's decaying maximum: the last two minutes or so)
 */
public record HistogramWindow(long count, double meanSeconds, TreeMap<Double, Double> buckets, double maxSeconds) {

    /** The histogram {@code metric} (without a suffix, e.g. {@code trading_tick_to_trade_seconds}) between two readings. */
    public static HistogramWindow between(MetricsScrape before, MetricsScrape after, String metric) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        for (MetricsScrape.Sample sample : after.samples(metric + "_bucket")) {
            buckets.merge(parseLe(sample.labels()), sample.value(), Double::sum);
        }
        for (MetricsScrape.Sample sample : before.samples(metric + "_bucket")) {
            buckets.merge(parseLe(sample.labels()), -sample.value(), Double::sum);
        }
        long count = Math.round(after.sum(metric + "_count") - before.sum(metric + "_count"));
        double sum = after.sum(metric + "_sum") - before.sum(metric + "_sum");
        return new HistogramWindow(count, count > 0 ? sum / count : Double.NaN, buckets, after.max(metric + "_max"));
    }

    private static double parseLe(Map<String, String> labels) {
        String le = labels.get("le");
        if (le == null) {
            throw new IllegalStateException("a histogram bucket without an le label: " + labels);
        }
        return "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    /** True when the service published buckets for it at all. */
    public boolean hasBuckets() {
        return !buckets.isEmpty();
    }

    /**
     * The q-quantile in seconds, as {@code histogram_quantile(q, ...)}: the bucket where the rank
     * falls, interpolated linearly between its bounds (the first bucket from 0). NaN when the
     * window is empty; the highest finite bound when the rank falls in {@code +Inf}.
     */
    public double quantileSeconds(double q) {
        if (count <= 0 || buckets.isEmpty()) {
            return Double.NaN;
        }
        double total = buckets.lastEntry().getValue();
        double rank = q * total;
        double previousBound = 0;
        double previousCount = 0;
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            double bound = bucket.getKey();
            double cumulative = bucket.getValue();
            if (cumulative >= rank) {
                if (Double.isInfinite(bound)) {
                    return previousBound;
                }
                double inBucket = cumulative - previousCount;
                return inBucket <= 0 ? bound : previousBound + (bound - previousBound) * (rank - previousCount) / inBucket;
            }
            previousBound = bound;
            previousCount = cumulative;
        }
        return previousBound;
    }
}
