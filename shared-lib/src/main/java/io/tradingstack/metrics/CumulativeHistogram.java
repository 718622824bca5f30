package io.tradingstack.metrics;

import java.util.Arrays;

/**
 * A histogram as Prometheus publishes it: ascending upper bounds (the last usually +Inf) and, per
 * bound, the observations at or below it since the service started. Two readings subtracted
 * ({@link #since}) give the observations of the time between them; quantiles are read exactly as
 * Prometheus' {@code histogram_quantile} reads them, so that the console, the driver and a
 * Grafana panel over the same buckets show the same figure.
 *
 * @param bounds upper bounds in the metric's unit (seconds for a timer), ascending
 * @param counts cumulative count per bound
 */
public record CumulativeHistogram(double[] bounds, long[] counts) {

    public CumulativeHistogram {
        if (bounds.length != counts.length) {
            throw new IllegalArgumentException("bounds=" + bounds.length + ", counts=" + counts.length);
        }
        bounds = bounds.clone();
        counts = counts.clone();
    }

    @Override
    public double[] bounds() {
        return bounds.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Every observation: the count of the last bucket (+Inf). */
    public long total() {
        return counts.length == 0 ? 0 : counts[counts.length - 1];
    }

    /**
     * The observations since {@code earlier}; null when the two do not line up (other bounds) or
     * a count went back (the service restarted), when the earlier reading says nothing of this one.
     */
    public CumulativeHistogram since(CumulativeHistogram earlier) {
        if (!Arrays.equals(bounds, earlier.bounds)) {
            return null;
        }
        long[] delta = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            delta[i] = counts[i] - earlier.counts[i];
            if (delta[i] < 0) {
                return null;
            }
        }
        return new CumulativeHistogram(bounds, delta);
    }

    /**
     * The q-quantile, as {@code histogram_quantile(q, ...)}: the bucket where the rank
     * {@code q × total} falls, interpolated linearly between its lower and upper bound (the first
     * bucket from 0); the highest finite bound when the rank falls in +Inf; NaN when there are no
     * observations.
     */
    public double quantile(double q) {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= rank) {
                double upper = bounds[i];
                double lower = i == 0 ? 0 : bounds[i - 1];
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                long below = i == 0 ? 0 : counts[i - 1];
                long inBucket = counts[i] - below;
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
        }
        return bounds[bounds.length - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CumulativeHistogram histogram && Arrays.equals(bounds, histogram.bounds)
            && Arrays.equals(counts, histogram.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bounds) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "CumulativeHistogram[bounds=" + Arrays.toString(bounds) + ", counts=" + Arrays.toString(counts) + "]";
    }
}
