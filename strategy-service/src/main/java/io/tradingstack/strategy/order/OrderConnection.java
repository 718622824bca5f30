package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.tcp.FrameDeserializer;
import io.tradingstack.tcp.FrameMessageMapper;
import io.tradingstack.tcp.FrameSerializer;
import io.tradingstack.tcp.OutboundFrame;
import io.tradingstack.tcp.QuietOnPeerLossConnection;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.tls.ClientTls;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.dsl.context.IntegrationFlowContext.IntegrationFlowRegistration;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetClientConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;

/**
 * One strategy's connection to the order manager as Spring Integration endpoints, registered
 * in the {@link IntegrationFlowContext} when its client starts (one set per strategy):
 *
 * <pre>
 * orders-&lt;id&gt;.out ──► Tcp.outboundAdapter ──┐
 *                                          ├── client connection factory orders-&lt;id&gt;
 * order client ◄── frameHandler ◄── Tcp.inboundAdapter ──┘   (one shared connection)
 * </pre>
 *
 * The two adapters collaborate on one client connection factory ({@code singleUseConnections(false)},
 * {@code TCP_NODELAY}, the protocol's frame serializer and deserializer): an order sent to the
 * outbound flow's {@code DirectChannel} is written by the outbound adapter on the sending
 * thread; every frame read (executions, {@code error} frames, frames that did not decode)
 * comes up the inbound flow on the connection's read thread, {@code orders-<id>-read-N}, to
 * the {@link Receiver}. When the strategy has a token, the factory's connection test sends the
 * {@code logon} as the first frame of every new connection, before the factory hands the
 * connection to anyone. Closed connections are learnt from the factory's
 * {@code TcpConnectionCloseEvent}s ({@link OrderClients} routes them).
 *
 * <p>Why not {@code Tcp.outboundGateway}: it waits out its whole reply timeout when the order
 * manager closes the connection (a clean end of stream reaches no one waiting), cannot send a
 * {@code logon} that gets no reply, and matches replies by connection, not by
 * {@code clientOrderId}. Why not the inbound adapter's client mode to keep the connection open:
 * its connection manager retries at a fixed rate and logs every failed connect at ERROR with a
 * stack trace; the order client reconnects through {@link #connect()} with its own backoff and
 * logs each problem once.
 */
final class OrderConnection {

    private static final Logger log = LoggerFactory.getLogger(OrderConnection.class);

    /** What the inbound flow hands on: each frame the order manager sent, with its connection's id. */
    @FunctionalInterface
    interface Receiver {

        /**
         * @param frame a decoded {@code Message}, or the {@code DecodeError} of a frame that did not decode
         * @return false when the frame closed the connection: frames read after it on that connection are not handled
         */
        boolean onFrame(String connectionId, Object frame);
    }

    private final String name;
    private final String address;
    private final Logon logon;
    private final IntegrationFlowContext flowContext;
    private final ProblemLog problems;
    private final Receiver receiver;
    private final TcpNetClientConnectionFactorySpec factorySpec;
    private final TcpNetClientConnectionFactory factory;
    /** The ids of the flows registered by {@link #start()}, last registered first. */
    private final Deque<String> flowIds = new ArrayDeque<>();
    /** Exception classes the error flow has logged with their stack; later ones of a class go to debug. */
    private final Set<Class<?>> failuresLogged = new HashSet<>();
    private volatile MessageChannel orders;

    /**
     * @param tls the connection's TLS, or null for plaintext: the handshake is part of each connect
     *            (within the connect timeout), so an order manager that fails it is a failed connect
     *            with its reason, retried with the client's backoff
     */
    OrderConnection(String strategyId, String token, StrategyProperties.OrderManager settings,
            IntegrationFlowContext flowContext, ProblemLog problems, Receiver receiver, ClientTls tls) {
        this.name = "orders-" + Objects.requireNonNull(strategyId, "strategyId");
        this.logon = token == null || token.isEmpty() ? null : new Logon(strategyId, token);
        this.address = settings.host() + ":" + settings.port();
        this.flowContext = Objects.requireNonNull(flowContext, "flowContext");
        this.problems = problems;
        this.receiver = receiver;
        int maxFrameLength = (int) settings.maxFrameLength().toBytes();
        // One named daemon thread per connection's read loop, as a thread dump should show it.
        SimpleAsyncTaskExecutor readThreads = new SimpleAsyncTaskExecutor(name + "-read-");
        readThreads.setDaemon(true);
        this.factorySpec = Tcp.netClient(settings.host(), settings.port())
            .id(name)
            .soTcpNoDelay(true)
            .connectTimeout(settings.connectTimeoutSeconds())
            .serializer(new FrameSerializer(maxFrameLength))
            .deserializer(new FrameDeserializer(maxFrameLength))
            .mapper(new FrameMessageMapper())
            .singleUseConnections(false)
            .taskExecutor(readThreads)
            .connectionSupport(QuietOnPeerLossConnection::new);
        if (tls != null) {
            tls.applyTo(factorySpec);
        }
        this.factory = factorySpec.getObject();
        if (logon != null) {
            // The DSL has no connection test; the factory's own setter is the way to it.
            factory.setConnectionTest(this::sendLogon);
        }
    }

