package io.tradingstack.ordermanager.console;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The console's two timer threads: {@code console-poller} reads the other services (blocking
 * HTTP, so a service that does not answer delays only the next poll) and {@code console-publisher}
 * pushes the stream's events. Neither is on the order path. A failed run is logged once per
 * distinct failure and the timer goes on.
 */
final class ConsoleLoops implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsoleLoops.class);

    private final ServicePoller poller;
    private final ConsoleStream stream;
    private final Clock clock;
    private final ConsoleProperties properties;
    private ScheduledExecutorService pollerThread;
    private ScheduledExecutorService publisherThread;
    private volatile String lastFailure;

    ConsoleLoops(ServicePoller poller, ConsoleStream stream, Clock clock, ConsoleProperties properties) {
        this.poller = poller;
        this.stream = stream;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        pollerThread = Executors.newSingleThreadScheduledExecutor(daemon("console-poller"));
        publisherThread = Executors.newSingleThreadScheduledExecutor(daemon("console-publisher"));
        pollerThread.scheduleWithFixedDelay(guarded("poll", () -> poller.pollIfWatched(clock.millis(), stream.openPages() > 0)), 0,
            properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        publisherThread.scheduleAtFixedRate(guarded("snapshot", () -> {
            stream.publishSnapshot();
            stream.publishLatency();
        }), 0, properties.snapshotInterval().toMillis(), TimeUnit.MILLISECONDS);
        publisherThread.scheduleAtFixedRate(guarded("orders", stream::publishOrders), 0,
            properties.ordersInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (pollerThread != null) {
            pollerThread.shutdownNow();
            publisherThread.shutdownNow();
            stream.closeAll();
            pollerThread = null;
            publisherThread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return pollerThread != null;
    }

    private Runnable guarded(String task, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // A bug, not an expected event: its stack trace once, then only when it changes.
                String failure = task + ": " + e;
                if (!failure.equals(lastFailure)) {
                    lastFailure = failure;
                    log.error("Console {} failed; the console goes on and logs this failure again only when it changes", task, e);
                }
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
