package io.tradingstack.gateway.feed;

/**
 * The gateway's session: a positive number that changes at every start, shared by
 * both feeds. A subscriber that sees another session knows sequence numbers started again.
 */
record FeedSession(long id) {

    FeedSession {
        if (id <= 0) {
            throw new IllegalArgumentException("session=" + id + ", must be positive");
        }
    }

    /** The epoch millisecond of this start: positive and new at each start of one gateway. */
    static FeedSession startingNow() {
        return new FeedSession(System.currentTimeMillis());
    }
}
