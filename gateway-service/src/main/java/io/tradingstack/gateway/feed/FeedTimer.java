package io.tradingstack.gateway.feed;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread both feeds share: replay deadlines, connection closes and the check for
 * writes that block a publisher; never I/O.
 * Not exposed as an {@code Executor} bean, which Spring Boot would take for its own task
 * executor; closed with the context.
 */
final class FeedTimer implements AutoCloseable {

    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "feed-timer");
        thread.setDaemon(true);
        return thread;
    });

    FeedTimer() {
        executor.setRemoveOnCancelPolicy(true); // replay deadlines are nearly always cancelled
    }

    /** Runs a task after the delay; null once the timer has shut down (the application is stopping). */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Runs a task every {@code periodNanos} until the timer shuts down. */
    void every(Runnable task, long periodNanos) {
        try {
            executor.scheduleAtFixedRate(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shut down: the application is stopping
        }
    }

    /** Runs tasks off the caller's thread at once, such as the close that ends a write blocked on a slow subscriber. */
    Executor executor() {
        return executor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
