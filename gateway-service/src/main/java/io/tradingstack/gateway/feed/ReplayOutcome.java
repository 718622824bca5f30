package io.tradingstack.gateway.feed;

/**
 * How a feed answered a {@code replay}.
 *
 * @param kind     what was sent ahead of live data
 * @param firstSeq the first sequence the subscriber receives
 * @param frames   the held frames queued for it
 */
record ReplayOutcome(Kind kind, long firstSeq, long frames) {

    enum Kind {
        /** {@code fromSeq} 0: live messages only. */
        LIVE,
        /** The held messages from {@code fromSeq}, then live. */
        REPLAYED,
        /** What was asked could not be served: a {@code reset}, the whole ring, then live. */
        RESET,
        /** The replay alone passed the subscriber's byte limit: cut off. */
        CUT,
        /** The connection closed before the subscription was made. */
        CLOSED
    }

    boolean subscribed() {
        return kind == Kind.LIVE || kind == Kind.REPLAYED || kind == Kind.RESET;
    }
}
