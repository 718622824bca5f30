package io.tradingstack.ordermanager.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the stack's own series out of a Prometheus answer, as the console does for each service. */
class ScrapedMetricsTest {

    private static final String SCRAPE = """
        # HELP trading_book_age_seconds Seconds since a symbol's slot was last written.
        # TYPE trading_book_age_seconds gauge
        trading_book_age_seconds{application="orderbook",symbol="AAPL"} 0.012
        trading_book_age_seconds{application="orderbook",symbol="MSFT"} 1.5E-4
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="1.0E-4"} 3
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="0.001"} 8
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="+Inf"} 10
        trading_hop_emit_to_book_seconds_count{application="orderbook"} 10
        trading_odd{label="a \\"quoted\\", value"} NaN
        trading_broken{ 12
        """;

    @Test
    void shouldKeepTheTradingSeriesWithTheirLabelsAndSkipTheRest() {
        ScrapedMetrics metrics = ScrapedMetrics.parse(SCRAPE);
        assertThat(metrics.named("trading_book_age_seconds")).containsExactly(
            new ScrapedMetrics.Sample("trading_book_age_seconds", Map.of("application", "orderbook", "symbol", "AAPL"), 0.012),
            new ScrapedMetrics.Sample("trading_book_age_seconds", Map.of("application", "orderbook", "symbol", "MSFT"), 1.5e-4));
        assertThat(metrics.named("jvm_memory_used_bytes")).isEmpty();
        assertThat(metrics.named("trading_odd").get(0).labels()).containsEntry("label", "a \"quoted\", value");
        assertThat(metrics.named("trading_broken")).as("a malformed line is skipped").isEmpty();
    }

    @Test
    void shouldReadATimersHistogramAsCumulativeBuckets() {
        CumulativeBuckets buckets = ScrapedMetrics.parse(SCRAPE).histogram("trading_hop_emit_to_book_seconds");
        assertThat(buckets.boundsSeconds()).containsExactly(1.0e-4, 0.001, Double.POSITIVE_INFINITY);
        assertThat(buckets.counts()).containsExactly(3, 8, 10);
        assertThat(ScrapedMetrics.parse(SCRAPE).histogram("trading_tick_to_trade_seconds")).isNull();
    }
}
