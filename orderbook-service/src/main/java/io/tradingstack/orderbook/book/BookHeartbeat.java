package io.tradingstack.orderbook.book;

import io.tradingstack.pricebook.PriceBookWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Stamps the book header with the writer's clock at a fixed rate, so that readers can tell the
 * writer is alive even while no price moves (a quiet market, a gateway away). The header
 * heartbeat is one release store of its own field, safe from this thread
 * ({@link PriceBookWriter#heartbeat()}); prices stay with the feed thread.
 */
final class BookHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BookHeartbeat.class);

    private final PriceBookWriter writer;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    BookHeartbeat(PriceBookWriter writer, Duration interval) {
        this.writer = writer;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pricebook-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long nanos = interval.toNanos();
        scheduler.scheduleAtFixedRate(this::beat, 0, nanos, TimeUnit.NANOSECONDS);
    }

    private void beat() {
        try {
            writer.heartbeat();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule silently; log and keep beating.
            log.warn("Price book heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
