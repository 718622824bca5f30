package io.tradingstack.gateway.pacing;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentLifecycle;
import io.tradingstack.agent.PeriodicSchedule;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one step at a fixed rate on its own agent thread while the application runs: the market
 * and news simulations. Between steps the thread parks until the next one is due; steps that
 * fell behind by less than {@link #MAX_LAG} are caught up back to back, so the average rate holds
 * even when one period is shorter than the timer's resolution, and after a longer stall the pace
 * restarts instead of bursting. A step that throws is skipped, counted and logged by the agent's
 * error handler, and the loop goes on. A rate of 0 runs nothing.
 */
public final class PacedLoop implements SmartLifecycle {

    /** Sources start after, and stop before, what records their output (phase 0). */
    public static final int SOURCE_PHASE = 100;

    /** The furthest behind the pace may fall and still be caught up. */
    static final Duration MAX_LAG = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(PacedLoop.class);

    private final String name;
    private final double perSecond;
    /** The agent and its thread; null at rate 0. */
    private final AgentLifecycle stepping;
    private volatile boolean running;

    /**
     * @param name      the thread's name (the agent's role) and the loop's name in logs
     * @param perSecond steps per second; 0 runs nothing
     * @param step      one step, such as publishing one tick
     */
    public PacedLoop(String name, double perSecond, Runnable step, MeterRegistry registry) {
        this(name, perSecond, step, () -> {
        }, registry);
    }

    /**
     * @param afterBurst runs after each burst of steps that fell due together, such as waking the
     *                   feed's senders once for the whole burst (see {@link PacedSteps})
     */
    public PacedLoop(String name, double perSecond, Runnable step, Runnable afterBurst, MeterRegistry registry) {
        if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(name + ": perSecond=" + perSecond + ", must be finite and >= 0");
        }
        this.name = name;
        this.perSecond = perSecond;
        if (perSecond == 0) {
            this.stepping = null;
        } else {
            PacedSteps steps = stepper(name, perSecond, step, afterBurst, System::nanoTime);
            this.stepping = new AgentLifecycle(steps, steps.idleStrategy(), registry, SOURCE_PHASE);
        }
    }

    /**
     * The agent: one step per {@code doWork} while steps are due, in bursts; steps within
     * {@link #MAX_LAG} behind are caught up. A step that throws is skipped, not retried at once.
     */
    static PacedSteps stepper(String name, double perSecond, Runnable step, Runnable afterBurst, LongSupplier nanoClock) {
        return new PacedSteps(name, PeriodicSchedule.atRate(perSecond, MAX_LAG, nanoClock), step, afterBurst, nanoClock);
    }

    @Override
    public synchronized void start() {
        running = true;
        if (stepping == null) {
            log.info("{} off: rate 0/s", name);
        } else if (!stepping.isRunning()) {
            stepping.start();
            log.info("{} started at {}/s", name, perSecond);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (stepping != null) {
            stepping.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SOURCE_PHASE;
    }
}
