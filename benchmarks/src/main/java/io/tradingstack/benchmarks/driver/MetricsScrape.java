package io.tradingstack.benchmarks.driver;

import io.tradingstack.metrics.PrometheusScrape;

/**
 * One reading of a service's {@code /actuator/prometheus} and when it was taken, so that two
 * readings a window apart give the window's counts, sums, histogram buckets and rates.
 *
 * @param takenAtNanos {@link System#nanoTime()} when the reading was taken
 */
public record MetricsScrape(PrometheusScrape metrics, long takenAtNanos) {

    /** Parses the Prometheus text format. */
    public static MetricsScrape parse(String text, long takenAtNanos) {
        return new MetricsScrape(PrometheusScrape.parse(text), takenAtNanos);
    }
}
