package io.tradingstack.benchmarks.driver;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import io.tradingstack.protocol.DecodeError;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.FrameReader;
import io.tradingstack.protocol.FrameWriter;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;

/**
 * A raw subscriber on one feed that checks every sequence the gateway sends: from its first
 * message on, each data message must carry the previous sequence + 1 in one session. A gap, a
 * duplicate, a reset, an {@code error} frame or the gateway closing the connection (a slow
 * consumer cut) is the tap's failure, named with the sequence where it happened.
 *
 * <p>It keeps the last {@value #RECENT} price ticks by sequence, so that the {@link BookWatcher}
 * can check that a slot of the book holds exactly a tick the gateway sent.
 */
final class SequenceTap implements AutoCloseable {

    static final int RECENT = 1 << 20;

    private final String feed;
    private final Socket socket;
    private final Thread reader;
    private final Map<String, Long> lastSeqBySymbol = new ConcurrentHashMap<>();
    // The recent ticks: seq is written last (release) and read first (acquire), as a seqlock.
    private final AtomicLongArray recentSeq = new AtomicLongArray(RECENT);
    private final long[] recentBid = new long[RECENT];
    private final long[] recentAsk = new long[RECENT];
    private final long[] recentTs = new long[RECENT];
    private volatile long firstSeq;
    private volatile long lastSeq;
    private volatile long messages;
    private volatile long session;
    private volatile String failure;
    private volatile boolean closing;

    private SequenceTap(String feed, Socket socket) {
        this.feed = feed;
        this.socket = socket;
        this.reader = new Thread(this::readLoop, "tap-" + feed);
        this.reader.setDaemon(true);
    }

    /** Connects to a feed and subscribes live only: the check starts at the first message it gets. */
    static SequenceTap open(String feed, String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(4 << 20);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        new FrameWriter(socket.getOutputStream(), new MessageCodec()).writeAndFlush(ReplayRequest.liveOnly());
        SequenceTap tap = new SequenceTap(feed, socket);
        tap.reader.start();
        return tap;
    }

    private void readLoop() {
        try {
            FrameReader frames = new FrameReader(new BufferedInputStream(socket.getInputStream(), 1 << 18), new MessageCodec());
            Decoded decoded;
            while ((decoded = frames.read()) != null) {
                if (decoded instanceof PriceTick tick) {
                    onData(tick.session(), tick.seq());
                    remember(tick);
                    lastSeqBySymbol.put(tick.symbol(), tick.seq());
                } else if (decoded instanceof NewsTick news) {
                    onData(news.session(), news.seq());
                    lastSeqBySymbol.put(news.symbol(), news.seq());
                } else if (decoded instanceof Heartbeat heartbeat) {
                    if (lastSeq != 0 && heartbeat.seq() > lastSeq) {
                        fail("heartbeat names seq " + heartbeat.seq() + " but the last data message was seq " + lastSeq);
                    }
                } else if (decoded instanceof Reset reset) {
                    fail("reset: the gateway skipped to seq " + reset.firstSeq() + " of session " + reset.session());
                } else if (decoded instanceof ErrorFrame error) {
                    fail("error frame " + error.reason() + ": " + error.detail());
                } else if (decoded instanceof DecodeError error) {
                    fail("undecodable frame after seq " + lastSeq + ": " + error);
                }
            }
            if (!closing) {
                fail("the gateway closed the connection after seq " + lastSeq + " (cut as a slow consumer, or stopped)");
            }
        } catch (IOException e) {
            if (!closing) {
                fail("connection lost after seq " + lastSeq + ": " + e.getMessage());
            }
        }
    }

    private void onData(long messageSession, long seq) {
        if (session == 0) {
            session = messageSession;
            firstSeq = seq;
        } else if (messageSession != session) {
            fail("session changed from " + session + " to " + messageSession + " at seq " + seq);
        } else if (seq <= lastSeq) {
            fail("duplicate: seq " + seq + " after seq " + lastSeq);
        } else if (seq != lastSeq + 1) {
            fail("gap: seq " + seq + " after seq " + lastSeq + " (" + (seq - lastSeq - 1) + " missing)");
        }
        lastSeq = seq;
        messages++;
    }

    private void remember(PriceTick tick) {
        int index = (int) (tick.seq() & (RECENT - 1));
        recentSeq.setRelease(index, 0);
        recentBid[index] = tick.bid();
        recentAsk[index] = tick.ask();
        recentTs[index] = tick.ts();
        recentSeq.setRelease(index, tick.seq());
    }

    /**
     * Whether the tap saw price seq {@code seq} with these values: TRUE, FALSE (it saw another
     * tick under that seq), or null when the seq is no longer (or not yet) among the recent ones.
     */
    Boolean sawTick(long seq, long bid, long ask, long ts) {
        int index = (int) (seq & (RECENT - 1));
        if (recentSeq.getAcquire(index) != seq) {
            return null;
        }
        boolean same = recentBid[index] == bid && recentAsk[index] == ask && recentTs[index] == ts;
        return recentSeq.getAcquire(index) == seq ? same : null;
    }

    private void fail(String what) {
        if (failure == null) {
            failure = feed + " tap: " + what;
        }
    }

    String feed() {
        return feed;
    }

    /** Null while every message arrived in sequence. */
    String failure() {
        return failure;
    }

    long lastSeq() {
        return lastSeq;
    }

    long firstSeq() {
        return firstSeq;
    }

    long messages() {
        return messages;
    }

    /** The last sequence seen per symbol (a snapshot). */
    Map<String, Long> lastSeqBySymbol() {
        return Map.copyOf(lastSeqBySymbol);
    }

    @Override
    public void close() throws IOException {
        closing = true;
        socket.close();
    }
}
