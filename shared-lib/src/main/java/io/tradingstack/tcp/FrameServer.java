package io.tradingstack.tcp;

import io.tradingstack.protocol.DecodedFrames;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.tls.ServerTls;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerExceptionEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionServerListeningEvent;

/**
 * One port of length-framed JSON over TCP: what every server of the stack does whatever its
 * protocol, so that a protocol ({@link FrameHandler}) sees only accepted connections and their
 * frames.
 * <ul>
 * <li>a blocking ({@code TcpNet}) connection factory, {@link #connectionFactory}: a thread per
 * connection, which the frame codec needs (one per thread) and which beat NIO on two cores;
 * TCP_NODELAY; the shared frame codec, with a deadline for each started frame (a frame not
 * complete within the read timeout closes its connection, counted {@code READ_TIMEOUT});
 * quiet logging when a peer goes away;</li>
 * <li>the connection cap: one connection too many gets {@code error TOO_MANY_CONNECTIONS} and a
 * close, and never reaches the protocol;</li>
 * <li>the open connections, from Spring Integration's open and close events (this is a bean, so
 * it hears them), and whether and where the factory listens;</li>
 * <li>the hand-over of each inbound frame to its connection's protocol state ({@link #receive}),
 * fed by the inbound flow of {@link FrameFlows#inbound}.</li>
 * <li>a start-up that fails when the port cannot be bound ({@link PortUnavailableException}):
 * the connection factory binds on a thread of its own and would only log the failure, leaving a
 * service that looks started and has no port.</li>
 * </ul>
 *
 * @param <C> the protocol's state of one connection
 */
public final class FrameServer<C> {

    /**
     * How long the start-up waits for the factory to bind. Binding takes milliseconds; the bound
     * is for a start on a machine so loaded that the factory's thread is not scheduled sooner.
     */
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

    private static final Log log = LogFactory.getLog(FrameServer.class);

    private final FrameServerSettings settings;
    private final AbstractServerConnectionFactory factory;
    private final FrameHandler<C> handler;
    private final InvalidFrames invalidFrames;
    private final ConcurrentHashMap<String, Accepted<C>> connections = new ConcurrentHashMap<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    /** The bound port once the factory listens; failed with the cause when it could not bind. */
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();

    /**
     * @param factory       the factory {@link #connectionFactory} specified with the same settings
     * @param invalidFrames where refusals are counted; the same the factory was given
     */
    public FrameServer(FrameServerSettings settings, AbstractServerConnectionFactory factory, FrameHandler<C> handler,
            InvalidFrames invalidFrames) {
        this.settings = settings;
        this.factory = factory;
        this.handler = handler;
        this.invalidFrames = invalidFrames;
        for (ServerRefusal refusal : ServerRefusal.values()) {
            invalidFrames.expect(refusal.name()); // any frame server can refuse these, whatever its protocol
        }
    }

    /**
     * The connection factory of a frame server, to be declared as a bean named {@code id}: a
     * thread per connection, named {@code <name>-io-N} for thread dumps (and one for accepts).
     * A service may set more socket options on the spec it returns.
     */
    public static TcpNetServerConnectionFactorySpec connectionFactory(String id, FrameServerSettings settings,
            InvalidFrames invalidFrames) {
        return connectionFactory(id, settings, invalidFrames, null);
    }

    /**
     * {@link #connectionFactory(String, FrameServerSettings, InvalidFrames)} listening with TLS:
     * each connection completes its handshake within the read timeout before the protocol sees
     * it, or is closed and counted as {@link ServerRefusal#TLS_HANDSHAKE}.
     *
     * @param tls the port's TLS, or null for plaintext
     */
    public static TcpNetServerConnectionFactorySpec connectionFactory(String id, FrameServerSettings settings,
            InvalidFrames invalidFrames, ServerTls tls) {
        TcpNetServerConnectionFactorySpec spec = Tcp.netServer(settings.port())
                .id(id)
                .localAddress(settings.bindAddress())
                .deserializer(new FrameDeserializer(settings.maxFrameLength()))
                .serializer(new FrameSerializer(settings.maxFrameLength()))
                .mapper(new FrameMessageMapper())
                .soTcpNoDelay(true)
                .backlog(64)
                .connectionSupport(new DeadlineConnectionSupport(settings.name(), settings.readTimeout(), invalidFrames))
                .taskExecutor(new SimpleAsyncTaskExecutor(settings.name() + "-io-"));
        if (tls != null) {
            tls.applyTo(spec);
            log.info("server=" + settings.name() + " port " + settings.port() + " uses " + tls);
        }
        return spec;
    }

    public String name() {
        return settings.name();
    }

    AbstractServerConnectionFactory factory() {
        return factory;
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
        try {
            bound.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return isListening();
        } catch (ExecutionException | TimeoutException notListening) {
            return false;
        }
    }

