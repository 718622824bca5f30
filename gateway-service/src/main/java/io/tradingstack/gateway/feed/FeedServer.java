package io.tradingstack.gateway.feed;

import io.tradingstack.metrics.InvalidFrames;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.ReplayRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.support.GenericMessage;

/**
 * The feed protocol of one port: a new connection gets nothing until its
 * first frame, which must be a {@code replay} arriving within the replay timeout; then it is a
 * {@link Subscriber} of the {@link Feed}. Anything else it sends, before or after, is a
 * protocol error: an {@code error} frame, a close of that connection only, and a count in
 * {@code trading.frames.invalid}.
 *
 * <p>Called from the connection's reading thread (frames, open events), from the timer thread
 * (replay deadlines) and from whichever thread closed a connection (close events).
 */
final class FeedServer {

    private static final Logger log = LoggerFactory.getLogger(FeedServer.class);

    /** How long a subscriber's sender has to write its farewell {@code error} before the connection is closed anyway. */
    private static final long FAREWELL_GRACE_MILLIS = 1_000;

    private final FeedKind kind;
    private final Feed feed;
    private final AbstractServerConnectionFactory factory;
    private final SubscriberSettings subscriberSettings;
    private final ScheduledExecutorService timer;
    private final InvalidFrames invalidFrames;
    private final int maxConnections;
    private final Duration replayTimeout;
    private final ConcurrentHashMap<String, FeedConnection> connections = new ConcurrentHashMap<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger senderThreads = new AtomicInteger();
    private final CountDownLatch listening = new CountDownLatch(1);

    FeedServer(FeedKind kind, Feed feed, AbstractServerConnectionFactory factory, SubscriberSettings subscriberSettings,
            ScheduledExecutorService timer, InvalidFrames invalidFrames, int maxConnections, Duration replayTimeout) {
        this.kind = kind;
        this.feed = feed;
        this.factory = factory;
        this.subscriberSettings = subscriberSettings;
        this.timer = timer;
        this.invalidFrames = invalidFrames;
        this.maxConnections = maxConnections;
        this.replayTimeout = replayTimeout;
    }

    FeedKind kind() {
        return kind;
    }

    Feed feed() {
        return feed;
    }

    AbstractServerConnectionFactory factory() {
        return factory;
    }

    boolean owns(String connectionFactoryName) {
        return factory.getComponentName().equals(connectionFactoryName);
    }

    /** The bound port: the configured one, or the one the system picked for port 0. */
    int port() {
        return factory.getPort();
    }

    boolean isListening() {
        return factory.isListening();
    }

    int openConnections() {
        return openConnections.get();
    }

    void onListening() {
        listening.countDown();
    }

    boolean awaitListening(long timeout, TimeUnit unit) throws InterruptedException {
        return listening.await(timeout, unit) && isListening();
    }

    void onOpen(TcpConnection connection) {
        if (openConnections.incrementAndGet() > maxConnections) {
            openConnections.decrementAndGet();
            log.warn("feed={} connection={} refused: max-connections={} reached", kind, connection.getConnectionId(),
                    maxConnections);
            sendAndClose(connection, new ErrorFrame(FeedRefusal.TOO_MANY_CONNECTIONS.name(),
                    "the " + kind + " feed accepts at most " + maxConnections + " connections"));
            return;
        }
        FeedConnection feedConnection = new FeedConnection(connection);
        connections.put(feedConnection.id(), feedConnection);
        ScheduledFuture<?> deadline = schedule(() -> onReplayDeadline(feedConnection), replayTimeout.toNanos());
        if (deadline == null) {
            connection.close(); // shutting down
            return;
        }
        feedConnection.replayDeadline(deadline);
        log.debug("feed={} connection={} accepted", kind, feedConnection.id());
    }

    void onClose(String connectionId) {
        FeedConnection feedConnection = connections.remove(connectionId);
        if (feedConnection == null) {
            return; // refused at open
        }
        openConnections.decrementAndGet();
        if (feedConnection.close() == FeedConnection.State.SUBSCRIBED) {
            Subscriber subscriber = feedConnection.subscriber();
            subscriber.stop();
            feed.unsubscribe(subscriber);
            log.info("feed={} connection={} closed", kind, connectionId);
        }
    }

    void onFrame(String connectionId, Decoded frame) {
        FeedConnection feedConnection = connectionId == null ? null : connections.get(connectionId);
        if (feedConnection == null) {
            return; // refused or already closed: its close event is on its way
        }
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

    /** Ends every subscription, at shutdown; the connection factory closes the sockets. */
    void shutdown() {
        for (FeedConnection feedConnection : connections.values()) {
            if (feedConnection.close() == FeedConnection.State.SUBSCRIBED) {
                feedConnection.subscriber().stop();
                feed.unsubscribe(feedConnection.subscriber());
            }
        }
    }

    private void subscribe(FeedConnection feedConnection, ReplayRequest request) {
        Subscriber subscriber = new Subscriber(kind, feedConnection.connection(), subscriberSettings, timer);
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
        invalidFrames.count(error.reason());
        log.warn("feed={} connection={} closed for a protocol error: reason={} detail={}", kind, feedConnection.id(),
                error.reason(), error.detail());
        if (previous == FeedConnection.State.SUBSCRIBED) {
            // Its sender writes the error after the batch in flight, so the error is the last frame.
            Subscriber subscriber = feedConnection.subscriber();
            feed.unsubscribe(subscriber);
            subscriber.closeWithError(error);
            if (schedule(subscriber::closeConnection, TimeUnit.MILLISECONDS.toNanos(FAREWELL_GRACE_MILLIS)) == null) {
                subscriber.closeConnection();
            }
        } else {
            // Nothing was sent on this connection yet, so this small write finds an empty socket buffer.
            sendAndClose(feedConnection.connection(), error);
        }
    }

    /** Schedules on the shared timer; null once the timer has shut down (the application is stopping). */
    private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        try {
            return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    private static ErrorFrame errorFor(Decoded frame, FeedRefusal refusal, String detailPrefix) {
        if (frame instanceof DecodeError decodeError) {
            return decodeError.toErrorFrame();
        }
        return new ErrorFrame(refusal.name(), detailPrefix + ((Message) frame).type().wireName());
    }

    private void sendAndClose(TcpConnection connection, ErrorFrame error) {
        try {
            connection.send(new GenericMessage<>(error));
        } catch (RuntimeException e) {
            log.debug("feed={} connection={} error frame not sent: {}", kind, connection.getConnectionId(), e.toString());
        } finally {
            connection.close();
        }
    }
}
