package io.tradingstack.gateway.pacing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one step at a fixed rate on its own thread while the application runs: the market and
 * news simulations. A step that throws is counted and logged (the first time and then at each
 * power of two, so a failing step cannot flood the log) and the loop goes on; an interrupt
 * stops it. A rate of 0 runs nothing.
 */
public final class PacedLoop implements SmartLifecycle {

    /** Sources start after, and stop before, what records their output (phase 0). */
    public static final int SOURCE_PHASE = 100;

    private static final Logger log = LoggerFactory.getLogger(PacedLoop.class);

    /**
     * The least time between two bursts: 200 µs, so the loop wakes at most 5,000 times a second
     * whatever the rate. A timed park returns tens of microseconds late anyway, and every
     * wake-up is a context switch on this thread and on each reader of its output.
     */
    static final long MIN_BURST_INTERVAL_NANOS = 200_000;

    private final String name;
    private final double perSecond;
    private final Runnable step;
    private final Runnable afterBurst;
    private volatile Thread thread;
    private volatile boolean running;

    /**
     * @param name      the thread's name and the loop's name in logs
     * @param perSecond steps per second; 0 runs nothing
     * @param step      one step, such as publishing one tick
     */
    public PacedLoop(String name, double perSecond, Runnable step) {
        this(name, perSecond, step, () -> {
        });
    }

    /**
     * @param afterBurst runs after each burst of due steps, such as waking the feed's senders;
     *                   steps run in bursts at most every {@link #MIN_BURST_INTERVAL_NANOS}
     */
    public PacedLoop(String name, double perSecond, Runnable step, Runnable afterBurst) {
        if (perSecond < 0 || Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException(name + ": perSecond=" + perSecond + ", must be finite and >= 0");
        }
        this.name = name;
        this.perSecond = perSecond;
        this.step = step;
        this.afterBurst = afterBurst;
    }

    @Override
    public void start() {
        running = true;
        if (perSecond == 0) {
            log.info("{} off: rate 0/s", name);
            return;
        }
        Thread loop = new Thread(this::run, name);
        loop.setDaemon(true);
        thread = loop;
        loop.start();
        log.info("{} started at {}/s", name, perSecond);
    }

    @Override
    public void stop() {
        running = false;
        Thread loop = thread;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
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

    private void run() {
        Pacer pacer = new Pacer(perSecond);
        long errors = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int due;
            try {
                due = pacer.awaitBurst(MIN_BURST_INTERVAL_NANOS);
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < due; i++) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    errors++;
                    if (Long.bitCount(errors) == 1) {
                        log.warn("{} step failed ({} failures so far): {}", name, errors, e.toString());
                    }
                }
            }
            afterBurst.run();
        }
    }
}
