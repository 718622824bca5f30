package io.tradingstack.metrics;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a histogram from Prometheus' text format and computes {@code histogram_quantile} the way
 * Prometheus does: find the bucket whose cumulative count reaches the rank, then interpolate
 * linearly between its lower and upper bound (0 below the first bucket). Shared with the
 * services' tests through shared-lib's test jar.
 */
public final class PrometheusHistogram {

    private static final Pattern BUCKET = Pattern.compile("^(\\w+)_bucket\\{(.*)\\} (\\S+)$");
    private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");

    private PrometheusHistogram() {
    }

    /**
     * The cumulative counts by upper bound ({@code +Inf} as {@link Double#POSITIVE_INFINITY}) of
     * the one series of {@code metric} (the Prometheus name without {@code _bucket}) in a scrape.
     */
    public static NavigableMap<Double, Double> buckets(String scrape, String metric) {
        final NavigableMap<Double, Double> buckets = new TreeMap<>();
        for (String line : scrape.split("\n")) {
            final Matcher bucket = BUCKET.matcher(line);
            if (!bucket.matches() || !bucket.group(1).equals(metric)) {
                continue;
            }
            final Matcher le = LE.matcher(bucket.group(2));
            if (!le.find()) {
                throw new IllegalArgumentException("bucket without le: " + line);
            }
            final Double previous = buckets.put(Double.parseDouble(le.group(1).replace("+Inf", "Infinity")),
                Double.parseDouble(bucket.group(3)));
            if (previous != null) {
                throw new IllegalArgumentException("more than one series of " + metric + ": " + line);
            }
        }
        if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("no histogram " + metric + " with a +Inf bucket in the scrape");
        }
        return buckets;
    }

    /** {@code histogram_quantile(q, metric)} over one scrape. */
    public static double quantile(double q, String scrape, String metric) {
        return quantile(q, buckets(scrape, metric));
    }

    /** {@code histogram_quantile(q, …)} of cumulative counts by upper bound, the last bound +Inf. */
    public static double quantile(double q, NavigableMap<Double, Double> cumulativeByBound) {
        final double total = cumulativeByBound.lastEntry().getValue();
        if (total == 0) {
            return Double.NaN;
        }
        final double rank = q * total;
        double lowerBound = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulativeByBound.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey() == Double.POSITIVE_INFINITY) {
                    return lowerBound; // Prometheus answers the highest finite bound
                }
                return lowerBound + (bucket.getKey() - lowerBound) * (rank - countBelow) / (bucket.getValue() - countBelow);
            }
            lowerBound = bucket.getKey();
            countBelow = bucket.getValue();
        }
        throw new IllegalStateException("unreachable: the +Inf bucket holds every observation");
    }
}
