package io.tradingstack.gateway.feed;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.tcp.FrameConnection;
import io.tradingstack.tcp.FrameHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed protocol of one port, on top of the shared frame server (which refuses connections
 * over the cap and frames not complete within the read timeout): a new connection gets nothing
 * until its first frame, which must be a {@code replay} arriving within the replay timeout; then
 * it is a {@link Subscriber} of the {@link Feed}. Anything else it sends, before or after, is a
 * protocol error: an {@code error} frame, a close of that connection only, and a count in
 * {@code trading.frames.invalid}.
 *
 * <p>Called from the connection's reading thread (open, frames), from the timer thread (replay
 * deadlines) and from whichever thread closed a connection (close).
 */
final class FeedProtocol implements FrameHandler<FeedConnection> {

    private static final Logger log = LoggerFactory.getLogger(FeedProtocol.class);

    /** How long a subscriber's sender has to write its farewell {@code error} before the connection is closed anyway. */
    private static final long FAREWELL_GRACE_MILLIS = 1_000;

    private final FeedKind kind;
    private final Feed feed;
    private final SubscriberSettings subscriberSettings;
    private final FeedTimer timer;
    private final Duration replayTimeout;
    private final AtomicInteger senderThreads = new AtomicInteger();

    FeedProtocol(FeedKind kind, Feed feed, SubscriberSettings subscriberSettings, FeedTimer timer,
            Duration replayTimeout) {
        this.kind = kind;
        this.feed = feed;
        this.subscriberSettings = subscriberSettings;
        this.timer = timer;
        this.replayTimeout = replayTimeout;
    }

    @Override
    public FeedConnection onOpen(FrameConnection connection) {
        FeedConnection feedConnection = new FeedConnection(connection);
        ScheduledFuture<?> deadline = timer.schedule(() -> onReplayDeadline(feedConnection), replayTimeout.toNanos());
        if (deadline == null) {
            connection.close(); // shutting down
        } else {
            feedConnection.replayDeadline(deadline);
        }
        return feedConnection;
    }

    @Override
    public void onClose(FeedConnection feedConnection) {
        if (feedConnection.close() == FeedConnection.State.SUBSCRIBED) {
            Subscriber subscriber = feedConnection.subscriber();
            subscriber.stop();
            feed.unsubscribe(subscriber);
            log.info("feed={} connection={} closed", kind, feedConnection.id());
        }
    }

    @Override
    public void onFrame(FeedConnection feedConnection, Decoded frame) {
        switch (feedConnection.state()) {
            case AWAITING_REPLAY -> {
                if (frame instanceof ReplayRequest request) {
                    subscribe(feedConnection, request);
                } else {
                    closeForViolation(feedConnection, errorFor(frame, FeedRefusal.NO_REPLAY,
                            "the first frame must be a replay, got "));
                }
            }
            case SUBSCRIBED -> closeForViolation(feedConnection, errorFor(frame, FeedRefusal.UNEXPECTED_FRAME,
                    "a subscriber sends nothing after its replay, got "));
            case CLOSED -> {
                // On its way out; what it still sends is neither answered nor counted again.
            }
        }
    }

    private void subscribe(FeedConnection feedConnection, ReplayRequest request) {
        Subscriber subscriber = new Subscriber(kind, feedConnection.connection().tcp(), subscriberSettings,
                timer.executor());
        if (!feedConnection.subscribe(subscriber)) {
            return; // the replay deadline or a close came first
        }
        ReplayOutcome outcome = feed.subscribe(subscriber, request);
        if (outcome.subscribed()) {
            subscriber.start("feed-" + kind + "-sender-" + senderThreads.incrementAndGet());
            log.info("feed={} connection={} subscribed: replay fromSeq={} session={} answered {} firstSeq={} heldFrames={}",
                    kind, feedConnection.id(), request.fromSeq(), request.session(), outcome.kind(), outcome.firstSeq(),
                    outcome.frames());
        }
    }

    private void onReplayDeadline(FeedConnection feedConnection) {
        if (feedConnection.expire()) {
            refuse(feedConnection, FeedConnection.State.AWAITING_REPLAY, new ErrorFrame(FeedRefusal.NO_REPLAY.name(),
                    "no replay within " + replayTimeout.toMillis() + " ms of the accept"));
        }
    }

    private void closeForViolation(FeedConnection feedConnection, ErrorFrame error) {
        FeedConnection.State previous = feedConnection.close();
        if (previous != FeedConnection.State.CLOSED) {
            refuse(feedConnection, previous, error);
        }
    }

    /** Counts, logs once, answers with {@code error} and closes the connection. */
    private void refuse(FeedConnection feedConnection, FeedConnection.State previous, ErrorFrame error) {
        if (previous != FeedConnection.State.SUBSCRIBED) {
            feedConnection.connection().refuse(error);
        } else if (feedConnection.connection().countRefusal(error)) {
            // Its sender writes the error after the batch in flight, so the error is the last frame.
            Subscriber subscriber = feedConnection.subscriber();
            feed.unsubscribe(subscriber);
            subscriber.closeWithError(error);
            if (timer.schedule(subscriber::closeConnection, TimeUnit.MILLISECONDS.toNanos(FAREWELL_GRACE_MILLIS)) == null) {
                subscriber.closeConnection();
            }
        }
    }

    private static ErrorFrame errorFor(Decoded frame, FeedRefusal refusal, String detailPrefix) {
        if (frame instanceof DecodeError decodeError) {
            return decodeError.toErrorFrame();
        }
        return new ErrorFrame(refusal.name(), detailPrefix + ((Message) frame).type().wireName());
    }
}
