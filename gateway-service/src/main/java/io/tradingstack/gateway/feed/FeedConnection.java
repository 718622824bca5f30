package io.tradingstack.gateway.feed;

import java.util.concurrent.ScheduledFuture;

import io.tradingstack.tcp.FrameConnection;

/**
 * The feed protocol's state of one accepted connection: waiting for its {@code replay},
 * subscribed, or closed.
 * The reading thread, the replay deadline and the close event race for the transitions, so
 * each one is a single synchronized step and only one of them wins.
 */
final class FeedConnection {

    enum State {
        AWAITING_REPLAY,
        SUBSCRIBED,
        CLOSED
    }

    private final FrameConnection connection;

    // Guarded by this.
    private State state = State.AWAITING_REPLAY;
    private ScheduledFuture<?> replayDeadline;
    private Subscriber subscriber;

    FeedConnection(FrameConnection connection) {
        this.connection = connection;
    }

    FrameConnection connection() {
        return connection;
    }

    String id() {
        return connection.id();
    }

    synchronized State state() {
        return state;
    }

    synchronized Subscriber subscriber() {
        return subscriber;
    }

    synchronized void replayDeadline(ScheduledFuture<?> deadline) {
        if (state == State.AWAITING_REPLAY) {
            replayDeadline = deadline;
        } else {
            deadline.cancel(false);
        }
    }

    /** AWAITING_REPLAY → SUBSCRIBED; false when the connection already left AWAITING_REPLAY. */
    synchronized boolean subscribe(Subscriber newSubscriber) {
        if (state != State.AWAITING_REPLAY) {
            return false;
        }
        state = State.SUBSCRIBED;
        subscriber = newSubscriber;
        cancelDeadline();
        return true;
    }

    /** AWAITING_REPLAY → CLOSED, for the replay deadline; false when a replay or a close came first. */
    synchronized boolean expire() {
        if (state != State.AWAITING_REPLAY) {
            return false;
        }
        state = State.CLOSED;
        return true;
    }

    /** Any state → CLOSED; returns the state it left, so that only the first closer acts. */
    synchronized State close() {
        State previous = state;
        state = State.CLOSED;
        cancelDeadline();
        return previous;
    }

    private void cancelDeadline() {
        if (replayDeadline != null) {
            replayDeadline.cancel(false);
            replayDeadline = null;
        }
    }
}
