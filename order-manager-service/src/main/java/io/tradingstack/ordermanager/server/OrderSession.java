package io.tradingstack.ordermanager.server;

import io.tradingstack.tcp.FrameConnection;

/**
 * One order connection: whether its first frame has come and the strategy it logged on as.
 * Frames are handled on the connection's reading thread only; whether it is closing is the
 * {@link FrameConnection}'s.
 */
final class OrderSession {

    private final FrameConnection connection;
    private boolean anyFrame; // reading thread only
    private String strategyId; // reading thread only

    OrderSession(FrameConnection connection) {
        this.connection = connection;
    }

    FrameConnection connection() {
        return connection;
    }

    String id() {
        return connection.id();
    }

    /** Marks a frame as seen; true if it is the connection's first. */
    boolean firstFrame() {
        boolean first = !anyFrame;
        anyFrame = true;
        return first;
    }

    /** The strategy this connection logged on as, or null. */
    String strategyId() {
        return strategyId;
    }

    void logOn(String strategy) {
        this.strategyId = strategy;
    }
}
