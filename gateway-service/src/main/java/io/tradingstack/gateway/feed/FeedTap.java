package io.tradingstack.gateway.feed;

import io.tradingstack.protocol.Message;

/**
 * Sees every message a feed publishes, in the feed's order, such as the CSV recorder.
 *
 * <p>Called on the publishing thread while the feed holds its lock: an implementation hands
 * the message on and returns; it never blocks or does I/O there.
 */
@FunctionalInterface
public interface FeedTap {

    FeedTap NONE = message -> {
    };

    void onPublished(Message message);
}
