package io.tradingstack.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a service's {@code /actuator/prometheus} answer as the console, the driver and the tests do. */
class PrometheusScrapeTest {

    private static final String SCRAPE = """
        # HELP trading_book_age_seconds Seconds since a symbol's slot was last written.
        # TYPE trading_book_age_seconds gauge
        trading_book_age_seconds{application="orderbook",symbol="AAPL"} 0.012
        trading_book_age_seconds{application="orderbook",symbol="MSFT"} 1.5E-4

        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2E7
        process_uptime_seconds 12.5
        http_server_requests_seconds_count{method="GET",uri="/api/orders/{clientOrderId}"} 3 1733400012345
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="1.0E-4"} 3
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="0.001"} 8
        trading_hop_emit_to_book_seconds_bucket{application="orderbook",le="+Inf"} 10
        trading_hop_emit_to_book_seconds_count{application="orderbook"} 10
        trading_feed_gaps_total{application="orderbook",feed="price"} 2.0
        trading_feed_gaps_total{application="orderbook",feed="news"} 5.0
        trading_odd{label="a \\"quoted\\", value, with a \\\\ and a \\n"} NaN
        trading_broken{ 12
        trading_no_value{a="b"}
        trading_not_a_number 12x
        """;

    @Test
    void shouldReadEverySampleWithItsLabelsInTheirOrder() {
        PrometheusScrape scrape = PrometheusScrape.parse(SCRAPE);

        assertThat(scrape.samples("trading_book_age_seconds")).containsExactly(
            new PrometheusScrape.Sample("trading_book_age_seconds", Map.of("application", "orderbook", "symbol", "AAPL"), 0.012),
            new PrometheusScrape.Sample("trading_book_age_seconds", Map.of("application", "orderbook", "symbol", "MSFT"), 1.5e-4));
        assertThat(scrape.samples("trading_feed_gaps_total").get(0).labels().keySet()).containsExactly("application", "feed");
        assertThat(scrape.sum("process_uptime_seconds")).as("a sample without labels").isEqualTo(12.5);
        assertThat(scrape.samples("http_server_requests_seconds_count")).as("braces in a label value, and a timestamp")
            .containsExactly(new PrometheusScrape.Sample("http_server_requests_seconds_count",
                Map.of("method", "GET", "uri", "/api/orders/{clientOrderId}"), 3));
        assertThat(scrape.samples("trading_odd").get(0).labels()).containsEntry("label", "a \"quoted\", value, with a \\ and a \n");
        assertThat(scrape.samples("trading_odd").get(0).value()).isNaN();
    }

    @Test
    void shouldSkipLinesThatHoldNoSampleAndKeepTheRest() {
        PrometheusScrape scrape = PrometheusScrape.parse(SCRAPE);

        assertThat(scrape.has("trading_broken")).isFalse();
        assertThat(scrape.has("trading_no_value")).isFalse();
        assertThat(scrape.has("trading_not_a_number")).isFalse();
        assertThat(scrape.has("trading_book_age_seconds")).isTrue();
        assertThat(PrometheusScrape.parse("").has("trading_book_age_seconds")).isFalse();
        assertThat(PrometheusScrape.empty().sum("trading_feed_gaps_total")).isZero();
    }

    @Test
    void shouldKeepOnlyTheSeriesOfAPrefixWhenAsked() {
        PrometheusScrape trading = PrometheusScrape.parse(SCRAPE, "trading_");

        assertThat(trading.has("trading_book_age_seconds")).isTrue();
        assertThat(trading.has("jvm_memory_used_bytes")).isFalse();
        assertThat(trading.has("process_uptime_seconds")).isFalse();
    }

    @Test
    void shouldSumAndTakeTheLargestOfTheSamplesThatCarryTheGivenLabels() {
        PrometheusScrape scrape = PrometheusScrape.parse(SCRAPE);

        assertThat(scrape.sum("trading_feed_gaps_total")).isEqualTo(7.0);
        assertThat(scrape.sum("trading_feed_gaps_total", "feed", "news")).isEqualTo(5.0);
        assertThat(scrape.sum("trading_feed_gaps_total", "feed", "news", "application", "gateway")).isZero();
        assertThat(scrape.max("trading_book_age_seconds")).isEqualTo(0.012);
        assertThat(scrape.max("trading_book_age_seconds", "symbol", "MSFT")).isEqualTo(1.5e-4);
        assertThat(scrape.max("trading_tick_to_trade_seconds_max")).isNaN();
        assertThatThrownBy(() -> scrape.sum("trading_feed_gaps_total", "feed"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name, value");
    }

    @Test
    void shouldReadATimersBucketsAsACumulativeHistogramSummedOverItsSeries() {
        CumulativeHistogram buckets = PrometheusScrape.parse(SCRAPE).histogram("trading_hop_emit_to_book_seconds");

        assertThat(buckets.bounds()).containsExactly(1.0e-4, 0.001, Double.POSITIVE_INFINITY);
        assertThat(buckets.counts()).containsExactly(3, 8, 10);
        assertThat(PrometheusScrape.parse(SCRAPE).histogram("trading_tick_to_trade_seconds")).isNull();

        String twoSeries = """
            trading_journal_write_seconds_bucket{application="order-manager",policy="BATCH",le="0.001"} 4
            trading_journal_write_seconds_bucket{application="order-manager",policy="BATCH",le="+Inf"} 5
            trading_journal_write_seconds_bucket{application="order-manager",policy="RECORD",le="0.001"} 1
            trading_journal_write_seconds_bucket{application="order-manager",policy="RECORD",le="+Inf"} 3
            """;
        assertThat(PrometheusScrape.parse(twoSeries).histogram("trading_journal_write_seconds").counts()).containsExactly(5, 8);
        assertThat(PrometheusScrape.parse(twoSeries).histogram("trading_journal_write_seconds", "policy", "RECORD").counts())
            .containsExactly(1, 3);
    }

    @Test
    void shouldRefuseABucketWithoutItsBound() {
        PrometheusScrape scrape = PrometheusScrape.parse("trading_hop_emit_to_book_seconds_bucket{application=\"orderbook\"} 3\n");

        assertThatThrownBy(() -> scrape.histogram("trading_hop_emit_to_book_seconds"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without an le label");
    }
}
