package io.tradingstack.ordermanager.console;

import java.util.Arrays;

/**
 * A latency histogram as Prometheus publishes it: ascending upper bounds in seconds (the last
 * may be +Inf) and, per bound, the samples at or below it since the service started. Two
 * readings subtracted give the samples of the time between them, whose quantiles are read as
 * {@code histogram_quantile} reads them: linear inside the bucket that holds the rank.
 */
record CumulativeBuckets(double[] boundsSeconds, long[] counts) {

    CumulativeBuckets {
        if (boundsSeconds.length != counts.length) {
            throw new IllegalArgumentException("bounds=" + boundsSeconds.length + ", counts=" + counts.length);
        }
    }

    long total() {
        return counts.length == 0 ? 0 : counts[counts.length - 1];
    }

    /**
     * The samples since {@code earlier}; null when the two do not line up (other buckets) or a
     * count went back (the service restarted), when the earlier reading says nothing of this one.
     */
    CumulativeBuckets since(CumulativeBuckets earlier) {
        if (!Arrays.equals(boundsSeconds, earlier.boundsSeconds)) {
            return null;
        }
        long[] delta = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            delta[i] = counts[i] - earlier.counts[i];
            if (delta[i] < 0) {
                return null;
            }
        }
        return new CumulativeBuckets(boundsSeconds, delta);
    }

    /** The q-quantile in seconds (0 &lt; q &lt; 1); NaN when there are no samples. */
    double quantile(double q) {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] >= rank) {
                double upper = boundsSeconds[i];
                double lower = i == 0 ? 0 : boundsSeconds[i - 1];
                if (Double.isInfinite(upper)) {
                    return lower; // as histogram_quantile: the highest finite bound
                }
                long below = i == 0 ? 0 : counts[i - 1];
                long inBucket = counts[i] - below;
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
        }
        return boundsSeconds[boundsSeconds.length - 1];
    }
}
