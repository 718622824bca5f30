package io.tradingstack.metrics;

/** The Micrometer meter type a catalogue entry is registered as. */
public enum MetricKind {
    COUNTER,
    GAUGE,
    /** A latency, registered with a percentile histogram so Prometheus can give p50/p99/p99.9. */
    TIMER
}
