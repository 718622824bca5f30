package io.tradingstack.strategy.order;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One order client's timer thread, {@code orders-<strategyId>}: reply timeouts, the next try
 * after a backoff, connecting, the idle connection check. One thread per client, not a shared
 * scheduler: a connect may block it for {@code connect-timeout} and a hand-over may wait for
 * room in the engine's inbox, and neither must hold up another strategy's timers. Work that
 * throws is logged and the thread goes on; after {@link #stop()} new work is dropped.
 */
final class ClientTimer {

    private static final Logger log = LoggerFactory.getLogger(OrderClient.class);

    /** Work for the timer thread; interrupted when the client stops. */
    @FunctionalInterface
    interface Work {
        void run() throws InterruptedException;
    }

    private final String strategyId;
    private volatile ScheduledThreadPoolExecutor executor;

    ClientTimer(String strategyId) {
        this.strategyId = strategyId;
    }

    void start() {
        ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "orders-" + strategyId);
            thread.setDaemon(true);
            return thread;
        });
        // A cancelled reply timeout leaves the queue at once instead of at its due time.
        started.setRemoveOnCancelPolicy(true);
        executor = started;
    }

    /** Runs {@code work} now and then every {@code millis} after each run ends. */
    void every(long millis, Work work) {
        executor.scheduleWithFixedDelay(guarded(work), 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} after {@code delayNanos}; null when stopped. */
    ScheduledFuture<?> after(long delayNanos, Work work) {
        try {
            return executor.schedule(guarded(work), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // stopped
        }
    }

    /** Runs {@code work} as soon as the thread is free. */
    void now(Work work) {
        try {
            executor.execute(guarded(work));
        } catch (RejectedExecutionException e) {
            // stopped
        }
    }

    /** Interrupts the thread and waits up to 5 s for it to end. */
    void stop() {
        ScheduledThreadPoolExecutor stopping = executor;
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The executor, for a test that holds the thread. */
    ScheduledThreadPoolExecutor executor() {
        return executor;
    }

    private Runnable guarded(Work work) {
        return () -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping
            } catch (RuntimeException e) {
                // A bug: keep sending the strategy's next orders.
                log.error("Strategy {}: order client failed; continuing", strategyId, e);
            }
        };
    }
}
