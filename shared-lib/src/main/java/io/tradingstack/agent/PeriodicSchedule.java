package io.tradingstack.agent;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a periodic or paced agent (a heartbeat, a file watcher, a simulation at N steps a second)
 * next has work, for its {@code doWork} to ask and its {@link WakeableIdleStrategy} to park
 * until. Due times advance by whole periods, so the rate holds however long each run takes and
 * even when a period is shorter than the timer's resolution: runs that fell behind are due at
 * once and caught up. A schedule that falls {@code maxLag} or more behind (a GC pause, a
 * suspended process) restarts one period after now instead of bursting to catch up. Agent
 * thread only.
 */
public final class PeriodicSchedule {

    private final long periodNanos;
    private final long maxLagNanos;
    private final LongSupplier nanoClock;
    private long dueNanos;

    private PeriodicSchedule(long periodNanos, long maxLagNanos, boolean runAtOnce, LongSupplier nanoClock) {
        this.periodNanos = periodNanos;
        this.maxLagNanos = maxLagNanos;
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.dueNanos = runAtOnce ? now : now + periodNanos;
    }

    /**
     * Once per {@code period} on {@link System#nanoTime()}, first at once ({@code runAtOnce}) or
     * one period from now; a period or more behind, it restarts rather than catch up.
     */
    public static PeriodicSchedule every(Duration period, boolean runAtOnce) {
        return every(period, runAtOnce, System::nanoTime);
    }

    /** As {@link #every(Duration, boolean)}, on {@code nanoClock}: a test's clock. */
    public static PeriodicSchedule every(Duration period, boolean runAtOnce, LongSupplier nanoClock) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period=" + period + ", must be > 0");
        }
        return new PeriodicSchedule(period.toNanos(), period.toNanos(), runAtOnce, nanoClock);
    }

    /**
     * {@code perSecond} runs a second, the first at once, catching up on what fell behind by less
     * than {@code maxLag} (or one period, if longer).
     */
    public static PeriodicSchedule atRate(double perSecond, Duration maxLag, LongSupplier nanoClock) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond=" + perSecond + ", must be positive and finite");
        }
        long period = Math.max(1L, Math.round(1e9 / perSecond));
        return new PeriodicSchedule(period, Math.max(period, maxLag.toNanos()), true, nanoClock);
    }

    /** True when a run is due, and then the next one is scheduled: the caller runs now. */
    public boolean claim() {
        long now = nanoClock.getAsLong();
        long late = now - dueNanos;
        if (late < 0) {
            return false;
        }
        dueNanos = late >= maxLagNanos ? now + periodNanos : dueNanos + periodNanos;
        return true;
    }

    /** When the next run is due, on the clock's scale: what the idle strategy parks until. */
    public long dueNanos() {
        return dueNanos;
    }

    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }
}
