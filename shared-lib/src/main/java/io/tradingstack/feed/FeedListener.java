package io.tradingstack.feed;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import java.util.function.Consumer;

/**
 * What a {@link FeedClient} delivers: data messages in sequence order, with no hole and no
 * duplicate within a gateway session, and the connection going up and down.
 *
 * <p>Every method is called on the client's one feed thread (named {@code feed-<feed>}), the
 * same thread for the client's whole life, across reconnects. So a listener may own
 * single-writer state, such as a price book, without locks. A method that throws a
 * {@link RuntimeException} is logged and the message counts as delivered (the feed moves on
 * rather than replaying it forever); an {@link Error} stops the client.
 *
 * <p>The methods are on the hot path: return quickly and do not block.
 */
public interface FeedListener {

    /**
     * A connection is up and the replay request has been sent.
     *
     * @param replay what was asked: {@code fromSeq} 0 for live only, else the next sequence wanted
     */
    default void onConnected(ReplayRequest replay) {
    }

    /** The next price tick in sequence. */
    default void onPrice(PriceTick tick) {
    }

    /** The next news tick in sequence. */
    default void onNews(NewsTick tick) {
    }

    /**
     * The connection that {@link #onConnected} announced is closed; the client reconnects by itself
     * unless it is stopping.
     *
     * @param reason why, for a log or a health page: {@code "sequence gap: expected 12, got 15"}
     */
    default void onDisconnected(String reason) {
    }

    /**
     * Lends {@code warmUp} a listener of the same kind that may be given synthetic data, on the
     * feed thread before the first connect, so that the JIT compiles the listener's code before
     * real data arrives (see {@code warm-up-frames}). Nothing it is given may reach what this
     * listener serves: a price book writer lends one over a scratch book. The default lends a
     * listener that ignores everything, which warms the feed's own code only.
     */
    default void warmUp(Consumer<FeedListener> warmUp) {
        warmUp.accept(new FeedListener() {
        });
    }
}
