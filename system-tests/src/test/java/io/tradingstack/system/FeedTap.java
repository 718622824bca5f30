package io.tradingstack.system;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;

/**
 * A raw-socket subscriber that records every price tick the gateway sends, by sequence: what
 * the test compares the price book with.
 */
final class FeedTap implements AutoCloseable {

    private final Socket socket;
    private final Map<Long, PriceTick> ticks = new ConcurrentHashMap<>();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile long session;
    private volatile String failure;

    FeedTap(int pricePort) throws IOException {
        this(InetAddress.getLoopbackAddress(), pricePort);
    }

    /** A tap on a gateway that listens elsewhere than on loopback (e.g. in a network namespace). */
    FeedTap(InetAddress gateway, int pricePort) throws IOException {
        this(gateway, pricePort, ReplayRequest.liveOnly());
    }

    /**
     * A tap on loopback whose first frame is {@code replay}: a replay from seq 1 of a session
     * the gateway does not have gets a reset and then every tick the gateway still holds.
     */
    FeedTap(int pricePort, ReplayRequest replay) throws IOException {
        this(InetAddress.getLoopbackAddress(), pricePort, replay);
    }

    private FeedTap(InetAddress gateway, int pricePort, ReplayRequest replay) throws IOException {
        socket = new Socket(gateway, pricePort);
        socket.setTcpNoDelay(true);
        new FrameWriter(socket.getOutputStream(), new MessageCodec()).writeAndFlush(replay);
        Thread reader = new Thread(this::readLoop, "feed-tap");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        try {
            FrameReader reader = new FrameReader(socket.getInputStream(), new MessageCodec());
            Decoded decoded;
            while ((decoded = reader.read()) != null) {
                if (decoded instanceof ErrorFrame error) {
                    failure = "the gateway refused the tap: " + error.reason() + " " + error.detail();
                }
                if (decoded instanceof PriceTick tick) {
                    session = tick.session();
                    long previous = lastSeq.getAndSet(tick.seq());
                    if (previous != 0 && tick.seq() != previous + 1) {
                        failure = "tap saw seq " + tick.seq() + " after " + previous;
                    }
                    ticks.put(tick.seq(), tick);
                }
            }
        } catch (IOException e) {
            // closed by the test or by the gateway going away
        }
    }

    /** Every tick this tap saw. */
    Collection<PriceTick> ticks() {
        return ticks.values();
    }

    /** The tick the gateway sent with this sequence, or null if this tap did not see it. */
    PriceTick tick(long seq) {
        return ticks.get(seq);
    }

    /** The tap's own TCP port, so that a firewall rule can spare this connection. */
    int localPort() {
        return socket.getLocalPort();
    }

    long lastSeq() {
        return lastSeq.get();
    }

    long session() {
        return session;
    }

    /** Null while every tick arrived in sequence. */
    String failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
