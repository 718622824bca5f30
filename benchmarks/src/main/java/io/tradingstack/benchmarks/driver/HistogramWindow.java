package io.tradingstack.benchmarks.driver;

import io.tradingstack.metrics.CumulativeHistogram;

/**
 * A latency histogram over a window: the difference of a Prometheus histogram
 * ({@code <name>_seconds_bucket}, {@code _count}, {@code _sum}) between two readings, summed
 * over every label set, with quantiles read as Prometheus' {@code histogram_quantile} reads them.
 *
 * @param count       observations in the window
 * @param meanSeconds mean of the window's observations; NaN when there were none
 * @param buckets     the window's cumulative count per upper bound in seconds ({@code +Inf}
 *                    included); null when the service publishes no buckets for it, or its two
 *                    readings do not line up (it restarted in between)
 * @param maxSeconds  the largest observation the service reports at the end of the window
 *                    (Micrometer's decaying maximum: the last two minutes or so)
 */
public record HistogramWindow(long count, double meanSeconds, CumulativeHistogram buckets, double maxSeconds) {

    /** The histogram {@code metric} (without a suffix, e.g. {@code trading_tick_to_trade_seconds}) between two readings. */
    public static HistogramWindow between(MetricsScrape before, MetricsScrape after, String metric) {
        CumulativeHistogram atEnd = after.metrics().histogram(metric);
        CumulativeHistogram atStart = before.metrics().histogram(metric);
        // A timer first registered inside the window has no buckets in the first reading.
        CumulativeHistogram window = atEnd == null || atStart == null ? atEnd : atEnd.since(atStart);
        long count = Math.round(after.metrics().sum(metric + "_count") - before.metrics().sum(metric + "_count"));
        double sum = after.metrics().sum(metric + "_sum") - before.metrics().sum(metric + "_sum");
        return new HistogramWindow(count, count > 0 ? sum / count : Double.NaN, window, after.metrics().max(metric + "_max"));
    }

    /** True when the window has buckets to read quantiles from. */
    public boolean hasBuckets() {
        return buckets != null;
    }

    /**
     * The q-quantile in seconds, as {@code histogram_quantile(q, ...)}; NaN when the window is
     * empty or has no buckets.
     */
    public double quantileSeconds(double q) {
        return count <= 0 || buckets == null ? Double.NaN : buckets.quantile(q);
    }
}