    /**
     * When the context has started everything (the factory binds on a thread of its own): the
     * start-up stops here, with the port and the reason, when this server's port could not be
     * bound. An exception thrown from this event fails the context's refresh.
     */
    @EventListener
    void onContextRefreshed(ContextRefreshedEvent event) {
        try {
            bound.get(BIND_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw new PortUnavailableException(name(), settings.bindAddress(), settings.port(), failed.getCause());
        } catch (TimeoutException slow) {
            throw new PortUnavailableException(name(), settings.bindAddress(), settings.port(),
                    new TimeoutException("not listening after " + BIND_TIMEOUT.toSeconds() + " s"));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while server=" + name() + " was binding", interrupted);
        }
    }

    /** Connections open now, refused ones excluded. */
    public int openConnections() {
        return openConnections.get();
    }

    public int maxConnections() {
        return settings.maxConnections();
    }

    @EventListener
    void onListening(TcpConnectionServerListeningEvent event) {
        if (event.getSource() == factory) {
            bound.complete(event.getPort());
            log.info("server=" + name() + " listening on " + factory.getLocalAddress() + ":" + event.getPort());
        }
    }

    /** The factory could not bind (or its accept loop failed); before listening, that fails the start-up. */
    @EventListener
    void onServerException(TcpConnectionServerExceptionEvent event) {
        if (event.getSource() == factory) {
            bound.completeExceptionally(event.getCause());
        }
    }

    /** On the new connection's reading thread, before it reads its first frame. */
    @EventListener
    void onOpen(TcpConnectionOpenEvent event) {
        if (!owns(event.getConnectionFactoryName())) {
            return;
        }
        FrameConnection connection = new FrameConnection((TcpConnection) event.getSource(), name(), invalidFrames);
        if (openConnections.incrementAndGet() > settings.maxConnections()) {
            openConnections.decrementAndGet();
            invalidFrames.count(ServerRefusal.TOO_MANY_CONNECTIONS.name());
            log.warn("server=" + name() + " connection=" + connection.id() + " refused: max-connections="
                    + settings.maxConnections() + " reached");
            connection.closeWith(new ErrorFrame(ServerRefusal.TOO_MANY_CONNECTIONS.name(),
                    "the " + name() + " server accepts at most " + settings.maxConnections() + " connections"));
            return;
        }
        Accepted<C> accepted = new Accepted<>(connection);
        connections.put(connection.id(), accepted);
        if (log.isDebugEnabled()) {
            log.debug("server=" + name() + " connection=" + connection.id() + " accepted");
        }
        C state = handler.onOpen(connection);
        if (!accepted.opened(state)) {
            handler.onClose(state); // closed while the protocol opened it: its close event is gone
        }
    }

    @EventListener
    void onClose(TcpConnectionCloseEvent event) {
        if (!owns(event.getConnectionFactoryName())) {
            return;
        }
        Accepted<C> accepted = connections.remove(event.getConnectionId());
        if (accepted == null) {
            return; // refused at open
        }
        openConnections.decrementAndGet();
        accepted.connection.closed();
        C state = accepted.closed();
        if (state != null) {
            handler.onClose(state);
        }
        if (log.isDebugEnabled()) {
            log.debug("server=" + name() + " connection=" + event.getConnectionId() + " closed");
        }
    }

    /**
     * The frames one read brought in, from the inbound flow, on their connection's reading
     * thread: to the protocol in order, unless the connection was refused at open or is closing
     * (then what is left is neither answered nor counted again). The one place a received
     * payload is dispatched.
     */
    void receive(String connectionId, DecodedFrames frames) {
        Accepted<C> accepted = connectionId == null ? null : connections.get(connectionId);
        if (accepted == null) {
            return;
        }
        for (Decoded frame : frames) {
            if (accepted.connection.isClosed()) {
                return;
            }
            handler.onFrame(accepted.state(), frame);
        }
    }

    private boolean owns(String connectionFactoryName) {
        return factory.getComponentName().equals(connectionFactoryName);
    }

    /**
     * An accepted connection and its protocol state. The state is set on the reading thread once
     * the protocol's {@code onOpen} returns, and a close may come from another thread before
     * that (a shutdown) or from within {@code onOpen}: whichever of the two steps comes second
     * hands the state to {@code onClose}, so it is called exactly once.
     */
    private static final class Accepted<C> {

        final FrameConnection connection;
        // Written under this, read without it by the reading thread (which wrote it, on open).
        private volatile C state;
        private boolean closed; // guarded by this

        Accepted(FrameConnection connection) {
            this.connection = connection;
        }

        C state() {
            return state;
        }

        /** @return false when the connection closed already, so the caller closes the state */
        synchronized boolean opened(C openedState) {
            state = openedState;
            return !closed;
        }

        /** @return the state to close, or null while the protocol is still opening it */
        synchronized C closed() {
            closed = true;
            return state;
        }
    }
}
