package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.tcp.QuietOnPeerLossConnection;
import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.tcp.DecodedFrames;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.tcp.FrameDeserializer;
import io.tradingstack.tcp.FrameSerializer;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Order;
import io.tradingstack.strategy.StrategyProperties;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;

/**
 * One strategy's connection to the order manager, request/reply with one request in flight:
 * a Spring Integration {@link TcpNetClientConnectionFactory} (one shared connection,
 * {@code TCP_NODELAY}, the protocol's frame serializer and deserializer), used directly.
 *
 * <p>Why not a {@code TcpOutboundGateway}: the gateway waits out its whole timeout when the
 * server closes the connection cleanly (Spring Integration reports a clean end of stream to no
 * one), has no way to send a {@code logon} that gets no reply, and does not match replies by id.
 * Here this class is the factory's listener (executions, {@code error} frames, read failures)
 * and its sender (closed connections), so a closed connection ends the wait at once; an
 * execution completes the request only if its {@code clientOrderId} is the one awaited (a late
 * answer to an earlier attempt is dropped). When the strategy has a token, the factory's
 * connection test sends the {@code logon} as the first frame of every new connection.
 *
 * <p>Threads: the order client's sender thread calls {@link #connect} and {@link #request}; the
 * connection's read loop runs on {@code orders-<strategyId>-read-N} and completes the request.
 */
final class OrderConnection implements TcpListener, TcpSender {

    private static final Logger log = LoggerFactory.getLogger(OrderConnection.class);

    /** The {@code service} tag of {@code trading.frames.invalid}. */
    static final String SERVICE = "strategy";

    /** Distinct problem texts remembered as logged. */
    private static final int MAX_DISTINCT_PROBLEMS = 16;

    private final String strategyId;
    private final Logon logon;
    private final String address;
    private final MeterRegistry registry;
    private final TcpNetClientConnectionFactory factory;
    private final AtomicInteger readThreads = new AtomicInteger();

    /** The request the sender thread waits for; completed by the read thread. */
    private volatile PendingReply pending;
    /** The open connection, null when none. */
    private volatile TcpConnection connection;
    /** The last {@code error} frame and its connection: the cause of what follows on that connection. */
    private volatile ServerError serverError;
    private volatile String lastError = "";
    private volatile Instant lastErrorAt;

    // guarded by this: problems logged since the last good exchange (each is logged once), and
    // whether the next connection is worth an INFO line (the first, or the first after a problem)
    private final Set<String> loggedProblems = new LinkedHashSet<>();
    private boolean announceConnect = true;

    OrderConnection(String strategyId, String token, StrategyProperties.OrderManager settings, MeterRegistry registry,
            ApplicationEventPublisher publisher) {
        this.strategyId = Objects.requireNonNull(strategyId, "strategyId");
        this.logon = token == null || token.isEmpty() ? null : new Logon(strategyId, token);
        this.address = settings.host() + ":" + settings.port();
        this.registry = registry;
        int maxFrameLength = (int) settings.maxFrameLength().toBytes();
        this.factory = Tcp.netClient(settings.host(), settings.port())
            .soTcpNoDelay(true)
            .connectTimeout(settings.connectTimeoutSeconds())
            .serializer(new FrameSerializer(maxFrameLength))
            .deserializer(new FrameDeserializer(maxFrameLength))
            .singleUseConnections(false)
            .taskExecutor(this::startReadThread)
            .connectionSupport(QuietOnPeerLossConnection::new)
            .getObject();
        factory.setBeanName("orders-" + strategyId);
        factory.setApplicationEventPublisher(Objects.requireNonNull(publisher, "publisher"));
        if (logon != null) {
            factory.setConnectionTest(this::sendLogon);
        }
        factory.registerListener(this);
        factory.registerSender(this);
    }

    void start() {
        factory.start();
    }

    /** Closes the connection; a request in flight ends with "closed". */
    void stop() {
        factory.stop();
    }

    String address() {
        return address;
    }

    /** Whether a connection is open now. */
    boolean isOpen() {
        TcpConnection current = connection;
        return current != null && current.isOpen();
    }

