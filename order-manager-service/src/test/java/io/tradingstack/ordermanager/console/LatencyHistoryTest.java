package io.tradingstack.ordermanager.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tradingstack.metrics.CumulativeHistogram;
import io.tradingstack.metrics.LatencyHistograms;
import io.tradingstack.metrics.TradingMetric;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The latency chart's numbers: quantiles read from cumulative buckets as {@code histogram_quantile}
 * reads them, over the window between two readings, with a gap where there was nothing to read and
 * a fresh start when a service restarted.
 */
class LatencyHistoryTest {

    private static final double[] BOUNDS = {0.0001, 0.001, 0.01, Double.POSITIVE_INFINITY};

    @Test
    void shouldReadQuantilesLinearlyInsideTheBucketThatHoldsTheRank() {
        CumulativeHistogram buckets = new CumulativeHistogram(BOUNDS, new long[] {0, 100, 100, 100});
        assertThat(buckets.quantile(0.5)).isCloseTo(0.00055, within(1e-9));
        assertThat(buckets.quantile(0.99)).isCloseTo(0.000991, within(1e-9));
        assertThat(new CumulativeHistogram(BOUNDS, new long[] {0, 0, 0, 10}).quantile(0.5))
            .as("above the highest finite bound: that bound").isEqualTo(0.01);
        assertThat(new CumulativeHistogram(BOUNDS, new long[] {0, 0, 0, 0}).quantile(0.5)).isNaN();
    }

    @Test
    void shouldChartTheSamplesOfTheLastWindowOnlyAndStartOverAfterARestart() {
        LatencyHistory history = new LatencyHistory(10_000, 100);
        history.record(0, Map.of(Hop.EMIT_TO_BOOK, buckets(0, 100, 100, 100)));
        history.record(5_000, Map.of(Hop.EMIT_TO_BOOK, buckets(0, 100, 200, 200)));
        history.record(10_000, Map.of()); // the orderbook did not answer
        history.record(20_000, Map.of(Hop.EMIT_TO_BOOK, buckets(0, 100, 200, 300)));
        history.record(25_000, Map.of(Hop.EMIT_TO_BOOK, buckets(0, 10, 10, 10))); // restarted: counts went back
        history.record(70_000, Map.of(Hop.EMIT_TO_BOOK, buckets(0, 20, 20, 20))); // away for more than three windows

        LatencyHistory.HopSeries emitToBook = series(history, Hop.EMIT_TO_BOOK);
        assertThat(emitToBook.p50()).hasSize(6);
        assertThat(emitToBook.p50().get(0)).as("one reading: nothing to compare with").isNull();
        assertThat(emitToBook.p50().get(1)).as("the 100 samples of 0-5 s, all in 1-10 ms").isEqualTo(5_500.0);
        assertThat(emitToBook.p50().get(2)).as("no reading").isNull();
        assertThat(emitToBook.p50().get(3)).as("since the last reading before the window (5 s): the 100 samples above"
            + " 10 ms, read as the highest finite bound").isEqualTo(10_000.0);
        assertThat(emitToBook.p50().get(4)).as("after a restart the window starts over").isNull();
        assertThat(emitToBook.p50().get(5)).as("the last reading is too old to make a window with").isNull();
        assertThat(series(history, Hop.TICK_TO_TRADE).p50()).containsOnlyNulls();
    }

    @Test
    void shouldKeepOnlyTheConfiguredNumberOfPoints() {
        LatencyHistory history = new LatencyHistory(1_000, 3);
        for (int i = 0; i < 10; i++) {
            history.record(i * 1_000L, Map.of());
        }
        assertThat(history.series().times()).containsExactly(7_000L, 8_000L, 9_000L);
        assertThat(series(history, Hop.JOURNAL_WRITE).p99()).hasSize(3);
    }

    @Test
    void shouldReadTheOrderManagersOwnTimersAsCumulativeHistogramWithTheStacksBounds() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(new LatencyHistograms());
        Timer timer = Timer.builder(TradingMetric.TICK_TO_TRADE.metricName()).register(registry);
        for (int i = 0; i < 100; i++) {
            timer.record(50, TimeUnit.MICROSECONDS);
        }
        timer.record(2, TimeUnit.SECONDS);

        CumulativeHistogram buckets = ServicePoller.local(registry.find(TradingMetric.TICK_TO_TRADE.metricName()).timers());
        assertThat(buckets.total()).isEqualTo(101);
        assertThat(buckets.bounds()).hasSize(LatencyHistograms.BOUND_COUNT + 1);
        assertThat(buckets.quantile(0.5) * 1e6).as("p50 µs, within a bucket's 9 %").isCloseTo(50, within(5.0));
        assertThat(buckets.quantile(0.999)).as("the 2 s sample").isGreaterThan(1.5);
        assertThat(ServicePoller.local(registry.find("no.such.timer").timers())).isNull();
    }

    private static CumulativeHistogram buckets(long... counts) {
        return new CumulativeHistogram(BOUNDS, counts);
    }

    private static LatencyHistory.HopSeries series(LatencyHistory history, Hop hop) {
        return history.series().hops().stream().filter(series -> series.id().equals(hop.name())).findFirst().orElseThrow();
    }
}
