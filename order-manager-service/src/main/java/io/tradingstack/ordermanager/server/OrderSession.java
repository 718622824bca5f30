package io.tradingstack.ordermanager.server;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * One order connection: whether its first frame has come, the strategy it logged on as, and
 * whether it is closed. Frames are handled on the connection's reading thread only; the close
 * flag is also set by whichever thread closes it, hence volatile.
 */
final class OrderSession {

    private final TcpConnection connection;
    private boolean anyFrame; // reading thread only
    private String strategyId; // reading thread only
    private volatile boolean closed;

    OrderSession(TcpConnection connection) {
        this.connection = connection;
    }

    TcpConnection connection() {
        return connection;
    }

    String id() {
        return connection.getConnectionId();
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

    boolean isClosed() {
        return closed;
    }

    /** Marks it closed; true for the first caller only. */
    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
