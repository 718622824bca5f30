package io.tradingstack.strategy.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.strategy.order.OrderClients;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The engine thread, {@code strategy-engine}: the one owner of all strategy state. It takes
 * news ticks and order outcomes from the {@link EngineInbox} as they come and, every
 * {@code sample-interval}, samples the mids itself (so a sample needs no hand-over); it waits
 * on the inbox until the next sample is due, so it does not spin.
 *
 * <p>An exception from one item is counted ({@code trading.strategy.errors{strategy="engine"}}),
 * logged (once per exception class with its stack, then at debug) and the item skipped; the
 * loop goes on. An {@link Error} ends the thread. Started after the order clients and before the
 * news feed; stopped in the reverse order.
 */
public final class StrategyEngineLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StrategyEngineLoop.class);

    /** Between the order clients ({@code DEFAULT_PHASE - 2}) and the feed client ({@code DEFAULT_PHASE}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    private final StrategyEngine engine;
    private final EngineInbox inbox;
    private final long sampleIntervalNanos;
    private final Counter errors;
    private final Set<Class<?>> failuresLogged = new HashSet<>();
    private final Object lifecycleLock = new Object();

    private volatile boolean running;
    private Thread thread;

    public StrategyEngineLoop(StrategyEngine engine, EngineInbox inbox, Duration sampleInterval, MeterRegistry registry) {
        this.engine = engine;
        this.inbox = inbox;
        this.sampleIntervalNanos = sampleInterval.toNanos();
        this.errors = Counter.builder(TradingMetric.STRATEGY_ERRORS.metricName())
            .description(TradingMetric.STRATEGY_ERRORS.description())
            .tag(OrderClients.STRATEGY_TAG, NewsListener.ENGINE)
            .register(registry);
    }

    @Override
    public void start() {
        synchronized (lifecycleLock) {
            if (running) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "strategy-engine");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            running = false;
            stopping = thread;
        }
        stopping.interrupt();
        try {
            stopping.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            log.warn("Engine thread did not stop in time: {}", stopping);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        long nextSample = System.nanoTime();
        while (running) {
            try {
                Object item = inbox.poll(nextSample - System.nanoTime());
                if (item != null) {
                    engine.handle(item);
                }
                long now = System.nanoTime();
                if (now - nextSample >= 0) {
                    engine.sample();
                    nextSample += sampleIntervalNanos;
                    if (now - nextSample >= 0) {
                        // Fell behind by a whole interval (a long pause): resume the rhythm, no burst.
                        nextSample = now + sampleIntervalNanos;
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                failed(e);
            } catch (Error e) {
                log.error("Engine thread failed and stopped: no more strategy decisions", e);
                running = false;
                throw e;
            }
        }
    }

    private void failed(RuntimeException e) {
        errors.increment();
        if (failuresLogged.add(e.getClass())) {
            log.error("Engine failed on an item; it is skipped and the engine keeps running", e);
        } else {
            log.debug("Engine failed on an item: {}", e.toString());
        }
    }
}
