package io.tradingstack.strategy.order;

import java.time.Instant;

/**
 * An order client's state for a health page.
 *
 * @param strategyId     whose orders it carries
 * @param orderManager   {@code host:port}
 * @param connected      a connection to the order manager is open (logged on when a token is set)
 * @param inFlight       the clientOrderId being sent or awaited, "" when none
 * @param lastError      the last problem: a failed connect, a timeout, a closed connection, an
 *                       {@code error} frame; "" when none yet
 * @param lastErrorAt    when it happened; null when none yet
 */
public record OrderClientStatus(String strategyId, String orderManager, boolean connected, String inFlight,
        String lastError, Instant lastErrorAt) {
}
