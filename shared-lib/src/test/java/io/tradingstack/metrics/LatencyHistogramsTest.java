package io.tradingstack.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.junit.jupiter.api.Test;

class LatencyHistogramsTest {

    private final LatencyHistograms filter = new LatencyHistograms();

    @Test
    void shouldSpanOneMicrosecondToTenSecondsAtARatioOfAtMostOnePointOne() {
        double[] bounds = LatencyHistograms.boundsNanos();

        assertThat(bounds[0]).isEqualTo(1_000);
        assertThat(bounds[bounds.length - 1]).isGreaterThanOrEqualTo(Duration.ofSeconds(10).toNanos());
        for (int i = 1; i < bounds.length; i++) {
            assertThat(bounds[i] / bounds[i - 1]).as("bound %d over bound %d", i, i - 1).isGreaterThan(1.0).isLessThanOrEqualTo(1.1);
        }
    }

    @Test
    void shouldReadP50P99AndP999WithinTenPercentFromOneMicrosecondToTenSeconds() {
        double[] bounds = filter.configure(timerId("trading.hop.emit.to.book"), DistributionStatisticConfig.DEFAULT)
            .getServiceLevelObjectiveBoundaries();
        // Every sample at one value is the worst case of linear interpolation (p99 lands near the
        // bucket's upper bound): sweep such point masses from just above the first bound (below it
        // Prometheus interpolates from 0) to 10 s.
        for (double nanos = 1_001; nanos <= 10e9; nanos *= 1.01) {
            double[] upperBounds = Arrays.copyOf(bounds, bounds.length + 1);
            upperBounds[bounds.length] = Double.POSITIVE_INFINITY;
            long[] counts = new long[upperBounds.length];
            for (int i = 0; i < upperBounds.length; i++) {
                counts[i] = upperBounds[i] >= nanos ? 1_000 : 0;
            }
            CumulativeHistogram cumulative = new CumulativeHistogram(upperBounds, counts);
            for (double q : new double[] {0.5, 0.99, 0.999}) {
                assertThat(cumulative.quantile(q)).as("p%s of %.0f ns", q * 100, nanos)
                    .isCloseTo(nanos, within(nanos * 0.10));
            }
        }
    }

    @Test
    void shouldGiveEveryTradingTimerTheBucketsInsteadOfThePercentileHistogram() {
        DistributionStatisticConfig fromCode = DistributionStatisticConfig.builder().percentilesHistogram(true).build()
            .merge(DistributionStatisticConfig.DEFAULT);

        DistributionStatisticConfig configured = filter.configure(timerId("trading.tick.to.trade"), fromCode);

        assertThat(configured.isPublishingHistogram()).isTrue();
        assertThat(configured.getHistogramBuckets(true)).containsExactly(
            Arrays.stream(LatencyHistograms.boundsNanos()).boxed().toArray(Double[]::new));
    }

    @Test
    void shouldLeaveOtherMetersAlone() {
        assertThat(filter.configure(timerId("http.server.requests"), DistributionStatisticConfig.DEFAULT))
            .isSameAs(DistributionStatisticConfig.DEFAULT);
        Meter.Id summary = new Meter.Id("trading.frame.bytes", Tags.empty(), null, null, Meter.Type.DISTRIBUTION_SUMMARY);
        assertThat(filter.configure(summary, DistributionStatisticConfig.DEFAULT)).isSameAs(DistributionStatisticConfig.DEFAULT);
    }

    private static Meter.Id timerId(String name) {
        return new Meter.Id(name, Tags.empty(), null, null, Meter.Type.TIMER);
    }
}
