package io.tradingstack.ordermanager.server;

import io.tradingstack.metrics.InvalidFrames;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.engine.Decision;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.engine.OrderEvents;
import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageType;
import io.tradingstack.protocol.Order;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;
import org.springframework.messaging.support.GenericMessage;

/**
 * The order protocol of the order port, one connection at a time on its
 * reading thread:
 * <ul>
 * <li>with tokens configured, the first frame must be a {@code logon} with a matching token,
 * else {@code error AUTH_FAILED} and close; a good logon gets no reply. Without tokens a
 * {@code logon} is accepted, not required, and binds the connection to its strategy just the
 * same. A logon is only ever the first frame: any other is {@code UNEXPECTED_FRAME};</li>
 * <li>every {@code order} frame gets exactly one {@code execution}: decoded orders from the
 * {@link OrderEntry}, sent only once the journal holds them; an order whose values do not
 * decode is REJECTED with the reason, under its {@code clientOrderId} as sent (made printable
 * and cut to 64 characters; "" when it was empty), and the connection stays open;</li>
 * <li>except an order in doubt (the journal failed while storing it): it gets
 * {@code error JOURNAL_UNAVAILABLE} and a close, never an execution it may not have stored; the
 * client resends it after a restart;</li>
 * <li>a protocol violation (the frame or its JSON is no message of this protocol) or a frame a
 * client may not send gets an {@code error} naming the reason, a count in
 * {@code trading.frames.invalid} and a close of that connection only.</li>
 * </ul>
 */
public final class OrderServer {

    private static final Logger log = LoggerFactory.getLogger(OrderServer.class);

    private static final int MAX_ID_LENGTH = 64;

    private final AbstractServerConnectionFactory factory;
    private final OrderEntry entry;
    private final OrderEvents events;
    private final StrategyTokens tokens;
    private final InvalidFrames invalidFrames;
    private final EpochNanoClock clock;
    private final int maxConnections;
    private final ConcurrentHashMap<String, OrderSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final CountDownLatch listening = new CountDownLatch(1);

    OrderServer(AbstractServerConnectionFactory factory, OrderEntry entry, OrderEvents events, StrategyTokens tokens,
            InvalidFrames invalidFrames, EpochNanoClock clock, int maxConnections) {
        this.factory = factory;
        this.entry = entry;
        this.events = events;
        this.tokens = tokens;
        this.invalidFrames = invalidFrames;
        this.clock = clock;
        this.maxConnections = maxConnections;
    }

    /** The bound port: the configured one, or the one the system picked for port 0; valid once listening. */
    public int port() {
        return factory.getPort();
    }

    public boolean isListening() {
        return factory.isListening();
    }

    /** Waits until the server listens; the connection factory starts listening asynchronously. */
    public boolean awaitListening(Duration timeout) throws InterruptedException {
        return listening.await(timeout.toNanos(), TimeUnit.NANOSECONDS) && isListening();
    }

    /** Connections open now (refused ones excluded). */
    public int openConnections() {
        return openConnections.get();
    }

    public boolean logonRequired() {
        return tokens.required();
    }

    @EventListener
    public void onListening(TcpConnectionServerListeningEvent event) {
        if (event.getSource() == factory) {
            listening.countDown();
            log.info("Order server listening on {}:{}", factory.getLocalAddress(), event.getPort());
        }
    }

    @EventListener
    public void onOpen(TcpConnectionOpenEvent event) {
        if (!owns(event.getConnectionFactoryName())) {
            return;
        }
        TcpConnection connection = (TcpConnection) event.getSource();
        if (openConnections.incrementAndGet() > maxConnections) {
            openConnections.decrementAndGet();
            log.warn("connection={} refused: max-connections={} reached", connection.getConnectionId(), maxConnections);
            sendAndClose(connection, new ErrorFrame(SessionRefusal.TOO_MANY_CONNECTIONS.name(),
                "the order server accepts at most " + maxConnections + " connections"));
            return;
        }
        sessions.put(connection.getConnectionId(), new OrderSession(connection));
        log.debug("connection={} accepted", connection.getConnectionId());
    }

    @EventListener
    public void onClose(TcpConnectionCloseEvent event) {
        if (!owns(event.getConnectionFactoryName())) {
            return;
        }
        OrderSession session = sessions.remove(event.getConnectionId());
        if (session != null) {
            session.markClosed();
            openConnections.decrementAndGet();
            log.debug("connection={} closed", event.getConnectionId());
        }
    }

