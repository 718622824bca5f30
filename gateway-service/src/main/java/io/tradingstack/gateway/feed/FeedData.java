package io.tradingstack.gateway.feed;

import io.tradingstack.protocol.Message;

/**
 * A data message before its feed publishes it: the source says what happened, the feed adds
 * the session, the next sequence number and the emit time, so that only the feed decides
 * the order of its messages.
 */
public sealed interface FeedData permits PriceQuote, NewsItem {

    /** The wire message with the feed's stamp. */
    Message stamp(long session, long seq, long ts);
}