    /** Registers and starts the flows; the factory starts with its adapters. */
    void start() {
        String errors = name + ".errors";
        register(name + ".errorFlow", IntegrationFlow.from(errors)
            .handle(Throwable.class, (failure, headers) -> {
                failed(failure);
                return null;
            }, endpoint -> endpoint.id(name + ".errorHandler"))
            .get());
        // Registered before the outbound flow: it registers the factory as a bean, which the outbound adapter shares.
        register(name + ".inboundFlow", IntegrationFlow.from(Tcp.inboundAdapter(factorySpec)
                .id(name + ".inboundAdapter")
                .errorChannel(errors))
            .handle(Object.class, (payload, headers) -> {
                receive(payload, headers);
                return null;
            }, endpoint -> endpoint.id(name + ".frameHandler"))
            .get());
        orders = register(name + ".outboundFlow", IntegrationFlow.from(name + ".out")
            .handle(Tcp.outboundAdapter(factory), endpoint -> endpoint.id(name + ".outboundAdapter"))
            .get()).getInputChannel();
    }

    /** Stops and removes the flows, which closes the connection. Idempotent. */
    void stop() {
        orders = null;
        while (!flowIds.isEmpty()) {
            flowContext.remove(flowIds.pop());
        }
    }

    /** The name of the connection factory, as its connection events carry it. */
    String factoryName() {
        return name;
    }

    String address() {
        return address;
    }

    boolean logsOn() {
        return logon != null;
    }

    /**
     * The open connection, or a new one (logged on when a token is set): the same
     * {@code getConnection()} the inbound adapter's client mode would call, on the caller's
     * thread, taking up to {@code connect-timeout}. Null after a failed attempt, with the
     * problem recorded.
     */
    TcpConnection connect() throws InterruptedException {
        try {
            return factory.getConnection();
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopping");
            }
            problems.problem("cannot connect to the order manager at " + address + ": " + describe(e));
            return null;
        }
    }

    /**
     * Sends the order (or the cancel of one) through the outbound flow on the calling thread: the outbound adapter
     * writes it on the shared connection (opening one only if that closed since the caller
     * looked). A failure is thrown as the adapter threw it. The adapter retries a write that
     * failed with an {@code IOException} once, on a new connection; the client, told of the
     * first connection's close, may then send the order once more, which is safe: the order
     * manager answers a repeated {@code clientOrderId} with the original execution, and a repeated
     * cancel with the same execution as the first.
     */
    void send(Message order) {
        MessageChannel channel = orders;
        if (channel == null) {
            throw new IllegalStateException("order connection " + name + " is not started");
        }
        channel.send(OutboundFrame.of(order));
    }

    /** Closes a connection that can no longer be trusted; its close event follows on this thread. */
    void close(String connectionId) {
        factory.closeConnection(connectionId);
    }

    /**
     * Where the inbound flow hands over what it received: every complete frame one read brought
     * in, in order, up to the first that closed the connection.
     */
    private void receive(Object payload, MessageHeaders headers) {
        String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
        for (Decoded frame : (DecodedFrames) payload) {
            if (!receiver.onFrame(connectionId, frame)) {
                return;
            }
        }
    }

    /** The error flow: the handling of a frame threw, a bug (bad input is a value, never thrown). */
    private void failed(Throwable failure) {
        boolean first;
        synchronized (failuresLogged) {
            first = failuresLogged.add(failure.getClass());
        }
        if (first) {
            log.error("{}: handling a frame from the order manager failed; the frame is skipped", name, failure);
        } else {
            log.debug("{}: handling a frame from the order manager failed: {}", name, failure.toString());
        }
    }

    /** The factory's connection test: the {@code logon}, first frame of every new connection. */
    private boolean sendLogon(TcpConnectionSupport newConnection) {
        try {
            newConnection.send(OutboundFrame.of(logon));
            return true;
        } catch (RuntimeException e) {
            problems.problem("logon to " + address + " failed: " + describe(e));
            return false;
        }
    }

    private IntegrationFlowRegistration register(String id, IntegrationFlow flow) {
        IntegrationFlowRegistration registration = flowContext.registration(flow).id(id).autoStartup(false).register();
        flowIds.push(id);
        registration.start();
        return registration;
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
        return "OrderConnection{" + name + ", orderManager=" + address + '}';
    }
}
