package io.tradingstack.feed;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.tcp.FrameDeserializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/**
 * Runs a feed's receive path over synthetic frames before the first connect: the frame
 * deserializer the connection reads with, the feed protocol ({@link FeedReceiver}) and the
 * listener's warm-up copy ({@link FeedListener#warmUp}), the code a tick crosses. A service that
 * starts while the gateway publishes hundreds of thousands of ticks a second would otherwise read
 * them with that code still interpreted, fall a second behind and be cut off as a slow consumer
 * before the JIT has compiled it (the gateway queues 32 MB per subscriber, under a second at
 * 300,000 ticks/s).
 *
 * <p>Nothing of it leaves the warm-up: its receiver counts into a registry of its own and the
 * real listener is never called. It runs on the feed thread, as the real reads do.
 */
final class FeedWarmUp {

    /** Frames decoded per read, about what one read of a busy price feed brings. */
    static final int FRAMES_PER_READ = 256;

    private static final String[] SYMBOLS = {"WARMA", "WARMB", "WARMC", "WARMD", "WARME", "WARMF", "WARMG", "WARMH"};
    private static final long SESSION = 1;

    private final Feed feed;
    private final FeedClientConfig config;

    FeedWarmUp(Feed feed, FeedClientConfig config) {
        this.feed = feed;
        this.config = config;
    }

    /**
     * Runs {@code frames} frames of this feed through the receive path into {@code listener},
     * stopping early once {@code keepGoing} is false (the client stops). Returns how many the
     * listener was given.
     */
    long run(long frames, FeedListener listener, BooleanSupplier keepGoing) {
        FeedMetrics metrics = new FeedMetrics(new SimpleMeterRegistry(), feed, "warm-up");
        FeedReceiver receiver = new FeedReceiver(feed, config, listener, metrics);
        FrameDeserializer deserializer = new FrameDeserializer(config.maxFrameLength());
        SyntheticFeed stream = new SyntheticFeed(feed, frames);
        try {
            while (keepGoing.getAsBoolean()) {
                DecodedFrames batch = deserializer.deserialize(stream);
                receiver.onFrames(batch);
            }
        } catch (SoftEndOfStreamException done) {
            // every frame was read
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an in-memory stream does not fail
        }
        return (long) metrics.messagesReceived.count(); // the receiver counts each message it delivers
    }

    /**
     * The frames of a feed in sequence, encoded as a read asks for them, {@link #FRAMES_PER_READ}
     * at most per read; the end of the stream after the last, between two frames.
     */
    static final class SyntheticFeed extends InputStream {

        private final Feed feed;
        private final long frames;
        private final MessageCodec codec = new MessageCodec();
        private final byte[] pending;
        private int pendingStart;
        private int pendingEnd;
        private long nextSeq = 1;

        SyntheticFeed(Feed feed, long frames) {
            this.feed = feed;
            this.frames = frames;
            this.pending = new byte[FRAMES_PER_READ * 512];
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (pendingStart == pendingEnd && !encodeNextFrames()) {
                return -1;
            }
            int n = Math.min(length, pendingEnd - pendingStart);
            System.arraycopy(pending, pendingStart, into, offset, n);
            pendingStart += n;
            return n;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        private boolean encodeNextFrames() {
            pendingStart = 0;
            pendingEnd = 0;
            for (int i = 0; i < FRAMES_PER_READ && nextSeq <= frames; i++) {
                int length = codec.encodeFrame(next(nextSeq));
                if (pendingEnd + length > pending.length) {
                    break; // no room: the next read encodes it again
                }
                System.arraycopy(codec.buffer(), 0, pending, pendingEnd, length);
                pendingEnd += length;
                nextSeq++;
            }
            return pendingEnd > 0;
        }

        private Message next(long seq) {
            String symbol = SYMBOLS[(int) (seq % SYMBOLS.length)];
            long ts = SystemEpochNanoClock.instance().epochNanos();
            if (feed == Feed.NEWS) {
                return new NewsTick(SESSION, seq, symbol, (int) (seq % 101), "warm-up headline " + seq, ts);
            }
            long bid = (100 + seq % 50) * Prices.SCALE + (seq % 100) * (Prices.SCALE / 100);
            return new PriceTick(SESSION, seq, symbol, bid, bid + Prices.SCALE / 100, ts);
        }
    }
}
