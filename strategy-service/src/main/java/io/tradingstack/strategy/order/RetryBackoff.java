package io.tradingstack.strategy.order;

import java.util.concurrent.TimeUnit;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Waits between connection attempts: none before the first retry (a closed connection is
 * usually replaced at once), then Spring's {@link ExponentialBackOff} from {@code initial},
 * doubling up to {@code max}, until {@link #reset()} after a success. Not thread-safe: guarded by
 * its order client's lock.
 */
final class RetryBackoff {

    private final ExponentialBackOff backOff;
    /** Null until the first retry since the last success, which waits for nothing. */
    private BackOffExecution waits;

    RetryBackoff(long initialNanos, long maxNanos) {
        if (initialNanos <= 0 || maxNanos < initialNanos) {
            throw new IllegalArgumentException("initialNanos=" + initialNanos + ", maxNanos=" + maxNanos);
        }
        this.backOff = new ExponentialBackOff(Math.max(1, TimeUnit.NANOSECONDS.toMillis(initialNanos)), 2.0);
        this.backOff.setMaxInterval(Math.max(1, TimeUnit.NANOSECONDS.toMillis(maxNanos))); // attempts stay unlimited
    }

    /** The wait before the next attempt; each call after the first doubles it, up to the maximum. */
    long next() {
        if (waits == null) {
            waits = backOff.start();
            return 0;
        }
        return TimeUnit.MILLISECONDS.toNanos(waits.nextBackOff());
    }

    void reset() {
        waits = null;
    }
}
