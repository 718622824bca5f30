package io.tradingstack.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class TradingMetricTest {

    @Test
    void shouldNameEveryMetricOnceInDottedLowerCaseUnderTrading() {
        Set<String> names = Arrays.stream(TradingMetric.values()).map(TradingMetric::metricName).collect(Collectors.toSet());

        assertThat(names).hasSize(TradingMetric.values().length);
        assertThat(names).allMatch(name -> name.matches("trading(\\.[a-z0-9]+)+"), "dotted lower case under trading.");
    }

    @Test
    void shouldDescribeEveryMetricInOneLine() {
        for (TradingMetric metric : TradingMetric.values()) {
            assertThat(metric.description()).as(metric.name()).isNotBlank().doesNotContain("\n").endsWith(".");
        }
    }

    @Test
    void shouldUseOnlyBoundedTagKeys() {
        Set<String> allowed = Set.of(TradingMetric.Tags.FEED, TradingMetric.Tags.SERVICE, TradingMetric.Tags.REASON,
                TradingMetric.Tags.STATUS, TradingMetric.Tags.SYMBOL, TradingMetric.Tags.SIDE, TradingMetric.Tags.STRATEGY,
                TradingMetric.Tags.AGENT);
        for (TradingMetric metric : TradingMetric.values()) {
            assertThat(allowed).as(metric.name()).containsAll(metric.tagKeys());
        }
    }

    @Test
    void shouldCatalogueTheHopsOfDesignSection7AsTimers() {
        assertThat(Arrays.stream(TradingMetric.values()).filter(m -> m.kind() == MetricKind.TIMER).map(TradingMetric::metricName))
                .contains("trading.tick.to.trade", "trading.hop.emit.to.book", "trading.hop.news.to.strategy",
                        "trading.hop.news.to.order.sent", "trading.hop.order.round.trip", "trading.journal.write");
    }
}
