package io.tradingstack.feed;

import io.tradingstack.protocol.ReplayRequest;

/**
 * Where a subscriber stands in a feed: the gateway session it follows and the last
 * data sequence it accepted, and so what to ask for on the next connect.
 *
 * <p>Only the feed thread changes it. {@link #session()} and {@link #lastSeq()} are volatile so
 * that a health check on another thread reads recent values.
 *
 * <p>Before any data or reset the subscriber has no position: it connects live only, and takes
 * the first data message's sequence, whatever it is, as its starting point.
 */
final class FeedSequence {

    /** What a data message or heartbeat means for the order of the feed. */
    enum Verdict {
        /** The next message (or a heartbeat that confirms nothing was lost): accept it. */
        IN_ORDER,
        /** Already accepted in this session: drop it. */
        DUPLICATE,
        /** Messages are missing: reconnect and replay from {@code lastSeq + 1}. */
        GAP
    }

    private volatile long session = ReplayRequest.NO_SESSION;
    private volatile long lastSeq;
    private boolean positioned;

    /**
     * Follows the session of an incoming frame.
     *
     * @return true when it replaces a session seen before, i.e. the gateway restarted; then a
     *         positioned subscriber expects sequence 1 next (a reset, if one comes, says otherwise)
     */
    boolean followSession(long frameSession) {
        if (frameSession == session) {
            return false;
        }
        boolean known = session != ReplayRequest.NO_SESSION;
        session = frameSession;
        if (positioned) {
            lastSeq = 0;
        }
        return known;
    }

    /** Judges the sequence of a data message in the current session and accepts it if in order. */
    Verdict onData(long seq) {
        if (!positioned) {
            positioned = true;
            lastSeq = seq;
            return Verdict.IN_ORDER;
        }
        long expected = lastSeq + 1;
        if (seq == expected) {
            lastSeq = seq;
            return Verdict.IN_ORDER;
        }
        return seq < expected ? Verdict.DUPLICATE : Verdict.GAP;
    }

    /** A reset: data continues from {@code firstSeq}; what came before it is lost. */
    void onReset(long firstSeq) {
        positioned = true;
        lastSeq = firstSeq - 1;
    }

    /**
     * Judges a heartbeat, which carries the last data sequence the gateway sent on this
     * connection: above ours, something was lost on the way.
     */
    Verdict onHeartbeat(long lastSentSeq) {
        return positioned && lastSentSeq > lastSeq ? Verdict.GAP : Verdict.IN_ORDER;
    }

    /** The replay request for the next connection: live only, or from the sequence after ours. */
    ReplayRequest replayRequest() {
        return positioned ? new ReplayRequest(lastSeq + 1, session) : ReplayRequest.liveOnly();
    }

    long session() {
        return session;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** The sequence expected next. */
    long expectedSeq() {
        return lastSeq + 1;
    }
}
