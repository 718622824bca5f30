package io.tradingstack.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.protocol.QuietOnPeerLossConnection;
import io.tradingstack.protocol.FrameDeserializer;
import io.tradingstack.protocol.FrameSerializer;
import io.tradingstack.protocol.ReplayRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.support.MessageBuilder;

/**
 * Subscribes to one gateway feed and hands its data messages, in order, to a
 * {@link FeedListener}; the server side is the gateway's feed server.
 *
 * <p>It connects, sends its one {@code replay} frame (live only on the first connect, else
 * from its last sequence + 1 in the last session seen), then reads. A sequence gap, a
 * heartbeat ahead of it, an {@code error} frame, an invalid frame or 3 silent heartbeat
 * intervals close the connection; it then reconnects with backoff and replays. Counters:
 * {@code trading.feed.messages.received}, {@code .gaps}, {@code .resets.received},
 * {@code .reconnects}, {@code .sessions} tagged with the feed, and
 * {@code trading.frames.invalid{service,reason}}.
 *
 * <h2>One thread</h2>
 * The client owns one thread, {@code feed-<feed>}, which connects, sends the replay, reads,
 * calls the listener and waits out the backoff, for the client's whole life. Spring
 * Integration's {@link TcpNetClientConnectionFactory} builds the connection and hands its read
 * loop ({@link TcpNetConnection#run()}, which calls {@link FeedReceiver#onMessage} for every
 * decoded frame) to the factory's task executor. This client's executor does not start a
 * thread: it keeps the read loop, and the feed thread runs it after sending the replay,
 * until the connection closes. So every {@link FeedListener} call happens on the feed thread,
 * across reconnects, and a listener may own single-writer state.
 *
 * <p>Lifecycle: {@link #start()} returns at once and the feed thread connects in the
 * background; {@link #stop()} closes the connection, ends the thread and waits for it; it is
 * idempotent. A stopped client cannot be started again (its one thread is gone): create a new one.
 */
