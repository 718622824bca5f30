package io.tradingstack.gateway.feed;

import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;

/**
 * A news item for the news feed.
 *
 * @param sentiment 0 (very negative) to 100 (very positive)
 */
public record NewsItem(String symbol, int sentiment, String headline) implements FeedData {

    @Override
    public Message stamp(long session, long seq, long ts) {
        return new NewsTick(session, seq, symbol, sentiment, headline, ts);
    }
}
