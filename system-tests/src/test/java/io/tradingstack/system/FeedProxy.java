package io.tradingstack.system;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.PriceTick;

/**
 * A frame-aware TCP relay between a feed subscriber and the gateway, so that a test can lose
 * a frame on purpose: {@link #dropNextPrices(int)} swallows the next price ticks going
 * downstream, which the subscriber must see as a gap and repair with a replay.
 */
final class FeedProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger pricesToDrop = new AtomicInteger();
    private final AtomicLong pricesDropped = new AtomicLong();
    private final AtomicLong pricesRelayed = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    FeedProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "feed-proxy-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Swallows the next {@code count} price frames sent downstream. */
    void dropNextPrices(int count) {
        pricesToDrop.addAndGet(count);
    }

    long pricesDropped() {
        return pricesDropped.get();
    }

    /** Price frames passed on downstream, over every connection. */
    long pricesRelayed() {
        return pricesRelayed.get();
    }

    /** Connections accepted from subscribers so far. */
    long connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket downstream = server.accept();
                connections.incrementAndGet();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                } catch (IOException e) {
                    downstream.close(); // the gateway is away: so is the proxy, for the subscriber
                    continue;
                }
                downstream.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(downstream);
                sockets.add(upstream);
                daemon(() -> copyBytes(downstream, upstream), "feed-proxy-up");
                daemon(() -> copyFrames(upstream, downstream), "feed-proxy-down");
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("feed proxy accept failed", e);
                }
            }
        }
    }

    private void copyBytes(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void copyFrames(Socket from, Socket to) {
        MessageCodec codec = new MessageCodec();
        try (DataInputStream in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            while (true) {
                int length = in.readInt();
                byte[] frame = new byte[Framing.HEADER_LENGTH + length];
                Framing.writeLength(length, frame, 0);
                in.readFully(frame, Framing.HEADER_LENGTH, length);
                Decoded decoded = codec.decode(frame, Framing.HEADER_LENGTH, length);
                if (decoded instanceof PriceTick && pricesToDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    pricesDropped.incrementAndGet();
                    continue;
                }
                out.write(frame);
                out.flush();
                if (decoded instanceof PriceTick) {
                    pricesRelayed.incrementAndGet();
                }
            }
        } catch (EOFException ignored) {
            // the gateway closed the connection
        } catch (IOException ignored) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        sockets.forEach(FeedProxy::closeQuietly);
    }
}
