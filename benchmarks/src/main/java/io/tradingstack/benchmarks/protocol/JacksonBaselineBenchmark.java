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
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline the codec is compared with in the same run: Jackson 3 on the same {@code price}
 * payload, through data binding (what a Spring application would do) and through its
 * streaming parser (the fastest Jackson can go, reading every token and value).
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

    /** Every token of the payload through Jackson's streaming parser, values read as the codec needs them. */
    @Benchmark
    public long streamingDecodePrice() {
        long sum = 0;
        try (JsonParser parser = mapper.createParser(payload)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    sum += parser.getLongValue();
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    sum += parser.getDecimalValue().unscaledValue().longValue();
                } else if (token == JsonToken.VALUE_STRING) {
                    sum += parser.getString().length();
                }
            }
        }
        return sum;
    }
}
