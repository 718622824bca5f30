package io.tradingstack.benchmarks.driver;

import org.HdrHistogram.Histogram;

/** One latency histogram's figures for a row of the table, in nanoseconds. */
record LatencySummary(long count, long p50, long p99, long p999, long max, long mean) {

    static LatencySummary of(Histogram histogram) {
        return new LatencySummary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue(),
            Math.round(histogram.getMean()));
    }

    /** The six numbers a raw hop's {@code REPORT} line holds from {@code from} on, in this order. */
    static LatencySummary parse(String[] report, int from) {
        long[] v = new long[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(report[from + i]);
        }
        return new LatencySummary(v[0], v[1], v[2], v[3], v[4], v[5]);
    }
}
