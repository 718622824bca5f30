package io.tradingstack.strategy.engine;

import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.protocol.NewsTick;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.springframework.context.SmartLifecycle;

/**
 * Who runs the {@link StrategyEngine}: whoever holds the engine's lock is its one owner, and
 * nothing in the engine locks anything else.
 *
 * <p>Most of the time that is the engine agent, {@code strategy-engine}. Each {@link #doWork()}
 * handles what the {@link EngineInbox} holds (news ticks, order outcomes; at most
 * {@link #MAX_ITEMS_PER_CYCLE}) and, every {@code sample-interval}, samples the mids itself (so a
 * sample needs no hand-over). Between cycles it parks until the next sample is due or an item is
 * handed over, whichever comes first: an item is handled at once, and an idle engine does not spin.
 *
 * <p>A news tick that finds the engine free is decided on the news feed's own thread
 * ({@link #decideNow}), after anything the inbox still holds: the tick-to-trade path then has no
 * hand-over and no wake-up between the feed and the order, which on a small VM cost 30–50 µs a
 * tick. Only a tick that arrives while the agent works (a sample, an outcome) goes through the
 * inbox. Order outcomes take the same way from the order clients' threads
 * ({@link EngineInbox#onOutcome}): one engine wake-up less per order, on two cores where every
 * thread woken competes with the tick-to-trade path.
 *
 * <p>An exception from one item skips that item (it has left the inbox) and is counted and logged
 * by the agent's error handler ({@code trading.agent.errors{agent="strategy-engine"}}), on
 * whichever thread it happened; the loop goes on. An {@link Error} ends the thread it happened on.
 * Started after the order clients and before the news feed; stopped in the reverse order.
 */
public final class StrategyEngineLoop implements Agent {

    /** Between the order clients ({@code DEFAULT_PHASE - 2}) and the feed client ({@code DEFAULT_PHASE}). */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1;

    static final String ROLE = "strategy-engine";

    /** Items handled per cycle before the sample gets its turn: a burst of news cannot delay sampling long. */
    static final int MAX_ITEMS_PER_CYCLE = 64;

    private final StrategyEngine engine;
    private final EngineInbox inbox;
    private final PeriodicSchedule sampling;
    private final WakeableIdleStrategy idle;
    private final ErrorHandler errors;
    /** Held by whoever runs the engine: also the memory barrier from one holder to the next. */
    private final ReentrantLock engineLock = new ReentrantLock();

    public StrategyEngineLoop(StrategyEngine engine, EngineInbox inbox, Duration sampleInterval, ErrorHandler errors) {
        this(engine, inbox, PeriodicSchedule.every(sampleInterval, true), errors);
    }

    StrategyEngineLoop(StrategyEngine engine, EngineInbox inbox, PeriodicSchedule sampling, ErrorHandler errors) {
        this.engine = engine;
        this.inbox = inbox;
        this.sampling = sampling;
        this.errors = errors;
        this.idle = inbox.consumerIdleStrategy(sampling::dueNanos, sampling.period(), this::handleNow);
    }

    @Override
    public int doWork() {
        engineLock.lock();
        try {
            int work = 0;
            Object item;
            while (work < MAX_ITEMS_PER_CYCLE && (item = inbox.poll()) != null) {
                work++; // before handling: an item that throws is skipped, not handled again
                engine.handle(item);
            }
            if (sampling.claim()) {
                engine.sample();
                work++;
            }
            return work;
        } finally {
            engineLock.unlock();
        }
    }

    /**
     * The news feed's thread: decides on {@code tick} now, on this thread, when the engine is
     * free — after every item the inbox holds, so that nothing handed over earlier is overtaken.
     *
     * @return false when the engine is busy on another thread: the caller hands the tick over
     *         through the inbox instead
     */
    public boolean decideNow(NewsTick tick) {
        return handleNow(tick);
    }

    /**
     * Handles {@code item} on the calling thread when the engine is free, after what the inbox
     * holds: a news tick from the feed thread, an order outcome from an order client's thread.
     *
     * @return false when the engine is busy on another thread
     */
    private boolean handleNow(Object item) {
        if (!engineLock.tryLock()) {
            return false;
        }
        try {
            Object queued;
            while ((queued = inbox.poll()) != null) {
                handleCounted(queued);
            }
            handleCounted(item);
            return true;
        } finally {
            engineLock.unlock();
        }
    }

    private void handleCounted(Object item) {
        try {
            engine.handle(item);
        } catch (RuntimeException e) {
            errors.onError(e); // as the agent's runner does: counted, logged once, the next item goes on
        }
    }

    @Override
    public String roleName() {
        return ROLE;
    }

    /** Parks until the next sample or the next hand-over to the inbox. */
    public WakeableIdleStrategy idleStrategy() {
        return idle;
    }
}
