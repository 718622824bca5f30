package io.tradingstack.benchmarks.protocol;

import java.util.concurrent.TimeUnit;

import io.tradingstack.protocol.MessageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline for the codec, in the same run: Jackson 3 data binding on the same
 * {@code price} payload, what a Spring application would do without a codec of its own (a
 * parser or generator per message, a {@code double} per price). {@link CodecBenchmark} is the
 * codec itself: the same jackson-core underneath, kept lean.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JacksonBaselineBenchmark {

    /** The price message as a plain data-binding record, with the doubles a naive mapping would use. */
    public record PriceDto(String type, long session, long seq, String symbol, double bid, double ask, long ts) {
    }

    private final JsonMapper mapper = JsonMapper.builder().build();
    private PriceDto dto;
    private byte[] payload;

    @Setup
    public void setUp() {
        payload = new MessageCodec().toPayload(CodecBenchmark.sample("price"));
        dto = mapper.readValue(payload, PriceDto.class);
    }

    @Benchmark
    public byte[] databindEncodePrice() {
        return mapper.writeValueAsBytes(dto);
    }

    @Benchmark
    public PriceDto databindDecodePrice() {
        return mapper.readValue(payload, PriceDto.class);
    }
}