public final class FeedClient implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(FeedClient.class);

    /** Connection events are not used here; the factory still needs a publisher (see connectionFactory). */
    private static final ApplicationEventPublisher NO_EVENTS = event -> {
    };

    private final Feed feed;
    private final FeedClientConfig config;
    private final FeedListener listener;
    private final FeedMetrics metrics;
    private final FeedReceiver receiver;
    private final Backoff backoff;
    private final TcpNetClientConnectionFactory connectionFactory;
    private final Thread thread;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Object lifecycleLock = new Object();

    private boolean started;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile String reason = "not started";

    // feed thread only
    private Runnable pendingReadLoop;
    private boolean everConnected;
    private String lastProblem;

    /**
     * @param feed     which feed: the {@code feed} tag and the thread's name
     * @param service  the {@code service} tag of {@code trading.frames.invalid}, e.g. {@code orderbook}
     * @param config   where and how to connect
     * @param listener receives the data and connection changes, on the feed thread
     * @param registry where the counters go
     */
    public FeedClient(Feed feed, String service, FeedClientConfig config, FeedListener listener, MeterRegistry registry) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = new FeedMetrics(Objects.requireNonNull(registry, "registry"), feed,
                Objects.requireNonNull(service, "service"));
        this.receiver = new FeedReceiver(feed, config, listener, metrics);
        this.backoff = new Backoff(saturatedNanos(config.backoffInitial()), saturatedNanos(config.backoffMax()));
        this.connectionFactory = connectionFactory(config);
        this.thread = new Thread(this::run, "feed-" + feed.tag());
        this.thread.setDaemon(true);
    }

    private TcpNetClientConnectionFactory connectionFactory(FeedClientConfig config) {
        TcpNetClientConnectionFactory factory = Tcp.netClient(config.host(), config.port())
            .soTcpNoDelay(true)
            // A read that waits this long means the gateway missed 3 heartbeats: the factory closes it.
            .soTimeout((int) config.deadAfter().toMillis())
            .connectTimeout(config.connectTimeoutSeconds())
            .serializer(new FrameSerializer(config.maxFrameLength()))
            .deserializer(new FrameDeserializer(config.maxFrameLength()))
            .taskExecutor(this::keepReadLoop)
            .connectionSupport(QuietOnPeerLossConnection::new)
            .getObject();
        // Connection events are not used, but the factory needs a publisher: it throws a
        // NullPointerException on a failed connect without one.
        factory.setApplicationEventPublisher(NO_EVENTS);
        factory.registerListener(receiver);
        return factory;
    }

    /** The factory's task executor: keeps the new connection's read loop for the feed thread to run. */
    private void keepReadLoop(Runnable readLoop) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("connection opened on " + Thread.currentThread() + ", expected " + thread);
        }
        pendingReadLoop = readLoop;
    }

    /** Connects in the background; returns at once. Calling it again while running does nothing. */
    @Override
    public void start() {
        synchronized (lifecycleLock) {
            if (started) {
                if (!running) {
                    throw new IllegalStateException(feed.tag() + " feed client was stopped; create a new one");
                }
                return;
            }
            started = true;
            reason = "connecting";
            running = true;
            connectionFactory.start();
            thread.start();
        }
    }

    /** Closes the connection and ends the feed thread, waiting for it; idempotent. */
    @Override
    public void stop() {
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            running = false;
        }
        stopSignal.countDown();
        receiver.close("stopped");
        // Closes every connection the factory holds, including one that is being opened now.
        connectionFactory.stop();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds() + 5L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn(feed.tag() + " feed thread did not stop in time: " + thread);
            }
        }
        // A connection that finished opening while the factory stopped is still open: close it.
        if (!connectionFactory.getOpenConnectionIds().isEmpty()) {
            connectionFactory.stop();
        }
        reason = "stopped";
        connected = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The state for a health check; cheap, callable from any thread. */
    public FeedStatus status() {
        long lastFrame = receiver.lastFrameMillis();
        boolean up = connected;
        return new FeedStatus(feed, up, receiver.session(), receiver.lastSeq(),
                lastFrame == 0 ? null : Instant.ofEpochMilli(lastFrame), up ? "" : reason);
    }

    public boolean isConnected() {
        return connected;
    }

    public Feed feed() {
        return feed;
    }

    public FeedClientConfig config() {
        return config;
    }

    private void run() {
        try {
            while (running) {
                long attemptStart = System.nanoTime();
                boolean good = connectAndRead();
                if (!running) {
                    break;
                }
                long delay = backoff.delayAfter(good, attemptStart, System.nanoTime());
                if (delay > 0 && stopSignal.await(delay, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            // A bug (e.g. an AssertionError from a single-writer check): stop feeding rather than
            // deliver on in an unknown state; the status tells a health check why.
            connected = false;
            reason = "feed thread failed: " + describe(e);
            log.error(feed.tag() + " feed thread failed and stopped; no more messages will be delivered", e);
        }
    }

    /** One connection: connect, send the replay, read until it closes. Returns whether it was good. */
    private boolean connectAndRead() throws InterruptedException {
        TcpConnectionSupport connection;
        try {
            connection = connectionFactory.getConnection();
        } catch (RuntimeException e) {
            pendingReadLoop = null;
            if (running) {
                notConnected("cannot connect to " + address() + ": " + describe(e));
            }
            return false;
        }
        Runnable readLoop = pendingReadLoop;
        pendingReadLoop = null;
        ReplayRequest replay = receiver.begin(connection);
        if (!running || readLoop == null) {
            connection.close();
            receiver.end();
            return false;
        }
        try {
            // The first and only frame a subscriber sends.
            connection.send(MessageBuilder.withPayload(replay).build());
        } catch (RuntimeException e) {
            connection.close();
            receiver.end();
            if (running) {
                notConnected("sending the replay to " + address() + " failed: " + describe(e));
            }
            return false;
        }
        up(replay);
        try {
            // Spring Integration's read loop: frames to the receiver, on this thread, until the connection closes.
            readLoop.run();
        } catch (Throwable e) {
            receiver.close("feed thread failed: " + describe(e));
            throw e;
        } finally {
            String why = receiver.end();
            down(running ? why : "stopped", receiver.wasGood());
        }
        return receiver.wasGood();
    }

    private void up(ReplayRequest replay) {
        if (everConnected) {
            metrics.reconnects.increment();
        }
        everConnected = true;
        reason = "";
        connected = true;
        log.info(feed.tag() + " feed connected to " + address() + ", replay fromSeq=" + replay.fromSeq()
                + (replay.session() == ReplayRequest.NO_SESSION ? " (live only)" : " session=" + replay.session()));
        try {
            listener.onConnected(replay);
        } catch (RuntimeException e) {
            log.error(feed.tag() + " feed: listener failed on connect", e);
        }
    }

    private void down(String why, boolean good) {
        connected = false;
        reason = why;
        String text = feed.tag() + " feed disconnected from " + address() + ": " + why;
        if (!running) {
            log.info(text);
        } else if (isRepeat(why, good)) {
            log.debug(text);
        } else {
            log.warn(text + "; reconnecting");
        }
        try {
            listener.onDisconnected(why);
        } catch (RuntimeException e) {
            log.error(feed.tag() + " feed: listener failed on disconnect", e);
        }
    }

    private void notConnected(String why) {
        reason = why;
        if (isRepeat(why, false)) {
            log.debug(why);
        } else {
            log.warn(feed.tag() + " feed: " + why + "; retrying with backoff up to " + config.backoffMax());
        }
    }

    /** A problem that repeats with nothing good in between is logged once, then at debug. */
    private boolean isRepeat(String problem, boolean afterGoodConnection) {
        boolean repeat = !afterGoodConnection && problem.equals(lastProblem);
        lastProblem = problem;
        return repeat;
    }

    private String address() {
        return config.host() + ":" + config.port();
    }

    /** The innermost cause, as {@code ConnectException: Connection refused}. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : duration.toNanos();
    }

    @Override
    public String toString() {
        return "FeedClient{feed=" + feed.tag() + ", gateway=" + address() + ", connected=" + connected + '}';
    }
}
