package io.tradingstack.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Quantiles of a Prometheus histogram over a window, exactly as {@code histogram_quantile} reads them. */
class CumulativeHistogramTest {

    private static final double[] BOUNDS = {10e-6, 20e-6, 40e-6, Double.POSITIVE_INFINITY};

    @Test
    void shouldInterpolateTheWindowsQuantilesInsideTheirBucketAsPrometheusDoes() {
        CumulativeHistogram before = new CumulativeHistogram(BOUNDS, new long[] {10, 10, 10, 10});
        CumulativeHistogram after = new CumulativeHistogram(BOUNDS, new long[] {10, 60, 109, 110});

        CumulativeHistogram window = after.since(before);

        assertThat(window.total()).isEqualTo(100);
        // 50 of the window's 100 fall in (10 µs, 20 µs], 49 in (20 µs, 40 µs], 1 above 40 µs
        assertThat(window.quantile(0.5)).isCloseTo(20e-6, within(1e-12));
        assertThat(window.quantile(0.25)).isCloseTo(15e-6, within(1e-12));
        assertThat(window.quantile(0.99)).isCloseTo(40e-6, within(1e-12));
        assertThat(window.quantile(0.999)).as("in +Inf: the highest finite bound").isCloseTo(40e-6, within(1e-12));
    }

    @Test
    void shouldInterpolateTheFirstBucketFromZero() {
        assertThat(new CumulativeHistogram(BOUNDS, new long[] {100, 100, 100, 100}).quantile(0.5)).isCloseTo(5e-6, within(1e-12));
    }

    @Test
    void shouldGiveNoQuantileWithoutObservations() {
        assertThat(new CumulativeHistogram(BOUNDS, new long[] {0, 0, 0, 0}).quantile(0.5)).isNaN();
        assertThat(new CumulativeHistogram(BOUNDS, new long[] {3, 3, 3, 3}).since(new CumulativeHistogram(BOUNDS, new long[] {3, 3, 3, 3}))
            .quantile(0.5)).isNaN();
    }

    @Test
    void shouldSayNothingOfAWindowWhoseReadingsDoNotLineUp() {
        CumulativeHistogram now = new CumulativeHistogram(BOUNDS, new long[] {1, 2, 3, 4});

        assertThat(now.since(new CumulativeHistogram(BOUNDS, new long[] {2, 2, 3, 4}))).as("a count went back: a restart").isNull();
        assertThat(now.since(new CumulativeHistogram(new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, new long[] {0, 0, 0, 0})))
            .as("other bounds").isNull();
    }

    @Test
    void shouldKeepItsArraysToItself() {
        double[] bounds = BOUNDS.clone();
        long[] counts = {1, 2, 3, 4};
        CumulativeHistogram histogram = new CumulativeHistogram(bounds, counts);

        counts[3] = 99;
        histogram.counts()[3] = 98;

        assertThat(histogram.total()).isEqualTo(4);
        assertThat(histogram).isEqualTo(new CumulativeHistogram(BOUNDS, new long[] {1, 2, 3, 4}));
    }
}
