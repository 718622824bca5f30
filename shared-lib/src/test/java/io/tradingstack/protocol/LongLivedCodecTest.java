package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A codec keeps one Jackson parser and one generator for its whole life, as a connection does:
 * frame after frame goes through the same parser, and a bad frame, which leaves the parser in
 * an unknown state, must not change how the next one reads.
 */
class LongLivedCodecTest {

    private static final PriceTick TICK = new PriceTick(7, 1, "AAPL", 18_725_000_000L, 18_727_000_000L, 1_700_000_000_000_000_000L);

    private final MessageCodec codec = new MessageCodec();

    @Test
    void shouldDecodeManyFramesInARowOnOneCodec() {
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            sent.add(switch (i % 4) {
                case 0 -> new PriceTick(7, i, "SYM" + i % 50, 18_725_000_000L + i, 18_727_000_000L + i, 1_700_000_000_000_000_000L + i);
                case 1 -> new NewsTick(7, i, "SYM" + i % 50, i % 101, "headline " + i + " — ünïcode 😀", i);
                case 2 -> new Order("s1-" + i, "s1", "SYM" + i % 50, i % 2 == 0 ? Side.BUY : Side.SELL, i, Prices.NONE, i);
                default -> new Heartbeat(7, i, i);
            });
        }

        for (Message message : sent) {
            assertThat(codec.decodeFrame(codec.toFrame(message))).isEqualTo(message);
        }
    }

    /** Each leaves the parser somewhere else: inside a string, a name, an escape, a number, an array, an object. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"type\":\"price\",\"symbol\":\"AA",
            "{\"type\":\"price\",\"sym",
            "{\"type\":\"news\",\"headline\":\"\\u00",
            "{\"type\":\"price\",\"seq\":12",
            "{\"type\":\"price\",\"x\":[1,[2,",
            "{\"type\":\"price\",\"x\":{\"y\":",
            "{\"type\":\"price\",\"seq\":1,\"seq\":2}",
            "{\"type\":\"price\"}{\"type\":",
            "{\"type\":\"price\"} \"open",
            "[[[[",
            "tru"})
    void shouldDecodeAGoodFrameRightAfterABadOne(String bad) {
        assertThat(codec.decodeFrame(codec.toFrame(TICK))).isEqualTo(TICK);

        assertThat(codec.decode(BadInputTest.utf8(bad))).isInstanceOf(DecodeError.class);

        assertThat(codec.decodeFrame(codec.toFrame(TICK))).isEqualTo(TICK);
        assertThat(codec.decode(BadInputTest.utf8(bad))).as("the same answer from the fresh parser")
                .isEqualTo(new MessageCodec().decode(BadInputTest.utf8(bad)));
    }

    /**
     * Jackson looks for a byte order mark at the start of its stream only: a payload that starts
     * with 0xEF (U+F000..U+FFFF) was refused with one text by a fresh parser and another by a used
     * one (found by CodecFuzzTest with {@code EF B3 B3 65}).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\uFCF3e", "\uFEFF{}", "\uFFFD"})
    void shouldRefuseAPayloadThatStartsWithByteEfAsAFreshParserDoes(String payload) {
        assertThat(codec.decodeFrame(codec.toFrame(TICK))).isEqualTo(TICK);

        Decoded used = codec.decode(BadInputTest.utf8(payload));

        assertThat(used).isEqualTo(new MessageCodec().decode(BadInputTest.utf8(payload)));
        assertThat(((DecodeError) used).reason()).isEqualTo(DecodeFailure.MALFORMED_JSON);
        assertThat(codec.decodeFrame(codec.toFrame(TICK))).isEqualTo(TICK);
    }

    @Test
    void shouldAnswerAValueFailureWithoutDisturbingTheNextFrame() {
        byte[] askBelowBid = BadInputTest.utf8(
                "{\"type\":\"price\",\"session\":7,\"seq\":1,\"symbol\":\"AAPL\",\"bid\":2,\"ask\":1,\"ts\":1}");

        assertThat(((DecodeError) codec.decode(askBelowBid)).reason()).isEqualTo(DecodeFailure.OUT_OF_RANGE);
        assertThat(codec.decodeFrame(codec.toFrame(TICK))).isEqualTo(TICK);
    }

    /**
     * Allocation, not time: a parser or generator per frame costs a kilobyte or more, the
     * reused ones nothing beyond the record (a 56-byte {@link PriceTick}).
     */
    @Test
    void shouldAllocateOnlyTheRecordPerPriceFrame() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] frame = codec.toFrame(TICK);
        for (int i = 0; i < 1_000; i++) { // symbols cached, buffers grown, classes loaded
            codec.decodeFrame(frame);
            codec.encodeFrame(TICK);
        }
        int frames = 10_000;

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            codec.decodeFrame(frame);
        }
        long decoding = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            codec.encodeFrame(TICK);
        }
        long encoding = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(decoding / frames).as("bytes allocated per price decode").isLessThanOrEqualTo(100);
        assertThat(encoding / frames).as("bytes allocated per price encode").isLessThanOrEqualTo(8);
    }

    @Test
    void shouldWriteHalfASurrogatePairAsTheReplacementCharacter() {
        NewsTick cut = new NewsTick(7, 1, "AAPL", 50, "cut \uD83D", 1);

        Decoded decoded = codec.decodeFrame(codec.toFrame(cut));

        assertThat(decoded).isEqualTo(new NewsTick(7, 1, "AAPL", 50, "cut \uFFFD", 1));
    }
}
