package io.tradingstack.metrics;

/** The Micrometer meter type a catalogue entry is registered as. */
public enum MetricKind {
    COUNTER,
    GAUGE,
    /** A latency, with the histogram of LatencyHistograms (1 µs to 10.9 s) so Prometheus can give p50/p99/p99.9. */
    TIMER
}
