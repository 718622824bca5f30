package io.tradingstack.feed;

/**
 * The wait before the next connection attempt: it doubles after every attempt that got
 * nothing, up to a maximum, and starts again after a good connection (one that delivered at
 * least one valid frame). Attempts are never closer together than the initial wait, so a
 * gateway that accepts and drops at once is not hammered, while a long good connection that
 * ends (a gap, a silent gateway) is followed by an immediate reconnect.
 */
final class Backoff {

    private final long initialNanos;
    private final long maxNanos;
    private long nextNanos;

    Backoff(long initialNanos, long maxNanos) {
        this.initialNanos = initialNanos;
        this.maxNanos = maxNanos;
        this.nextNanos = initialNanos;
    }

    /**
     * The delay before the next attempt, in nanoseconds.
     *
     * @param good              whether the attempt that just ended delivered a valid frame
     * @param attemptStartNanos {@link System#nanoTime()} when that attempt began
     * @param nowNanos          {@link System#nanoTime()} now
     */
    long delayAfter(boolean good, long attemptStartNanos, long nowNanos) {
        if (good) {
            nextNanos = initialNanos;
            return Math.max(0, initialNanos - (nowNanos - attemptStartNanos));
        }
        long delay = nextNanos;
        nextNanos = nextNanos > maxNanos / 2 ? maxNanos : nextNanos * 2;
        return delay;
    }
}
