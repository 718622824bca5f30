package io.tradingstack.ordermanager.server;

import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.tcp.FrameConnection;
import java.util.function.Function;

/**
 * One order connection: whether its first frame has come, the strategy it logged on as, and the
 * frames decided and not yet answered. Frames are handled on the connection's reading thread;
 * their executions are written by whichever thread commits them, once stored ({@link OrderEntry}), so the
 * count of unanswered frames is shared between the two. Whether it is closing is the
 * {@link FrameConnection}'s.
 */
final class OrderSession {

    private final FrameConnection connection;
    private final OrderEntry.Reply reply;
    private boolean anyFrame; // reading thread only
    private String strategyId; // reading thread only
    private int unanswered; // guarded by this

    OrderSession(FrameConnection connection, Function<OrderSession, OrderEntry.Reply> reply) {
        this.connection = connection;
        this.reply = reply.apply(this);
    }

    FrameConnection connection() {
        return connection;
    }

    String id() {
        return connection.id();
    }

    /** Where the engine's answers to this connection go. */
    OrderEntry.Reply reply() {
        return reply;
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

    /** A frame handed to the engine: an answer is owed. */
    synchronized void expectAnswer() {
        unanswered++;
    }

    /** An owed answer was written (or given up): any thread. */
    synchronized void answered() {
        if (--unanswered == 0) {
            notifyAll();
        }
    }

    /**
     * Waits until every frame handed to the engine is answered, so that an {@code error} and close
     * come after the executions owed. Bounded: the committing thread answers each batch once stored,
     * and a write that blocks is cut after the answer write timeout.
     */
    synchronized void awaitAnswered() throws InterruptedException {
        while (unanswered > 0) {
            wait();
        }
    }
}
