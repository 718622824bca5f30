package io.tradingstack.strategy;

import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order manager's side of the order port on a plain {@link ServerSocket} on 127.0.0.1, as
 * the protocol describes it: every connection on its own thread, every order answered with one
 * execution on the same connection, a repeated clientOrderId answered with the original
 * execution and never filled twice. How it answers is the test's {@link Policy}: fill now,
 * fill late, reject, leave this receipt unanswered, decide it and lose the answer, close the connection without
 * answering, refuse it with an {@code error} frame, or answer with a frame that does not decode. A
 * {@code cancel} is answered as the order manager does it ({@link Settle}): with the order's decided execution,
 * else a REJECTED CANCELLED that also answers every later copy of the order; its {@link CancelPolicy} may
 * instead leave it unanswered, close or refuse. With an expected token, a
 * connection whose first frame is not a logon with that token gets {@code error} AUTH_FAILED and is
 * closed.
 */
public final class FakeOrderManager implements AutoCloseable {

    /** What the fake does with one receipt of an order. */
    public sealed interface Action permits Fill, Reject, Ignore, Lose, Close, Refuse, Garbage, Settle {
    }

    /** Fill (once per clientOrderId); the answer leaves {@code delayMillis} after the id was first seen. */
    public record Fill(long delayMillis) implements Action {
    }

    /** Reject (once per clientOrderId) at once. */
    public record Reject(String reason) implements Action {
    }

    /** Leave this receipt unanswered, the connection open: the strategy's reply timeout is what ends its wait. */
    public record Ignore() implements Action {
    }

    /** Fill (once per clientOrderId) and never send the execution, as if it was lost on the way. */
    public record Lose() implements Action {
    }

    /** Answer a cancel as the order manager does: the order's execution when decided, else the fence. */
    public record Settle() implements Action {
    }

    /** Close the connection without answering. */
    public record Close() implements Action {
    }

    /** Answer with an {@code error} frame, then close the connection. */
    public record Refuse(String reason) implements Action {
    }

    /** Answer with a frame that is not JSON, and keep the connection open. */
    public record Garbage() implements Action {
    }

    /** Decides per receipt; {@code receipt} counts the receipts of this clientOrderId, from 1. */
    @FunctionalInterface
    public interface Policy {
        Action on(Order order, int receipt);
    }

    public static final Policy FILL_AT_ONCE = (order, receipt) -> new Fill(0);

    /** Decides per receipt of a cancel; {@code receipt} counts the cancels of this clientOrderId, from 1. */
    @FunctionalInterface
    public interface CancelPolicy {
        Action on(Cancel cancel, int receipt);
    }

    public static final CancelPolicy SETTLE = (cancel, receipt) -> new Settle();

    /** A cancel as it arrived: on which connection (numbered from 1) and after which logon. */
    public record ReceivedCancel(int connection, Cancel cancel, Logon logon) {
    }

    /** An order as it arrived: on which connection (numbered from 1) and after which logon. */
    public record Received(int connection, Order order, Logon logon) {
    }

    public static final long FILL_PRICE = Prices.parse("190.27");

    /** The reason the order manager answers a cancel with when it came before its order. */
    public static final String CANCELLED = "CANCELLED";

    private final ServerSocket server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<ReceivedCancel> cancels = new LinkedBlockingQueue<>();
    private final Map<String, AtomicInteger> cancelReceipts = new ConcurrentHashMap<>();
    private volatile CancelPolicy cancelPolicy = SETTLE;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, Long> answerAt = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
    private final AtomicLong orderIds = new AtomicLong();
    /** Connections whose first frame was not a logon. */
    private final List<Integer> withoutLogon = new CopyOnWriteArrayList<>();
    private volatile Policy policy = FILL_AT_ONCE;
    private final String expectedToken;

    /** An order manager that accepts any logon, and none. */
    public FakeOrderManager() throws IOException {
        this(null);
    }

    /** @param expectedToken the token every connection must log on with first; null for none required */
    public FakeOrderManager(String expectedToken) throws IOException {
        this(expectedToken, ServerSocketFactory.getDefault());
    }

