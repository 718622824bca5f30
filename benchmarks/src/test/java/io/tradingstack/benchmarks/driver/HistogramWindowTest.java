package io.tradingstack.benchmarks.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HistogramWindowTest {

    private static final String BEFORE = """
        # HELP trading_hop_emit_to_book_seconds Gateway emit to the book write
        # TYPE trading_hop_emit_to_book_seconds histogram
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="1.0E-5"} 10
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="2.0E-5"} 10
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="4.0E-5"} 10
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="+Inf"} 10
        trading_hop_emit_to_book_seconds_count{application="orderbook"} 10
        trading_hop_emit_to_book_seconds_sum{application="orderbook"} 5.0E-5
        trading_hop_emit_to_book_seconds_max{application="orderbook"} 9.0E-6
        trading_feed_gaps_total{application="orderbook",feed="price"} 2.0
        trading_feed_gaps_total{application="orderbook",feed="news"} 5.0
        """;

    private static final String AFTER = """
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="1.0E-5"} 10
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="2.0E-5"} 60
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="4.0E-5"} 109
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="+Inf"} 110
        trading_hop_emit_to_book_seconds_count{application="orderbook"} 110
        trading_hop_emit_to_book_seconds_sum{application="orderbook"} 0.00305
        trading_hop_emit_to_book_seconds_max{application="orderbook"} 0.5
        trading_feed_gaps_total{application="orderbook",feed="price"} 2.0
        trading_feed_gaps_total{application="orderbook",feed="news"} 7.0
        """;

    @Test
    void shouldInterpolateTheWindowsQuantilesInsideTheirBucketAsPrometheusDoes() {
        HistogramWindow window = HistogramWindow.between(MetricsScrape.parse(BEFORE, 0), MetricsScrape.parse(AFTER, 1), "trading_hop_emit_to_book_seconds");

        assertThat(window.count()).isEqualTo(100);
        assertThat(window.meanSeconds()).isCloseTo(30e-6, within(1e-9));
        // 50 of the window's 100 fall in (10 µs, 20 µs], 49 in (20 µs, 40 µs], 1 above 40 µs
        assertThat(window.quantileSeconds(0.5)).isCloseTo(20e-6, within(1e-12));
        assertThat(window.quantileSeconds(0.25)).isCloseTo(15e-6, within(1e-12));
        assertThat(window.quantileSeconds(0.99)).isCloseTo(40e-6, within(1e-12));
        assertThat(window.quantileSeconds(0.999)).as("in +Inf: the highest finite bound").isCloseTo(40e-6, within(1e-12));
        assertThat(window.maxSeconds()).isEqualTo(0.5);
    }

    @Test
    void shouldReportNoQuantileForAnEmptyWindow() {
        HistogramWindow window = HistogramWindow.between(MetricsScrape.parse(BEFORE, 0), MetricsScrape.parse(BEFORE, 1), "trading_hop_emit_to_book_seconds");

        assertThat(window.count()).isZero();
        assertThat(window.quantileSeconds(0.5)).isNaN();
        assertThat(window.meanSeconds()).isNaN();
    }

    @Test
    void shouldSumSamplesByLabelsAndFindOnlyTheCountersThatMoved() {
        MetricsScrape before = MetricsScrape.parse(BEFORE, 0);
        MetricsScrape after = MetricsScrape.parse(AFTER, 1);

        assertThat(after.metrics().sum("trading_feed_gaps_total")).isEqualTo(9.0);
        assertThat(after.metrics().sum("trading_feed_gaps_total", "feed", "news")).isEqualTo(7.0);
        assertThat(after.metrics().has("trading_feed_resets_received_total")).isFalse();
        assertThat(LossChecks.violations(java.util.Map.of("orderbook", before), java.util.Map.of("orderbook", after)))
            .containsExactly("orderbook: 2 gaps (trading_feed_gaps_total)");
    }
}
