package io.tradingstack.gateway.feed;

import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.PriceTick;

/**
 * A two-sided quote for the price feed.
 *
 * @param bid fixed point ({@link io.tradingstack.protocol.Prices}), positive
 * @param ask fixed point, above {@code bid}
 */
public record PriceQuote(String symbol, long bid, long ask) implements FeedData {

    @Override
    public Message stamp(long session, long seq, long ts) {
        return new PriceTick(session, seq, symbol, bid, ask, ts);
    }
}
