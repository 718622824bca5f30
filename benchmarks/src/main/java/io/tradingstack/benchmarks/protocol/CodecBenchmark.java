package io.tradingstack.benchmarks.protocol;

import java.util.concurrent.TimeUnit;

import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import io.tradingstack.protocol.Side;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of one frame of each message type with the project's codec: jackson-core's
 * non-blocking parser and its generator, each living as long as the codec. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per operation; a
 * {@code price} decode should allocate the 56-byte {@link PriceTick} and nothing else, an
 * encode nothing. {@link JacksonBaselineBenchmark} is Jackson data binding on the same payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    /** Realistic messages: what the stack sends at its default rates. */
    static Message sample(String type) {
        long ts = 1_732_492_800_123_456_789L;
        return switch (type) {
            case "price" -> new PriceTick(1_732_492_800L, 1_234_567, "AAPL", Prices.parse("187.25"), Prices.parse("187.27"), ts);
            case "news" -> new NewsTick(1_732_492_800L, 45_678, "MSFT", 73, "Microsoft beats cloud revenue estimates", ts);
            case "heartbeat" -> new Heartbeat(1_732_492_800L, 1_234_567, ts);
            case "replay" -> new ReplayRequest(1_234_500, 1_732_492_800L);
            case "reset" -> new Reset(1_732_492_800L, 1_200_000);
            case "logon" -> new Logon("momentum-1", "s3cr3t-t0ken");
            case "order" -> new Order("momentum-1-000000042", "momentum-1", "GOOGL", Side.BUY, 100, Prices.parse("141.80"), ts);
            case "execution" -> Execution.filled("momentum-1-000000042", 42, 100, Prices.parse("141.79"), ts);
            case "cancel" -> new Cancel("momentum-1-000000042", "momentum-1");
            case "error" -> new ErrorFrame("MALFORMED_JSON", "unexpected 'x', expected a JSON value");
            default -> throw new IllegalArgumentException("type=" + type);
        };
    }

    @Param({"price", "news", "heartbeat", "replay", "reset", "logon", "order", "execution", "cancel", "error"})
    public String type;

    private MessageCodec codec;
    private Message message;
    private byte[] frame;

    @Setup
    public void setUp() {
        codec = new MessageCodec(Framing.DEFAULT_MAX_FRAME_LENGTH);
        message = sample(type);
        frame = codec.toFrame(message);
        if (!message.equals(codec.decodeFrame(frame))) {
            throw new IllegalStateException("codec does not round-trip " + message);
        }
    }

    /** Message → framed JSON in the codec's reusable buffer. */
    @Benchmark
    public int encode() {
        return codec.encodeFrame(message);
    }

    /** Framed JSON → message record (or decode error). */
    @Benchmark
    public Decoded decode() {
        return codec.decodeFrame(frame, 0, frame.length);
    }
}