    /**
     * @param sockets makes the port's server socket: an {@code SSLServerSocketFactory} for an order port with
     *                TLS ({@link #requiringClientCertificates} for one that requires client certificates)
     */
    public FakeOrderManager(String expectedToken, ServerSocketFactory sockets) throws IOException {
        this.expectedToken = expectedToken;
        server = sockets.createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::acceptLoop, "fake-order-manager");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * A TLS port whose clients must present a certificate the port trusts, else their handshake
     * fails. Set on the server socket before the acceptor starts: the JDK fixes an accept's TLS
     * settings when the accept begins, so a flag set after the acceptor was already waiting would
     * not reach the first connection (which then logged on without a certificate, now and then).
     */
    public static ServerSocketFactory requiringClientCertificates(SSLServerSocketFactory tls) {
        return new ServerSocketFactory() {
            @Override
            public ServerSocket createServerSocket() throws IOException {
                return needClientAuth(tls.createServerSocket());
            }

            @Override
            public ServerSocket createServerSocket(int port) throws IOException {
                return needClientAuth(tls.createServerSocket(port));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                return needClientAuth(tls.createServerSocket(port, backlog));
            }

            @Override
            public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                return needClientAuth(tls.createServerSocket(port, backlog, address));
            }
        };
    }

    private static ServerSocket needClientAuth(ServerSocket socket) {
        ((SSLServerSocket) socket).setNeedClientAuth(true);
        return socket;
    }

    public int port() {
        return server.getLocalPort();
    }

    public void policy(Policy policy) {
        this.policy = policy;
    }

    public void cancelPolicy(CancelPolicy cancelPolicy) {
        this.cancelPolicy = cancelPolicy;
    }

    /** The next cancel received, waiting up to {@code millis}; null if none came. */
    public ReceivedCancel nextCancel(long millis) throws InterruptedException {
        return cancels.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next order received, waiting up to {@code millis}; null if none came. */
    public Received nextOrder(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Forgets what was received; the decided executions stay, as a real order manager's do. */
    public void clearReceived() {
        received.clear();
        withoutLogon.clear();
        policy = FILL_AT_ONCE;
    }

    public List<Integer> connectionsWithoutLogon() {
        return withoutLogon;
    }

    public int connectionsAccepted() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread thread = new Thread(() -> serve(socket, number), "fake-order-manager-" + number);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int number) {
        try (socket) {
            FrameReader reader = new FrameReader(socket.getInputStream(), new MessageCodec());
            OutputStream out = socket.getOutputStream();
            FrameWriter writer = new FrameWriter(out, new MessageCodec());
            Logon logon = null;
            boolean first = true;
            for (Decoded frame = reader.read(); frame != null; frame = reader.read()) {
                if (first && !(frame instanceof Logon)) {
                    withoutLogon.add(number);
                }
                if (first && expectedToken != null
                        && !(frame instanceof Logon l && l.token().equals(expectedToken))) {
                    writer.writeAndFlush(new ErrorFrame("AUTH_FAILED", "unknown strategy or token"));
                    return;
                }
                first = false;
                if (frame instanceof Logon l) {
                    logon = l;
                } else if (frame instanceof Order order) {
                    if (!answer(order, number, logon, writer, out)) {
                        return;
                    }
                } else if (frame instanceof Cancel cancel) {
                    if (!settle(cancel, number, logon, writer)) {
                        return;
                    }
                } else {
                    throw new IllegalStateException("unexpected frame from the strategy: " + frame);
                }
            }
        } catch (IOException e) {
            // the strategy closed the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns false when the connection is to be closed. */
    private boolean answer(Order order, int connection, Logon logon, FrameWriter writer, OutputStream out)
            throws IOException, InterruptedException {
        int receipt = receipts.computeIfAbsent(order.clientOrderId(), id -> new AtomicInteger()).incrementAndGet();
        received.add(new Received(connection, order, logon));
        Action action = policy.on(order, receipt);
        if (action instanceof Close) {
            return false;
        }
        if (action instanceof Ignore) {
            return true;
        }
        if (action instanceof Lose) {
            executions.computeIfAbsent(order.clientOrderId(),
                id -> Execution.filled(id, orderIds.incrementAndGet(), order.quantity(), FILL_PRICE, System.nanoTime()));
            return true;
        }
        if (action instanceof Refuse refuse) {
            writer.writeAndFlush(new ErrorFrame(refuse.reason(), "refused by the test"));
            return false;
        }
        if (action instanceof Garbage) {
            byte[] payload = "not json".getBytes(StandardCharsets.US_ASCII);
            out.write(ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array());
            out.flush();
            return true;
        }
        if (action instanceof Reject reject) {
            writer.writeAndFlush(executions.computeIfAbsent(order.clientOrderId(),
                id -> Execution.rejected(id, orderIds.incrementAndGet(), reject.reason(), System.nanoTime())));
            return true;
        }
        Execution fenced = executions.get(order.clientOrderId());
        if (fenced != null && CANCELLED.equals(fenced.reason())) {
            writer.writeAndFlush(fenced); // cancelled before it came: never filled
            return true;
        }
        long delay = ((Fill) action).delayMillis();
        Execution execution = executions.computeIfAbsent(order.clientOrderId(),
            id -> Execution.filled(id, orderIds.incrementAndGet(), order.quantity(), FILL_PRICE, System.nanoTime()));
        long due = answerAt.computeIfAbsent(order.clientOrderId(), id -> System.nanoTime() + delay * 1_000_000L);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        writer.writeAndFlush(execution);
        return true;
    }

    /** Returns false when the connection is to be closed. */
    private boolean settle(Cancel cancel, int connection, Logon logon, FrameWriter writer) throws IOException {
        int receipt = cancelReceipts.computeIfAbsent(cancel.clientOrderId(), id -> new AtomicInteger()).incrementAndGet();
        cancels.add(new ReceivedCancel(connection, cancel, logon));
        Action action = cancelPolicy.on(cancel, receipt);
        if (action instanceof Close) {
            return false;
        }
        if (action instanceof Ignore) {
            return true;
        }
        if (action instanceof Refuse refuse) {
            writer.writeAndFlush(new ErrorFrame(refuse.reason(), "refused by the test"));
            return false;
        }
        writer.writeAndFlush(executions.computeIfAbsent(cancel.clientOrderId(),
            id -> Execution.rejected(id, orderIds.incrementAndGet(), CANCELLED, System.nanoTime())));
        return true;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
