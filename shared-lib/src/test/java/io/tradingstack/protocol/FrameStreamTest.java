package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameStreamTest {

    private static final PriceTick TICK = new PriceTick(3, 41, "AAPL", 18_725_000_000L, 18_727_000_000L, 1_700_000_000_000_000_000L);

    @Test
    void shouldReadBackEveryFrameWrittenToAStreamThenSeeACleanEnd() throws Exception {
        List<Message> sent = List.of(TICK, new Heartbeat(3, 41, 5), new NewsTick(3, 42, "MSFT", 77, "Beats estimates — shares up 5 %", 6),
                Execution.rejected("s1-1", 9, "NOT_MARKETABLE", 7), new Reset(3, 12));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(wire, new MessageCodec());
        for (Message message : sent) {
            writer.write(message);
        }
        writer.flush();

        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire.toByteArray()), new MessageCodec());
        for (Message message : sent) {
            assertThat(reader.read()).isEqualTo(message);
        }
        assertThat(reader.read()).as("a clean end of stream between frames").isNull();
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheMaximumLength() throws Exception {
        MessageCodec codec = new MessageCodec(200);
        String padded = "{\"type\":\"heartbeat\",\"session\":1,\"seq\":0,\"ts\":1,\"pad\":\"";
        String json = padded + "x".repeat(200 - padded.length() - 2) + "\"}";
        assertThat(json).hasSize(200);

        assertThat(codec.decodeFrame(BadInputTest.frame(json))).isEqualTo(new Heartbeat(1, 0, 1));
        assertThat(codec.decodeFrame(BadInputTest.frame(json.replace("\"pad\":\"", "\"pad\":\"x"))))
                .extracting(d -> ((DecodeError) d).reason()).isEqualTo(DecodeFailure.FRAME_TOO_LARGE);
    }

    @Test
    void shouldRefuseAHugeDeclaredLengthWithoutAllocatingIt() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageCodec codec = new MessageCodec(Framing.LARGEST_MAX_FRAME_LENGTH - 1);
        // The first refusal loads classes and links string concatenation; measure the second.
        new FrameReader(new ByteArrayInputStream(BadInputTest.header(Integer.MAX_VALUE)), codec).read();
        FrameReader reader = new FrameReader(new ByteArrayInputStream(BadInputTest.header(Integer.MAX_VALUE)), codec);
        long before = threads.getCurrentThreadAllocatedBytes();

        DecodeError error = (DecodeError) reader.read();

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(error.reason()).isEqualTo(DecodeFailure.FRAME_TOO_LARGE);
        assertThat(allocated).as("bytes allocated while refusing a 2 GiB frame").isLessThan(64 * 1024);
    }

    @Test
    void shouldRefuseToEncodeAMessageLargerThanThePeerAccepts() {
        MessageCodec codec = new MessageCodec(64);

        assertThatThrownBy(() -> codec.encodeFrame(new NewsTick(1, 1, "AAPL", 50, "x".repeat(100), 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrameLength=64");
    }

    @Test
    void shouldFitTheLargestExecutionTheOrderManagerCanOweInTheSmallestOrderFrame() {
        // A clientOrderId of 64 backslashes, each escaped to two bytes, as OrderPathFuzzTest found.
        String escaped = "\\".repeat(64);
        Execution rejected = Execution.rejected(escaped, Long.MAX_VALUE, "DUPLICATE_CLIENT_ORDER_ID", Long.MAX_VALUE);
        Execution filled = Execution.filled(escaped, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);

        for (Execution largest : new Execution[] {rejected, filled}) {
            int payload = new MessageCodec(Framing.SMALLEST_ORDER_FRAME_LENGTH).toFrame(largest).length
                - Framing.HEADER_LENGTH;
            assertThat(payload).as("payload of " + largest.status()).isGreaterThan(256)
                .isLessThanOrEqualTo(Framing.SMALLEST_ORDER_FRAME_LENGTH);
        }
    }

    @Test
    void shouldRefuseAnInvalidMaximum() {
        assertThatThrownBy(() -> new MessageCodec(0)).hasMessageContaining("maxFrameLength=0");
    }

    @Test
    void shouldDecodeAPriceFrameAllocatingOnlyTheRecord() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MessageCodec codec = new MessageCodec();
        byte[] frame = codec.toFrame(TICK);
        for (int i = 0; i < 20_000; i++) {
            codec.decodeFrame(frame, 0, frame.length); // warm up: the symbol is interned on the first decode
        }
        int decodes = 100_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        long sum = 0;
        for (int i = 0; i < decodes; i++) {
            sum += ((PriceTick) codec.decodeFrame(frame, 0, frame.length)).seq();
        }
        long perDecode = (threads.getCurrentThreadAllocatedBytes() - before) / decodes;

        assertThat(sum).isEqualTo(41L * decodes);
        // A PriceTick is 56 bytes with compressed oops; anything more per decode is a second object.
        assertThat(perDecode).as("bytes allocated per price decode").isLessThanOrEqualTo(64);
    }
}
