package io.tradingstack.strategy.signal;

import java.util.Objects;

/**
 * What a strategy decided on a news tick: an order to send, or none, with the signal that led
 * to it in words ({@code GET /api/strategies} shows it as the last signal).
 *
 * @param signal why, for a human: {@code "BUY 100: price UP ..., news BULLISH ..."}
 * @param order  the order to send, or null for none
 */
public record Decision(String signal, OrderIntent order) {

    public Decision {
        Objects.requireNonNull(signal, "signal");
    }

    /** No order. */
    public static Decision hold(String signal) {
        return new Decision(signal, null);
    }

    /** Send {@code order}. */
    public static Decision trade(String signal, OrderIntent order) {
        return new Decision(signal, Objects.requireNonNull(order, "order"));
    }

    public boolean trades() {
        return order != null;
    }
}
