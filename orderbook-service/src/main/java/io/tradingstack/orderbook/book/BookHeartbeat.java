package io.tradingstack.orderbook.book;

import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.agent.WakeableIdleStrategy;
import io.tradingstack.pricebook.PriceBookWriter;
import org.agrona.concurrent.Agent;

/**
 * Stamps the book header with the writer's clock once per interval, so that readers can tell the
 * writer is alive even while no price moves (a quiet market, a gateway away). The header
 * heartbeat is one release store of its own field, safe from this agent's thread
 * ({@link PriceBookWriter#heartbeat()}); prices stay with the feed thread. Between beats the
 * agent parks until the next one is due ({@link #idleStrategy()}).
 */
final class BookHeartbeat implements Agent {

    private final PriceBookWriter writer;
    private final PeriodicSchedule beats;

    BookHeartbeat(PriceBookWriter writer, PeriodicSchedule beats) {
        this.writer = writer;
        this.beats = beats;
    }

    /** Beats at once, then once per interval. */
    @Override
    public int doWork() {
        if (!beats.claim()) {
            return 0;
        }
        writer.heartbeat();
        return 1;
    }

    @Override
    public String roleName() {
        return "pricebook-heartbeat";
    }

    WakeableIdleStrategy idleStrategy() {
        return WakeableIdleStrategy.untilDue(beats::dueNanos, beats.period());
    }
}
