package io.tradingstack.feed;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import io.tradingstack.tcp.QuietOnPeerLossConnection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Receives the frames of one connection at a time, as the inbound adapter hands them on, and
 * applies the subscriber side of the feed protocol: delivers data in order, drops
 * duplicates, follows resets and new sessions, and closes the connection on a gap, a
 * heartbeat ahead of us, an {@code error} frame or an invalid frame, so that the client
 * reconnects and replays.
 *
 * <p>{@link #begin}, {@link #onFrames} and {@link #readFailed} run on the feed thread, the one
 * thread that runs every connection's read loop in turn (see {@link FeedClient}); {@link #close}
 * and {@link #end} may run on any thread.
 */
final class FeedReceiver {

    private static final Log log = LogFactory.getLog(FeedClient.class);

    /** The {@code reason} tag for a well-formed frame of a type a gateway never sends. */
    static final String UNEXPECTED_TYPE = "UNEXPECTED_TYPE";

    private final Feed feed;
    private final FeedListener listener;
    private final FeedMetrics metrics;
    private final FeedSequence sequence = new FeedSequence();
    private final String silenceReason;
    /** Cached once: the hot path checks a field, not the logging framework. */
    private final boolean debug = log.isDebugEnabled();
    /** Listener failures already logged with a stack trace, by exception class. */
    private final Set<Class<?>> listenerFailuresLogged = new HashSet<>();

    /** The first reason given for closing the current connection wins; set from any thread. */
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    private final AtomicReference<TcpConnection> connection = new AtomicReference<>();
    private volatile long lastFrameMillis;
    /** {@link System#nanoTime()} of the current connection's start or its last frames, for {@link #closeIfSilent}. */
    private volatile long lastHeardNanos;
    private final long silenceNanos;
    private ReplayRequest replay;
    private volatile boolean good;

    FeedReceiver(Feed feed, FeedClientConfig config, FeedListener listener, FeedMetrics metrics) {
        this.feed = feed;
        this.listener = listener;
        this.metrics = metrics;
        this.silenceReason = "no frame for " + config.deadAfter().toMillis() + " ms (" + config.deadAfterHeartbeats()
                + " heartbeat intervals): connection dead";
        this.silenceNanos = config.deadAfter().toNanos();
    }

    /** A new connection: its frames come next. Returns the replay request to send on it. */
    ReplayRequest begin(TcpConnection newConnection) {
        closeReason.set(null);
        good = false;
        replay = sequence.replayRequest();
        // Before the connection is set: the silence check never sees it with an older time.
        lastHeardNanos = System.nanoTime();
        connection.set(newConnection);
        return replay;
    }

    /**
     * The given connection ended: returns why, once; null when it is not the current
     * connection or its end was already reported.
     */
    String end(TcpConnection ended) {
        if (!connection.compareAndSet(ended, null)) {
            return null;
        }
        String reason = closeReason.get();
        return reason == null ? "closed by the gateway" : reason;
    }

    /** Whether the connection delivered at least one valid frame: data, heartbeat or reset. */
    boolean wasGood() {
        return good;
    }

    /** Closes the current connection, if any, recording why; safe from any thread. */
    void close(String reason) {
        closeReason.compareAndSet(null, reason);
        TcpConnection current = connection.get();
        if (current != null) {
            current.close();
        }
    }

    /**
     * Closes the current connection when nothing has arrived on it for the silence limit since
     * it opened or since its last frames: the gateway sends a heartbeat every interval, so it is
     * gone or frozen. The feed client checks a few times per limit on its connect thread, which
     * opens a connection only after the last one has ended, so a check never blames the next
     * connection for the last one's silence. The connections are the feed client's,
     * {@link QuietOnPeerLossConnection}s.
     */
    void closeIfSilent() {
        TcpConnection current = connection.get();
        if (current != null && System.nanoTime() - lastHeardNanos > silenceNanos) {
            closeReason.compareAndSet(null, silenceReason);
            // The feed thread ends it: the listener hears of the disconnect on that thread only.
            ((QuietOnPeerLossConnection) current).closeUnderReadLoop();
        }
    }

    /** Spring Integration's read loop failed (reset, closed); the connection closes next. */
    void readFailed(Throwable failure) {
        if (failure instanceof SoftEndOfStreamException || failure.getCause() instanceof SoftEndOfStreamException) {
            return; // the gateway closed between frames: "closed by the gateway"
        }
        closeReason.compareAndSet(null, "read failed: " + FeedClient.describe(failure));
    }

    /** The frames one read brought in, in order. */
    void onFrames(DecodedFrames frames) {
        lastFrameMillis = System.currentTimeMillis();
        lastHeardNanos = System.nanoTime();
        for (Decoded decoded : frames) {
            if (closeReason.get() != null) {
                return; // closing: what else the batch holds is neither delivered nor counted
            }
            onFrame(decoded);
        }
    }

    private void onFrame(Decoded payload) {
        if (payload instanceof PriceTick tick) {
            onData(tick, tick.session(), tick.seq());
        } else if (payload instanceof NewsTick tick) {
            onData(tick, tick.session(), tick.seq());
        } else if (payload instanceof Heartbeat heartbeat) {
            onHeartbeat(heartbeat);
        } else if (payload instanceof Reset reset) {
            onReset(reset);
        } else if (payload instanceof ErrorFrame error) {
            close("gateway sent error " + error.reason() + (error.detail().isEmpty() ? "" : ": " + error.detail()));
        } else if (payload instanceof DecodeError error) {
            metrics.invalidFrame(error.reason().name());
            close("invalid frame from the gateway: " + error);
        } else {
            metrics.invalidFrame(UNEXPECTED_TYPE);
            close("unexpected frame from the gateway: " + describe(payload));
        }
    }

    private void onData(Message data, long session, long seq) {
        followSession(session);
        switch (sequence.onData(seq)) {
            case IN_ORDER -> {
                good = true;
                metrics.messagesReceived.increment();
                deliver(data, seq);
            }
            case DUPLICATE -> {
                if (debug) {
                    log.debug(feed.tag() + " feed: dropped duplicate seq=" + seq + ", lastSeq=" + sequence.lastSeq());
                }
            }
            case GAP -> gap("sequence gap: expected seq " + sequence.expectedSeq() + ", got " + seq);
        }
    }

    private void onHeartbeat(Heartbeat heartbeat) {
        followSession(heartbeat.session());
        if (sequence.onHeartbeat(heartbeat.seq()) == FeedSequence.Verdict.GAP) {
            gap("heartbeat says seq " + heartbeat.seq() + " was sent, last received " + sequence.lastSeq());
        } else {
            good = true;
        }
    }

    private void onReset(Reset reset) {
        metrics.resetsReceived.increment();
        followSession(reset.session());
        log.warn(feed.tag() + " feed: gateway reset, data continues from seq " + reset.firstSeq() + " of session "
                + reset.session() + " (asked fromSeq=" + replay.fromSeq() + " of session " + replay.session()
                + "); what lies between is lost");
        sequence.onReset(reset.firstSeq());
        good = true;
    }

    private void followSession(long session) {
        long previous = sequence.session();
        if (sequence.followSession(session)) {
            metrics.sessions.increment();
            log.info(feed.tag() + " feed: new gateway session " + session + " (was " + previous + "): the gateway restarted");
        }
    }

    private void gap(String reason) {
        metrics.gaps.increment();
        close(reason);
    }

    private void deliver(Message data, long seq) {
        try {
            if (data instanceof PriceTick tick) {
                listener.onPrice(tick);
            } else {
                listener.onNews((NewsTick) data);
            }
        } catch (RuntimeException e) {
            // The sequence has moved on already: a bad message is skipped, not replayed forever.
            if (listenerFailuresLogged.add(e.getClass())) {
                log.error(feed.tag() + " feed: listener failed on seq=" + seq + "; skipped (further "
                        + e.getClass().getSimpleName() + "s are logged without a stack trace)", e);
            } else {
                log.warn(feed.tag() + " feed: listener failed on seq=" + seq + "; skipped: " + e);
            }
        }
    }

    private static String describe(Object payload) {
        return payload instanceof Message message ? message.type().wireName() : String.valueOf(payload);
    }

    long session() {
        return sequence.session();
    }

    long lastSeq() {
        return sequence.lastSeq();
    }

    /** Wall-clock millis of the last frame; 0 before any. */
    long lastFrameMillis() {
        return lastFrameMillis;
    }
}
