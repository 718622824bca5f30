package io.tradingstack.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives every {@code trading.*} timer the same Prometheus histogram: buckets from 1 µs to 10.9 s
 * at ratio 2^(1/8) ≈ 1.09, so that {@code histogram_quantile} reads any quantile of a 10 µs hop
 * and of a 100 ms stall alike within 9.1 % (Micrometer's default buckets start at 1 ms).
 *
 * <p>The bounds are service-level-objective boundaries, one {@code _bucket} series each plus
 * {@code +Inf}; {@code _count}, {@code _sum} and {@code _max} stay. Prometheus interpolates
 * linearly inside the bucket that holds the quantile, so its answer and the true value share a
 * bucket and differ by at most the bucket ratio, whatever the distribution: at 2^(1/4) ≈ 1.19
 * the p99 of samples that all fall low in one bucket would read 19 % high. Micrometer's
 * percentile histogram is switched off for these timers, so a {@code percentiles-histogram}
 * property or a {@code publishPercentileHistogram()} cannot add a second set of buckets: this
 * filter is the one place a latency histogram is defined.
 */
public final class LatencyHistograms implements MeterFilter {

    /** The smallest bucket bound: 1 µs. */
    public static final long FIRST_BOUND_NANOS = 1_000L;
    /** Bounds per doubling: the bucket ratio is 2^(1/8). */
    public static final int BOUNDS_PER_DOUBLING = 8;
    /** 1 µs × 2^(187/8) ≈ 10.9 s: the first bound past 10 s, the longest latency worth telling apart. */
    public static final int BOUND_COUNT = 188;

    private static final String TIMER_PREFIX = "trading.";

    private final double[] boundsNanos = boundsNanos();

    /** The bucket upper bounds in nanoseconds, ascending: 1 µs × 2^(k/8) for k = 0..187, rounded to the nanosecond. */
    public static double[] boundsNanos() {
        final double[] bounds = new double[BOUND_COUNT];
        for (int k = 0; k < BOUND_COUNT; k++) {
            bounds[k] = Math.round(FIRST_BOUND_NANOS * Math.pow(2.0, (double) k / BOUNDS_PER_DOUBLING));
        }
        return bounds;
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().startsWith(TIMER_PREFIX)) {
            return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(false)
            .serviceLevelObjectives(boundsNanos.clone())
            .build()
            .merge(config);
    }
}
