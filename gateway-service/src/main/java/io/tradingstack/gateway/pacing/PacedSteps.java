package io.tradingstack.gateway.pacing;

import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.agrona.concurrent.Agent;

/**
 * The agent of a {@link PacedLoop}: one step per {@code doWork} while steps are due, then, once
 * none is, the end of the burst ({@code afterBurst}, such as waking the feed's senders), and a
 * park until the next step is due but at least {@link #MIN_BURST_INTERVAL} after the burst
 * began. So at high rates the steps run in bursts of all that fell due, and the thread, the
 * feed's senders and their readers each wake a few thousand times a second whatever the rate:
 * on a small machine a wake-up (a futex call and a context switch) costs more than the step.
 * The steps keep their rate; each message is stamped when it is published, so a burst shifts
 * no measured latency.
 */
final class PacedSteps implements Agent {

    /** The least time from the start of one burst to the start of the next. */
    static final Duration MIN_BURST_INTERVAL = Duration.ofNanos(200_000);

    private final String roleName;
    private final PeriodicSchedule schedule;
    private final Runnable step;
    private final Runnable afterBurst;
    private final LongSupplier nanoClock;
    private final long minBurstIntervalNanos;
    private boolean inBurst;
    private long burstStartNanos;

    PacedSteps(String roleName, PeriodicSchedule schedule, Runnable step, Runnable afterBurst, LongSupplier nanoClock) {
        this.roleName = roleName;
        this.schedule = schedule;
        this.step = step;
        this.afterBurst = afterBurst;
        this.nanoClock = nanoClock;
        // Steps due during the interval are caught up in the next burst, so the rate holds.
        this.minBurstIntervalNanos = MIN_BURST_INTERVAL.toNanos();
        this.burstStartNanos = nanoClock.getAsLong() - minBurstIntervalNanos;
    }

    @Override
    public int doWork() {
        if (!inBurst && nanoClock.getAsLong() - burstStartNanos < minBurstIntervalNanos) {
            return 0;
        }
        if (schedule.claim()) {
            if (!inBurst) {
                inBurst = true;
                burstStartNanos = nanoClock.getAsLong();
            }
            // The slot is claimed before the step: a step that throws is skipped, not retried at once.
            step.run();
            return 1;
        }
        if (inBurst) {
            inBurst = false;
            afterBurst.run();
            return 1;
        }
        return 0;
    }

    /** When the next burst may start: the next step's due time, but not before the minimum interval. */
    long nextBurstNanos() {
        return Math.max(schedule.dueNanos(), burstStartNanos + minBurstIntervalNanos);
    }

    /** Parks until the next burst: a period at most, but never less than the burst interval (one park per burst). */
    WakeableIdleStrategy idleStrategy() {
        Duration maxPark = schedule.period().compareTo(MIN_BURST_INTERVAL) > 0 ? schedule.period() : MIN_BURST_INTERVAL;
        return WakeableIdleStrategy.untilDue(this::nextBurstNanos, maxPark);
    }

    @Override
    public String roleName() {
        return roleName;
    }
}
