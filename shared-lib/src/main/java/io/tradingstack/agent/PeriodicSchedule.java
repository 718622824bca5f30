package io.tradingstack.agent;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When a periodic agent (a heartbeat, a file watcher, a reconciler) next has work, for its
 * {@code doWork} to ask and its {@link WakeableIdleStrategy} to park until. Due times advance by
 * whole periods, so the rate holds however long each run takes; after a stall of a period or
 * more (a GC pause, a suspended process) the next run is one period after now: no burst of
 * runs to catch up. Agent thread only.
 */
public final class PeriodicSchedule {

    private final long periodNanos;
    private final LongSupplier nanoClock;
    private long dueNanos;

    PeriodicSchedule(Duration period, boolean runAtOnce, LongSupplier nanoClock) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period=" + period + ", must be > 0");
        }
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.dueNanos = runAtOnce ? now : now + periodNanos;
    }

    /** A schedule on {@link System#nanoTime()}: first due at once ({@code runAtOnce}) or one period from now. */
    public static PeriodicSchedule every(Duration period, boolean runAtOnce) {
        return new PeriodicSchedule(period, runAtOnce, System::nanoTime);
    }

    /** True when a run is due, and then the next one is scheduled: the caller runs now. */
    public boolean claim() {
        long now = nanoClock.getAsLong();
        if (now - dueNanos < 0) {
            return false;
        }
        dueNanos += periodNanos;
        if (now - dueNanos >= 0) {
            dueNanos = now + periodNanos; // a period or more behind: resume the rhythm, no burst
        }
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
