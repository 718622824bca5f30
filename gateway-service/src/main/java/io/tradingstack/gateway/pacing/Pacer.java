package io.tradingstack.gateway.pacing;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces steps at a fixed rate on the monotonic clock. Deadlines advance by whole periods, so a
 * step that runs late is caught up and the average rate holds even when one period is shorter
 * than the timer's resolution; after a long stall (a GC pause, a suspended process) the
 * schedule restarts instead of bursting to catch up.
 */
public final class Pacer {

    /** The furthest behind the schedule may fall before it restarts. */
    private static final long MAX_LAG_NANOS = 100_000_000L;

    /** The most steps one burst runs, so that a source returns to its checks (and a stop) often. */
    private static final long MAX_BURST = 4_096;

    private final long periodNanos;
    private final long maxLagNanos;
    private long nextNanos;
    private long lastBurstNanos = Long.MIN_VALUE / 2;

    /** @param perSecond steps per second, positive */
    public Pacer(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond=" + perSecond + ", must be positive and finite");
        }
        this.periodNanos = Math.max(1L, Math.round(1e9 / perSecond));
        this.maxLagNanos = Math.max(periodNanos, MAX_LAG_NANOS);
        this.nextNanos = System.nanoTime();
    }

    public long periodNanos() {
        return periodNanos;
    }

    /** Returns when the next step is due: at once for the first step. */
    public void awaitNext() throws InterruptedException {
        long now = System.nanoTime();
        if (now - nextNanos > maxLagNanos) {
            nextNanos = now;
        }
        parkUntil(nextNanos);
        nextNanos += periodNanos;
    }

    /**
     * Waits until at least one step is due, and at least {@code minIntervalNanos} since the last
     * burst began, then returns how many steps are due now (at least 1) and counts them as run.
     * A source that runs them together and then flushes wakes its readers once per burst: at
     * high rates a park per step costs more than the step itself.
     */
    public int awaitBurst(long minIntervalNanos) throws InterruptedException {
        long now = System.nanoTime();
        if (now - nextNanos > maxLagNanos) {
            nextNanos = now;
        }
        parkUntil(Math.max(nextNanos, lastBurstNanos + minIntervalNanos));
        now = System.nanoTime();
        lastBurstNanos = now;
        long due = Math.min(1 + (now - nextNanos) / periodNanos, MAX_BURST);
        nextNanos += due * periodNanos;
        return (int) due;
    }

    /** Parks until {@link System#nanoTime()} reaches {@code deadlineNanos}. */
    public static void parkUntil(long deadlineNanos) throws InterruptedException {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
