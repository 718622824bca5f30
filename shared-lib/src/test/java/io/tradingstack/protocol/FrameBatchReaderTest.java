package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ArrivingStream.Mark;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameBatchReaderTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void shouldHandOnEveryCompleteFrameOfOneReadAsOneBatch() throws Exception {
        List<Message> sent = ticks(1, 50);
        ArrivingStream in = ArrivingStream.of(frames(sent));

        DecodedFrames batch = new FrameBatchReader(in, codec).read();

        assertThat(list(batch)).containsExactlyElementsOf(sent);
        assertThat(in.reads()).as("one read brought all 50 frames").hasSize(1);
    }

    @Test
    void shouldKeepAFrameSplitAcrossReadsAndHandItOnWhole() throws Exception {
        List<Message> sent = ticks(1, 3);
        byte[] wire = frames(sent);
        int cut = wire.length - 7; // inside the third frame
        ArrivingStream in = ArrivingStream.of(Arrays.copyOfRange(wire, 0, cut), Arrays.copyOfRange(wire, cut, cut + 3),
                Arrays.copyOfRange(wire, cut + 3, wire.length));
        FrameBatchReader reader = new FrameBatchReader(in, codec);

        assertThat(list(reader.read())).containsExactlyElementsOf(sent.subList(0, 2));
        assertThat(list(reader.read())).containsExactly(sent.get(2));
        assertThat(reader.read()).as("a clean end of stream between frames").isNull();
        assertThat(in.marks()).containsExactly(Mark.AWAITING, Mark.INSIDE, Mark.INSIDE, Mark.AWAITING);
    }

    @Test
    void shouldSplitAHeaderAcrossReads() throws Exception {
        byte[] wire = frames(ticks(7, 1));
        ArrivingStream in = ArrivingStream.of(Arrays.copyOfRange(wire, 0, 2), Arrays.copyOfRange(wire, 2, wire.length));

        assertThat(list(new FrameBatchReader(in, codec).read())).containsExactlyElementsOf(ticks(7, 1));
    }

    @Test
    void shouldGrowForAFrameLargerThanItsBufferUpToTheMaximum() throws Exception {
        String headline = "x".repeat(200_000);
        NewsTick big = new NewsTick(1, 1, "AAPL", 60, headline, 5);
        MessageCodec large = new MessageCodec(300_000);
        byte[] wire = large.toFrame(big);
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < wire.length; from += 10_000) {
            chunks.add(Arrays.copyOfRange(wire, from, Math.min(wire.length, from + 10_000)));
        }

        DecodedFrames batch = new FrameBatchReader(ArrivingStream.of(chunks.toArray(byte[][]::new)), large).read();

        assertThat(list(batch)).containsExactly(big);
    }

    @Test
    void shouldEndTheBatchAtARefusedHeaderAndReadNothingMoreFromTheStream() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(frames(ticks(1, 2)));
        wire.writeBytes(BadInputTest.header(0));
        wire.writeBytes(frames(ticks(3, 1)));
        FrameBatchReader reader = new FrameBatchReader(ArrivingStream.of(wire.toByteArray()), codec);

        List<Decoded> batch = list(reader.read());

        assertThat(batch).hasSize(3);
        assertThat(batch.subList(0, 2)).containsExactlyElementsOf(ticks(1, 2));
        assertThat(batch.get(2)).extracting(d -> ((DecodeError) d).reason()).isEqualTo(DecodeFailure.EMPTY_FRAME);
        assertThat(reader.read()).as("after a framing error the stream is only drained").isNull();
    }

    @Test
    void shouldTakeAnEofExceptionWhileDrainingAsTheEndOfTheStream() throws Exception {
        // The stream ends the way fill() already accepts: an EOFException instead of -1.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(frames(ticks(1, 1)));
        wire.writeBytes(BadInputTest.header(-1));
        wire.writeBytes(frames(ticks(2, 1)));
        FrameBatchReader reader = new FrameBatchReader(new ArrivingStream(List.of(wire.toByteArray()), true), codec);

        List<Decoded> batch = list(reader.read());

        assertThat(batch).hasSize(2);
        assertThat(batch.get(1)).extracting(d -> ((DecodeError) d).reason()).isEqualTo(DecodeFailure.NEGATIVE_LENGTH);
        assertThat(reader.read()).as("drained to the end, which is no failure of the stream").isNull();
    }

    @Test
    void shouldReportAStreamThatEndsInsideAFrameAsTruncated() throws Exception {
        byte[] wire = frames(ticks(1, 2));
        FrameBatchReader reader = new FrameBatchReader(ArrivingStream.of(Arrays.copyOf(wire, wire.length - 1)), codec);

        List<Decoded> batch = new ArrayList<>(list(reader.read()));
        DecodedFrames rest = reader.read();
        if (rest != null) {
            batch.addAll(list(rest));
        }

        assertThat(batch).hasSize(2);
        assertThat(batch.get(0)).isEqualTo(ticks(1, 1).get(0));
        assertThat(batch.get(1)).isInstanceOfSatisfying(DecodeError.class, error -> {
            assertThat(error.reason()).isEqualTo(DecodeFailure.TRUNCATED_FRAME);
            assertThat(error.detail()).contains("bytes the frame header declares");
        });
    }

    @Test
    void shouldGoOnDecodingTheFramesAfterABadPayload() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(BadInputTest.frame("[1,2]"));
        wire.writeBytes(frames(ticks(1, 1)));

        List<Decoded> batch = list(new FrameBatchReader(ArrivingStream.of(wire.toByteArray()), codec).read());

        assertThat(batch).hasSize(2);
        assertThat(batch.get(0)).isInstanceOf(DecodeError.class);
        assertThat(batch.get(1)).isEqualTo(ticks(1, 1).get(0));
    }

    static List<Message> ticks(long firstSeq, int count) {
        List<Message> ticks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ticks.add(new PriceTick(3, firstSeq + i, "AAPL", 18_725_000_000L + i, 18_727_000_000L + i, 1_700_000_000_000_000_000L + i));
        }
        return ticks;
    }

    private byte[] frames(List<Message> messages) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (Message message : messages) {
            wire.writeBytes(codec.toFrame(message));
        }
        return wire.toByteArray();
    }

    private static List<Decoded> list(DecodedFrames frames) {
        List<Decoded> list = new ArrayList<>();
        frames.forEach(list::add);
        return list;
    }
}