    /** The open connection, or a new one (logged on); null after a failed attempt, with the problem recorded. */
    TcpConnection connect() throws InterruptedException {
        try {
            TcpConnection current = factory.getConnection();
            if (current != connection) {
                connection = current;
                connected();
            }
            return current;
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopping");
            }
            problem("cannot connect to the order manager at " + address + ": " + describe(e));
            return null;
        }
    }

    /**
     * Sends the order on {@code current} and waits for its execution.
     *
     * @return the {@link Execution}; a String saying why none will come on this connection (it
     *         closed, the order manager sent {@code error}, the send failed); or null if none came
     *         within {@code timeoutNanos}
     */
    Object request(TcpConnection current, Order order, long timeoutNanos) throws InterruptedException {
        PendingReply reply = new PendingReply(order.clientOrderId(), current.getConnectionId());
        // before the send: the answer may arrive before send() returns
        pending = reply;
        try {
            current.send(MessageBuilder.withPayload(order).build());
            return reply.await(timeoutNanos);
        } catch (RuntimeException e) {
            return explain(current.getConnectionId(), "sending to " + address + " failed: " + describe(e));
        } finally {
            pending = null;
        }
    }

    /** Closes a connection that can no longer be trusted (an answer may still arrive on it). */
    void discard(TcpConnection current) {
        factory.forceClose(current);
    }

    /** The clientOrderId awaited now, "" when none; any thread. */
    String inFlight() {
        PendingReply reply = pending;
        return reply == null ? "" : reply.clientOrderId;
    }

    String lastError() {
        return lastError;
    }

    Instant lastErrorAt() {
        return lastErrorAt;
    }

    /** The factory's connection test: the {@code logon}, first frame of every new connection. */
    private boolean sendLogon(TcpConnectionSupport newConnection) {
        try {
            newConnection.send(MessageBuilder.withPayload(logon).build());
            return true;
        } catch (RuntimeException e) {
            problem("logon to " + address + " failed: " + describe(e));
            return false;
        }
    }

    /** Executions, {@code error} frames and read failures, on the connection's read thread. */
    @Override
    public void onMessage(Message<?> frame) {
        String connectionId = frame.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
        if (frame instanceof ErrorMessage error) {
            fail(connectionId, explain(connectionId, "reading from " + address + " failed: " + describe(error.getPayload())));
            return;
        }
        for (Decoded decoded : (DecodedFrames) frame.getPayload()) {
            if (!onFrame(connectionId, decoded)) {
                return; // the connection is closing: the rest of the batch is not for us
            }
        }
    }

    /** One frame; false when it closed the connection. */
    private boolean onFrame(String connectionId, Decoded payload) {
        if (payload instanceof Execution execution) {
            PendingReply reply = pending;
            if (reply != null && reply.clientOrderId.equals(execution.clientOrderId())) {
                reply.complete(execution);
            } else if (log.isDebugEnabled()) {
                log.debug("Strategy {}: execution for {} matches no order in flight (a late answer to a resent order); "
                    + "ignored", strategyId, execution.clientOrderId());
            }
        } else if (payload instanceof ErrorFrame error) {
            // The order manager closes the connection after an error frame; so do we.
            String why = "order manager sent error " + error.reason() + (error.detail().isEmpty() ? "" : ": " + error.detail());
            serverError = new ServerError(connectionId, why);
            problem(why);
            fail(connectionId, why);
            close(connectionId);
            return false;
        } else {
            String reason = payload instanceof DecodeError error ? error.reason().name() : "UNEXPECTED_TYPE";
            registry.counter(TradingMetric.FRAMES_INVALID.metricName(), TradingMetric.Tags.SERVICE, SERVICE,
                TradingMetric.Tags.REASON, reason).increment();
            String why = "invalid frame from the order manager: " + payload;
            problem(why);
            fail(connectionId, why);
            close(connectionId);
            return false;
        }
        return true;
    }

    @Override
    public void addNewConnection(TcpConnection newConnection) {
        // connect() publishes the connection once it is logged on
    }

    /** A connection closed, by either side. */
    @Override
    public void removeDeadConnection(TcpConnection dead) {
        fail(dead.getConnectionId(), explain(dead.getConnectionId(), "connection to " + address + " closed"));
        if (connection == dead) {
            connection = null;
        }
    }

    /** {@code why}, or the {@code error} frame the order manager sent on that connection before closing it. */
    private String explain(String connectionId, String why) {
        ServerError error = serverError;
        return error != null && error.connectionId().equals(connectionId) ? error.text() : why;
    }

    private void fail(String connectionId, String why) {
        PendingReply reply = pending;
        if (reply != null && reply.connectionId.equals(connectionId)) {
            reply.complete(why);
        }
    }

    private void close(String connectionId) {
        TcpConnection current = connection;
        if (current != null && current.getConnectionId().equals(connectionId)) {
            factory.forceClose(current);
        }
    }

    /**
     * Records a problem for the health check. Logs it at WARN once until the next good exchange,
     * then at debug: an order manager that keeps refusing fills no log.
     */
    synchronized void problem(String text) {
        lastError = text;
        lastErrorAt = Instant.now();
        if (loggedProblems.add(text)) {
            if (loggedProblems.size() > MAX_DISTINCT_PROBLEMS) {
                loggedProblems.remove(loggedProblems.iterator().next());
            }
            announceConnect = true;
            log.warn("Strategy {}: {}", strategyId, text);
        } else {
            log.debug("Strategy {}: {}", strategyId, text);
        }
    }

    /** An execution arrived, or the connection stayed open: problems are worth logging again. */
    synchronized void healthy() {
        loggedProblems.clear();
    }

    private synchronized void connected() {
        if (announceConnect) {
            announceConnect = false;
            log.info("Strategy {}: connected to the order manager at {}{}", strategyId, address,
                logon == null ? "" : ", logon sent");
        } else {
            log.debug("Strategy {}: connected to the order manager at {} again", strategyId, address);
        }
    }

    /** The factory's task executor: one named daemon thread per connection's read loop. */
    private void startReadThread(Runnable readLoop) {
        Thread thread = new Thread(readLoop, "orders-" + strategyId + "-read-" + readThreads.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
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
        return "OrderConnection{strategyId=" + strategyId + ", orderManager=" + address + ", open=" + isOpen() + '}';
    }

    private record ServerError(String connectionId, String text) {
    }

    /** The answer to one request: an {@link Execution}, or a String saying why there will be none. */
    private static final class PendingReply {

        final String clientOrderId;
        final String connectionId;
        private final AtomicReference<Object> answer = new AtomicReference<>();
        private final CountDownLatch done = new CountDownLatch(1);

        PendingReply(String clientOrderId, String connectionId) {
            this.clientOrderId = clientOrderId;
            this.connectionId = connectionId;
        }

        void complete(Object result) {
            if (answer.compareAndSet(null, result)) {
                done.countDown();
            }
        }

        /** The answer, or null if none came within the time. */
        Object await(long nanos) throws InterruptedException {
            done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return answer.get();
        }
    }
}
