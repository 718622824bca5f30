package io.tradingstack.strategy.engine;

import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import java.time.Duration;
import org.agrona.concurrent.Agent;
import org.springframework.context.SmartLifecycle;

/**
 * The engine agent, {@code strategy-engine}: the one owner of all strategy state. Each
 * {@link #doWork()} handles what the {@link EngineInbox} holds (news ticks, order outcomes; at most
 * {@link #MAX_ITEMS_PER_CYCLE}) and, every {@code sample-interval}, samples the mids itself (so a
 * sample needs no hand-over). Between cycles it parks until the next sample is due or an item is
 * handed over, whichever comes first: an item is handled at once, and an idle engine does not spin.
 *
 * <p>An exception from one item skips that item (it has left the inbox) and is counted and logged
 * by the agent's error handler ({@code trading.agent.errors{agent="strategy-engine"}}); the loop
 * goes on. An {@link Error} ends the thread. Started after the order clients and before the news
 * feed; stopped in the reverse order.
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

    public StrategyEngineLoop(StrategyEngine engine, EngineInbox inbox, Duration sampleInterval) {
        this(engine, inbox, PeriodicSchedule.every(sampleInterval, true));
    }

    StrategyEngineLoop(StrategyEngine engine, EngineInbox inbox, PeriodicSchedule sampling) {
        this.engine = engine;
        this.inbox = inbox;
        this.sampling = sampling;
        this.idle = inbox.consumerIdleStrategy(sampling::dueNanos, sampling.period());
    }

    @Override
    public int doWork() {
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
