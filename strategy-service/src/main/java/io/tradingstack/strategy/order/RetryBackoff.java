package io.tradingstack.strategy.order;

/**
 * Waits between connection attempts: none before the first retry (a closed connection is
 * usually replaced at once), then {@code initial}, doubling up to {@code max}, until
 * {@link #reset()} after a success. Not thread-safe: guarded by its order client's lock.
 */
final class RetryBackoff {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    RetryBackoff(long initialNanos, long maxNanos) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("initialNanos=" + initialNanos + ", maxNanos=" + maxNanos);
        }
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
    }

    /** The wait before the next attempt; each call after the first doubles it, up to the maximum. */
    long next() {
        long wait = nextNanos;
        nextNanos = wait == 0 ? initialNanos : Math.min(maxNanos, wait > maxNanos / 2 ? maxNanos : wait * 2);
        return wait;
    }

    void reset() {
        nextNanos = 0;
    }
}
