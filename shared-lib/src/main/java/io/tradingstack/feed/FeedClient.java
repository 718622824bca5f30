package io.tradingstack.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.tcp.FrameDeserializer;
import io.tradingstack.tcp.FrameMessageMapper;
import io.tradingstack.tcp.FrameSerializer;
import io.tradingstack.tcp.OutboundFrame;
import io.tradingstack.tcp.QuietOnPeerLossConnection;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.tls.ClientTls;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.channel.FixedSubscriberChannel;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetClientConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.inbound.TcpReceivingChannelAdapter;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

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
 * <h2>Spring Integration endpoints, two threads</h2>
 * A {@link TcpNetClientConnectionFactory} (TCP_NODELAY, the protocol's framing) and a
 * {@link TcpReceivingChannelAdapter} on it: the factory runs
 * each connection's read loop on its task executor, here one thread, {@code feed-<feed>}, that
 * runs the read loops of successive connections in turn; the adapter hands each batch of frames
 * to the {@link FeedReceiver} through a fixed-subscriber channel. So every {@link FeedListener}
 * call happens on that one thread, across reconnects, and a listener may own single-writer
 * state. The connection's open event (published by the read loop, on that thread) sends the
 * replay and announces the connection; its close event announces the end.
 *
 * <p>The adapter is not in Spring Integration's client mode: that mode retries at one fixed
 * interval and logs every failed connect at ERROR with a stack trace, whereas a subscriber backs
 * off exponentially ({@link ExponentialBackOff}) and logs a failing gateway once. So the second
 * thread, {@code feed-<feed>-connect}, asks the factory for a connection when one is due. It
 * also watches for silence, {@value #SILENCE_CHECKS_PER_LIMIT} times per limit: the reads block
 * with no socket timeout, because a timed read on a JDK socket is three system calls (a read that
 * finds nothing, a poll, the read) where a blocking read is one, on the path of every tick.
 *
 * <p>Before its first connect, when {@link FeedClientConfig#warmUpFrames()} is above 0, the feed
 * thread runs that many synthetic frames through the same deserializer and feed protocol into a
 * copy the listener lends ({@link FeedListener#warmUp}, see {@link FeedWarmUp}), so that a
 * subscriber that starts while the gateway publishes at a high rate reads with compiled code.
 *
 * <p>Lifecycle: {@link #start()} returns at once and connects in the background; {@link #stop()}
 * closes the connection and ends both threads, waiting for them; it is idempotent. A stopped
 * client cannot be started again: create a new one.
 */
public final class FeedClient implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(FeedClient.class);

    /** How often within the silence limit the connector thread looks: a dead feed is found within 1.25 limits. */
    static final int SILENCE_CHECKS_PER_LIMIT = 4;

    private final Feed feed;
    private final FeedClientConfig config;
    private final FeedListener listener;
    private final FeedMetrics metrics;
    private final FeedReceiver receiver;
    private final ExponentialBackOff backOff;
    private final ThreadPoolExecutor reader;
    private final ScheduledExecutorService connector;
    private final TcpNetClientConnectionFactory connectionFactory;
    private final TcpReceivingChannelAdapter inboundAdapter;
    private final Object lifecycleLock = new Object();
    /** The threads the executors made, joined by {@link #stop()}: an executor terminates just before its thread ends. */
    private final java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();

    private boolean started;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile String reason = "not started";
    /** Set once the feed thread failed (an {@link Error} from the listener): nothing reconnects. */
    private volatile boolean failed;

    // connector thread only
    private BackOffExecution backOffExecution;
    private long lastAttemptNanos;
    private String lastProblem;

    // feed thread only
    private boolean everConnected;

    /**
     * @param feed     which feed: the {@code feed} tag and the threads' names
     * @param service  the {@code service} tag of {@code trading.frames.invalid}, e.g. {@code orderbook}
     * @param config   where and how to connect
     * @param listener receives the data and connection changes, on the feed thread
     * @param registry where the counters go
     */
    public FeedClient(Feed feed, String service, FeedClientConfig config, FeedListener listener, MeterRegistry registry) {
        this(feed, service, config, listener, registry, null);
    }

    /**
     * A feed client that connects with TLS: the gateway must present a certificate the bundle
     * trusts, for the configured host; the handshake is part of each connect (within the
     * connect timeout), so a gateway that fails it is a failed attempt, logged once and retried
     * with backoff.
     *
     * @param tls the connection's TLS, or null for plaintext
     */
    public FeedClient(Feed feed, String service, FeedClientConfig config, FeedListener listener, MeterRegistry registry,
            ClientTls tls) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.metrics = new FeedMetrics(Objects.requireNonNull(registry, "registry"), feed,
                Objects.requireNonNull(service, "service"));
        this.receiver = new FeedReceiver(feed, config, listener, metrics);
        this.backOff = new ExponentialBackOff(config.backoffInitial().toMillis(), 2.0);
        this.backOff.setMaxInterval(config.backoffMax().toMillis());
        this.backOffExecution = backOff.start();
        this.reader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                named("feed-" + feed.tag()));
        this.connector = Executors.newSingleThreadScheduledExecutor(named("feed-" + feed.tag() + "-connect"));
        this.connectionFactory = connectionFactory(config, tls);
        this.inboundAdapter = inboundAdapter();
    }

    private TcpNetClientConnectionFactory connectionFactory(FeedClientConfig config, ClientTls tls) {
        TcpNetClientConnectionFactorySpec spec = Tcp.netClient(config.host(), config.port())
            .soTcpNoDelay(true)
            .connectTimeout(config.connectTimeoutSeconds())
            .serializer(new FrameSerializer(config.maxFrameLength()))
            .deserializer(new FrameDeserializer(config.maxFrameLength()))
            .mapper(new FrameMessageMapper())
            .taskExecutor(reader)
            .connectionSupport(QuietOnPeerLossConnection::new);
        if (tls != null) {
            tls.applyTo(spec);
        }
        TcpNetClientConnectionFactory factory = spec.getObject();
        factory.setBeanName(feed.tag() + "FeedConnectionFactory");
        // The connections' own events, straight to this client (they never reach an application context).
        factory.setApplicationEventPublisher(this::onConnectionEvent);
        return factory;
    }

    private TcpReceivingChannelAdapter inboundAdapter() {
        TcpReceivingChannelAdapter adapter = Tcp.inboundAdapter(connectionFactory)
            .id(feed.tag() + "FeedInboundAdapter")
            .outputChannel(new FixedSubscriberChannel(message -> onFrames((DecodedFrames) message.getPayload())))
            .getObject();
        // The adapter lives inside this client, not in an application context: an empty bean
        // factory gives it Spring Integration's defaults.
        adapter.setBeanFactory(new DefaultListableBeanFactory());
        adapter.afterPropertiesSet();
        return adapter;
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
            inboundAdapter.start(); // starts the connection factory
            if (config.warmUpFrames() > 0) {
                reader.execute(this::warmUpThenConnect);
            } else {
                connector.execute(this::attempt);
            }
            long checkNanos = Math.max(1, config.deadAfter().toNanos() / SILENCE_CHECKS_PER_LIMIT);
            connector.scheduleWithFixedDelay(receiver::closeIfSilent, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Closes the connection and ends the feed threads, waiting for them; idempotent. */
    @Override
    public void stop() {
        synchronized (lifecycleLock) {
            if (!running) {
                return;
            }
            running = false;
        }
        // First the connector, so that no connection opens after this: an attempt in flight ends
        // within the connect timeout.
        connector.shutdownNow();
        long waitMillis = TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds() + 5L);
        awaitEnd(connector, waitMillis);
        receiver.close("stopped");
        inboundAdapter.stop(); // stops the factory, which closes every connection it holds
        reader.shutdown();
        awaitEnd(reader, waitMillis);
        for (Thread thread : threads) {
            try {
                thread.join(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    /**
     * On the feed thread, before its first read loop: the warm-up, then the first attempt. A
     * warm-up that fails costs only itself: the feed connects cold.
     */
    private void warmUpThenConnect() {
        long started = System.nanoTime();
        try {
            long[] delivered = new long[1];
            listener.warmUp(copy -> delivered[0] = new FeedWarmUp(feed, config).run(config.warmUpFrames(), copy, () -> running));
            if (running) {
                log.info(feed.tag() + " feed: receive path warmed up with " + delivered[0] + " synthetic frames in "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms; connecting");
            }
        } catch (RuntimeException e) {
            log.warn(feed.tag() + " feed: warm-up failed, connecting without it: " + describe(e));
        }
        try {
            connector.execute(this::attempt);
        } catch (RejectedExecutionException e) {
            // stopped during the warm-up
        }
    }

    /** On the connector thread: asks the factory for a connection; its read loop starts on the feed thread. */
    private void attempt() {
        if (!running || failed) {
            return;
        }
        lastAttemptNanos = System.nanoTime();
        try {
            connectionFactory.getConnection();
        } catch (RuntimeException e) {
            if (running) {
                notConnected("cannot connect to " + address() + ": " + describe(e));
                schedule(backOffExecution.nextBackOff());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping
        }
    }

    /** On the connector thread, once a connection has ended: the next attempt, by how it went. */
    private void afterConnection(boolean good) {
        if (good) {
            backOffExecution = backOff.start();
            long sinceAttempt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastAttemptNanos);
            // Attempts are never closer together than the initial wait, so a gateway that accepts and
            // drops at once is not hammered, while a long good connection is followed by an immediate reconnect.
            schedule(Math.max(0, config.backoffInitial().toMillis() - sinceAttempt));
        } else {
            schedule(backOffExecution.nextBackOff());
        }
    }

    private void schedule(long delayMillis) {
        if (!running || failed) {
            return;
        }
        try {
            connector.schedule(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private void onConnectionEvent(Object event) {
        if (event instanceof TcpConnectionOpenEvent open) {
            onOpen((TcpConnection) open.getSource());
        } else if (event instanceof TcpConnectionExceptionEvent failure) {
            receiver.readFailed(failure.getCause());
        } else if (event instanceof TcpConnectionCloseEvent close) {
            onClose((TcpConnection) close.getSource());
        }
    }

    /** On the feed thread, as the connection's read loop starts: the replay, then the announcement. */
    private void onOpen(TcpConnection connection) {
        ReplayRequest replay = receiver.begin(connection);
        if (!running) {
            connection.close();
            return;
        }
        try {
            // The first and only frame a subscriber sends.
            connection.send(OutboundFrame.of(replay));
        } catch (RuntimeException e) {
            receiver.close("sending the replay to " + address() + " failed: " + describe(e));
            return;
        }
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

    /** On the feed thread, or on the thread that closed the connection (a stop). */
    private void onClose(TcpConnection connection) {
        String why = receiver.end(connection);
        if (why == null) {
            return; // not the connection being read, or already reported
        }
        boolean good = receiver.wasGood();
        boolean wasConnected = connected;
        connected = false;
        reason = failed ? reason : why;
        if (wasConnected) {
            down(running ? why : "stopped", good);
        }
        if (running && !failed) {
            try {
                connector.execute(() -> afterConnection(good));
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /** On the feed thread: one batch of frames from the inbound adapter. */
    private void onFrames(DecodedFrames frames) {
        try {
            receiver.onFrames(frames);
        } catch (Error e) {
            // A bug (e.g. an AssertionError from a single-writer check): stop feeding rather than
            // deliver on in an unknown state; the status tells a health check why.
            failed = true;
            reason = "feed thread failed: " + describe(e);
            log.error(feed.tag() + " feed thread failed and stopped; no more messages will be delivered", e);
            receiver.close(reason);
            reader.shutdown(); // the feed thread ends with this read loop
        }
    }

    private void down(String why, boolean good) {
        String text = feed.tag() + " feed disconnected from " + address() + ": " + why;
        if (!running) {
            log.info(text);
        } else if (failed) {
            log.warn(text + "; not reconnecting");
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
    private synchronized boolean isRepeat(String problem, boolean afterGoodConnection) {
        boolean repeat = !afterGoodConnection && problem.equals(lastProblem);
        lastProblem = problem;
        return repeat;
    }

    private String address() {
        return config.host() + ":" + config.port();
    }

    private void awaitEnd(java.util.concurrent.ExecutorService executor, long waitMillis) {
        try {
            if (!executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                log.warn(feed.tag() + " feed threads did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            threads.add(thread);
            return thread;
        };
    }

    /** The innermost cause, as {@code ConnectException: Connection refused}. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public String toString() {
        return "FeedClient{feed=" + feed.tag() + ", gateway=" + address() + ", connected=" + connected + '}';
    }
}
