package io.tradingstack.orderbook.book;

import io.tradingstack.agent.PeriodicAgent;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.pricebook.PriceBookWriter;

/**
 * The {@code pricebook-heartbeat} agent: stamps the book header with the writer's clock once per
 * interval, so that readers can tell the writer is alive even while no price moves (a quiet
 * market, a gateway away). The header heartbeat is one release store of its own field, safe from
 * this agent's thread ({@link PriceBookWriter#heartbeat()}); prices stay with the feed thread.
 * Between beats the agent parks until the next one is due.
 */
final class BookHeartbeat {

    static final String ROLE = "pricebook-heartbeat";

    private BookHeartbeat() {
    }

    /** Beats at once, then once per interval of {@code beats}. */
    static PeriodicAgent agent(PriceBookWriter writer, PeriodicSchedule beats) {
        return new PeriodicAgent(ROLE, beats, writer::heartbeat);
    }
}