    /** A decoded frame, or its decode error, from the inbound flow; on the connection's reading thread. */
    void onFrame(String connectionId, Decoded frame) {
        long receivedTs = clock.epochNanos();
        OrderSession session = connectionId == null ? null : sessions.get(connectionId);
        if (session == null || session.isClosed()) {
            return; // refused at open, or on its way out: neither answered nor counted again
        }
        if (frame instanceof DecodeError error && error.isProtocolViolation()) {
            refuse(session, error.toErrorFrame());
            return;
        }
        boolean first = session.firstFrame();
        if (frame instanceof Logon logon) {
            onLogon(session, logon, first);
            return;
        }
        if (tokens.required() && session.strategyId() == null) {
            refuse(session, new ErrorFrame(SessionRefusal.AUTH_FAILED.name(), "logon required before any other frame"));
            return;
        }
        try {
            if (frame instanceof Order order) {
                answer(session, entry.submit(order, session.strategyId(), receivedTs));
            } else if (frame instanceof DecodeError error && error.type() == MessageType.ORDER) {
                Rejection rejection = new Rejection(RejectReason.of(error), "field=" + error.field() + " " + error.detail());
                answer(session, entry.refuseUndecodable(printable(error.clientOrderId()), rejection, receivedTs));
            } else if (frame instanceof DecodeError error) {
                refuse(session, error.toErrorFrame());
            } else {
                refuse(session, new ErrorFrame(SessionRefusal.UNEXPECTED_FRAME.name(),
                    "a client may not send " + ((Message) frame).type().wireName()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(session);
        } catch (IllegalStateException e) {
            log.warn("connection={} closed: {}", session.id(), e.getMessage());
            if (session.markClosed()) {
                sendAndClose(session.connection(),
                    new ErrorFrame(SessionRefusal.UNAVAILABLE.name(), "the order manager cannot decide orders now"));
            }
        }
    }

    private void onLogon(OrderSession session, Logon logon, boolean first) {
        if (!first) {
            refuse(session, new ErrorFrame(SessionRefusal.UNEXPECTED_FRAME.name(), session.strategyId() == null
                ? "a logon must be the first frame" : "a second logon; logged on as " + session.strategyId()));
            return;
        }
        if (tokens.required() && !tokens.matches(logon.strategyId(), logon.token())) {
            refuse(session, new ErrorFrame(SessionRefusal.AUTH_FAILED.name(), "unknown strategy or wrong token"));
            return;
        }
        session.logOn(logon.strategyId());
        log.info("connection={} logged on as strategyId={}", session.id(), logon.strategyId());
    }

    /** Sends the execution, then logs and counts the order, whether the send worked or not. */
    private void answer(OrderSession session, Decision decision) {
        if (decision.outcome() == Decision.Outcome.IN_DOUBT) {
            answerInDoubt(session, decision);
            return;
        }
        try {
            session.connection().send(new GenericMessage<>(decision.execution()));
        } catch (RuntimeException e) {
            // The client went away; Spring Integration closes the connection.
            log.debug("connection={} execution not sent: {}", session.id(), e.toString());
        } finally {
            events.record(decision, session.id());
        }
    }

    /**
     * An order the journal may or may not hold: no execution (it would acknowledge what may not
     * be stored), an {@code error} and a close, so the client's order stays open on its side and
     * is resent. Logged and counted on the order log like every order frame.
     */
    private void answerInDoubt(OrderSession session, Decision decision) {
        try {
            if (session.markClosed()) {
                sendAndClose(session.connection(), new ErrorFrame(SessionRefusal.JOURNAL_UNAVAILABLE.name(),
                    "the journal failed while storing this order, which may or may not be stored; resend the same"
                        + " clientOrderId once the order manager is back"));
            }
        } finally {
            events.record(decision, session.id());
        }
    }

    /** Counts, logs once, answers with {@code error} and closes the connection. */
    private void refuse(OrderSession session, ErrorFrame error) {
        if (!session.markClosed()) {
            return;
        }
        invalidFrames.count(error.reason());
        log.warn("connection={} closed for a protocol error: reason={} detail={}", session.id(), error.reason(),
            error.detail());
        sendAndClose(session.connection(), error);
    }

    private void close(OrderSession session) {
        session.markClosed();
        session.connection().close();
    }

    private void sendAndClose(TcpConnection connection, ErrorFrame error) {
        try {
            connection.send(new GenericMessage<>(error));
        } catch (RuntimeException e) {
            log.debug("connection={} error frame not sent: {}", connection.getConnectionId(), e.toString());
        } finally {
            connection.close();
        }
    }

    private boolean owns(String connectionFactoryName) {
        return factory.getComponentName().equals(connectionFactoryName);
    }

    /** A client order id as sent, made printable ASCII ('?' for anything else) and cut to 64 characters. */
    static String printable(String clientOrderId) {
        int length = Math.min(clientOrderId.length(), MAX_ID_LENGTH);
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            char c = clientOrderId.charAt(i);
            id.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return id.toString();
    }
}
