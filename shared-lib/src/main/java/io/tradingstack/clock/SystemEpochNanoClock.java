package io.tradingstack.clock;

import java.time.Instant;

/**
 * Wall-clock epoch nanoseconds without an allocation per read.
 *
 * <p>{@link Instant#now()} allocates, and {@link System#currentTimeMillis()} is too coarse
 * for microsecond hops. So this clock samples the wall clock once, then advances it with
 * {@link System#nanoTime()} (monotonic, cheap). It re-anchors to the wall clock every
 * {@code resampleIntervalNanos}, so that two processes on one host, each with its own
 * anchor, agree to within the jitter of one sample. Both Linux clocks are slewed alike by
 * NTP, so the two differ only by that jitter: a re-anchor that would move time back by less
 * than {@link #MAX_HOLD_NANOS} keeps the extrapolated time instead, and the clock never runs
 * backwards within one thread. Only a real step of the wall clock (an operator or NTP setting
 * it back by more) is followed.
 *
 * <p>One instance is safe to share between threads: the anchor is published as one immutable
 * pair through a volatile field.
 */
public final class SystemEpochNanoClock implements EpochNanoClock {

    /** Default re-anchor period: one second. */
    public static final long DEFAULT_RESAMPLE_INTERVAL_NANOS = 1_000_000_000L;

    private static final SystemEpochNanoClock INSTANCE = new SystemEpochNanoClock(DEFAULT_RESAMPLE_INTERVAL_NANOS);

    /** Largest backward correction absorbed at a re-anchor, as sampling jitter: 1 ms. */
    public static final long MAX_HOLD_NANOS = 1_000_000L;

    private final long resampleIntervalNanos;
    private volatile Anchor anchor;

    public SystemEpochNanoClock(long resampleIntervalNanos) {
        if (resampleIntervalNanos <= 0) {
            throw new IllegalArgumentException("resampleIntervalNanos=" + resampleIntervalNanos + ", must be > 0");
        }
        this.resampleIntervalNanos = resampleIntervalNanos;
        long nanoTime = System.nanoTime();
        this.anchor = new Anchor(wallNanos(), nanoTime);
    }

    /** The process-wide clock that services use for {@code ts}. */
    public static SystemEpochNanoClock instance() {
        return INSTANCE;
    }

    @Override
    public long epochNanos() {
        final long nanoTime = System.nanoTime();
        final Anchor current = anchor;
        final long extrapolated = current.epochNanos + (nanoTime - current.nanoTime);
        if (nanoTime - current.nanoTime < resampleIntervalNanos) {
            return extrapolated;
        }
        final long wall = wallNanos();
        final long behind = extrapolated - wall;
        final long now = behind > 0 && behind < MAX_HOLD_NANOS ? extrapolated : wall;
        anchor = new Anchor(now, nanoTime);
        return now;
    }

    private static long wallNanos() {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private record Anchor(long epochNanos, long nanoTime) {
    }
}
