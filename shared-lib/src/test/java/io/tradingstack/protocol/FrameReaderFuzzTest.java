package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the framing: any bytes, arriving in reads of any size, through a
 * {@link FrameBatchReader} whose first buffer is of any size, and the same arrivals through a
 * {@link FrameReader}. A normal test run replays the seed corpus in
 * {@code FrameReaderFuzzTestInputs/readersHandOnTheLengthPrefixedPayloadsInOrder} of the test
 * resources; to search for new inputs run
 * {@code JAZZER_FUZZ=1 ./mvnw -pl shared-lib test -Dtest=FrameReaderFuzzTest}.
 *
 * <p>Properties, checked against {@link WireFrames}, which reads the whole input as the protocol
 * defines it:
 * <ul>
 * <li>nothing escapes {@code read()}: the stream here never fails, so not even an IOException;</li>
 * <li>the frames handed on, batch after batch, are the input's length-prefixed payloads in
 * order, each decoded as the codec decodes that payload alone; a payload is never longer than
 * the maximum;</li>
 * <li>a refused header (0, negative, above the maximum) or an end of stream inside a frame is the
 * last element of its batch; the next read drains the stream to its end and returns null, as a
 * clean end between frames does;</li>
 * <li>a batch holds every frame complete in hand: the reader reads only while the next frame has
 * not arrived whole, and tells its {@link FrameInput} before each such read whether bytes of a
 * frame are in hand;</li>
 * <li>memory stays bounded: it reads into a buffer no larger than its first buffer or header +
 * maximum, whichever is larger, and never asks for 0 bytes (which would spin);</li>
 * <li>{@link FrameReader} hands on the same frames one at a time, then null.</li>
 * </ul>
 *
 * <p>The input, as the {@link FuzzedDataProvider} takes it: from its last byte backwards, the first
 * buffer ({@code 4 + byte}), how the stream ends ({@code byte & 1}: 0 returns -1, 1 throws
 * {@link java.io.EOFException}) and each arrival's size ({@code 1 + byte}); from its first byte
 * on, the bytes that arrive.
 */
class FrameReaderFuzzTest {

    /** Small, so that frames at and over the maximum fit in an input and the buffer grows past its first size. */
    static final int MAX_FRAME_LENGTH = 200;

    private final MessageCodec batchCodec = new MessageCodec(MAX_FRAME_LENGTH);
    private final MessageCodec singleCodec = new MessageCodec(MAX_FRAME_LENGTH);
    private final MessageCodec referenceCodec = new MessageCodec(MAX_FRAME_LENGTH);

    @FuzzTest(maxDuration = "60s")
    void readersHandOnTheLengthPrefixedPayloadsInOrder(FuzzedDataProvider data) throws IOException {
        int initialBuffer = Framing.HEADER_LENGTH + data.consumeInt(0, 255);
        boolean endsWithException = data.consumeBoolean();
        List<byte[]> arrivals = new ArrayList<>();
        while (data.remainingBytes() > 0) {
            byte[] arrival = data.consumeBytes(data.consumeInt(1, 256));
            if (arrival.length > 0) {
                arrivals.add(arrival);
            }
        }
        ArrivingStream stream = new ArrivingStream(arrivals, endsWithException);
        WireFrames wire = new WireFrames(stream.wire(), referenceCodec);

        List<Decoded> handedOn = readInBatches(new FrameBatchReader(stream, batchCodec, initialBuffer), stream, wire,
                Math.max(initialBuffer, Framing.HEADER_LENGTH + MAX_FRAME_LENGTH));

        // The same first buffer: a 64 KiB one zeroed for every input made fuzzing eight times slower.
        FrameReader single = new FrameReader(new ArrivingStream(arrivals, endsWithException), singleCodec, initialBuffer);
        for (Decoded frame : handedOn) {
            assertThat(single.read()).isEqualTo(frame);
        }
        assertThat(single.read()).isNull();
    }

    private static List<Decoded> readInBatches(FrameBatchReader reader, ArrivingStream stream, WireFrames wire,
            int bufferBound) throws IOException {
        List<Decoded> handedOn = new ArrayList<>();
        boolean ended = false;
        while (true) {
            int readsBefore = stream.reads().size();
            DecodedFrames batch = reader.read();
            for (ArrivingStream.Read read : stream.reads().subList(readsBefore, stream.reads().size())) {
                checkRead(read, handedOn.size(), ended, wire, bufferBound);
            }
            if (batch == null) {
                assertThat(handedOn).as("every frame of the wire, then the end").hasSize(wire.size());
                assertThat(stream.atEnd()).as("the stream is read to its end").isTrue();
                return handedOn;
            }
            assertThat(ended).as("a read after a refused or truncated frame hands on nothing").isFalse();
            assertThat(batch.size()).isPositive();
            for (int i = 0; i < batch.size(); i++) {
                assertThat(handedOn.size()).as("no frame beyond those of the wire").isLessThan(wire.size());
                Decoded frame = batch.get(i);
                wire.assertMatches(handedOn.size(), frame);
                handedOn.add(frame);
                if (wire.endsStream(handedOn.size() - 1)) {
                    assertThat(i).as("a refused or truncated frame ends its batch").isEqualTo(batch.size() - 1);
                    ended = true;
                }
            }
            if (!ended) {
                assertThat(wire.readyAt(handedOn.size())).as("a batch leaves no complete frame in hand")
                        .isGreaterThan(stream.delivered());
            }
        }
    }

    /**
     * One read of the stream, made while {@code handedOn} frames had been handed on: outside a
     * drain, only when the next frame has not arrived whole, with the FrameInput told whether
     * bytes of it are in hand.
     */
    private static void checkRead(ArrivingStream.Read read, int handedOn, boolean draining, WireFrames wire,
            int bufferBound) {
        assertThat(read.bufferLength()).as("the buffer stays within max(first buffer, header + maximum)")
                .isLessThanOrEqualTo(bufferBound);
        assertThat(read.length()).as("a read asks for at least one byte").isPositive();
        if (draining) {
            assertThat(read.mark()).as("draining awaits no frame").isEqualTo(ArrivingStream.Mark.AWAITING);
            return;
        }
        assertThat(wire.readyAt(handedOn)).as("a read only while the next frame is not whole in hand")
                .isGreaterThan(read.deliveredBefore());
        ArrivingStream.Mark expected = read.deliveredBefore() == wire.start(handedOn)
                ? ArrivingStream.Mark.AWAITING : ArrivingStream.Mark.INSIDE;
        assertThat(read.mark()).as("the FrameInput is told before each read").isEqualTo(expected);
        assertThat(read.markedSincePreviousRead()).as("the FrameInput is told before each read").isTrue();
    }
}
