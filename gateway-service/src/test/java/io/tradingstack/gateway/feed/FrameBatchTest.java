package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.tcp.FrameBytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameBatchTest {

    @Test
    void shouldSendALoneFrameAsItsOwnArray() {
        FrameBatch batch = new FrameBatch();
        FeedFrame frame = frame(1, 30, (byte) 1);
        batch.add(frame);

        FrameBytes payload = batch.payload();

        assertThat(payload.array()).isSameAs(frame.bytes());
        assertThat(payload.length()).isEqualTo(30);
    }

    @Test
    void shouldJoinFramesInOrderIntoOneArrayReusedBySmallerBatchesAfter() {
        FrameBatch batch = new FrameBatch();
        batch.add(frame(1, 30, (byte) 1));
        batch.add(frame(2, 20, (byte) 2));
        batch.add(frame(3, 10, (byte) 3));
        FrameBytes first = batch.payload();
        assertThat(Arrays.copyOf(first.array(), first.length())).isEqualTo(join(frame(1, 30, (byte) 1),
                frame(2, 20, (byte) 2), frame(3, 10, (byte) 3)));
        batch.clear();

        batch.add(frame(4, 5, (byte) 4));
        batch.add(frame(5, 6, (byte) 5));
        FrameBytes second = batch.payload();

        assertThat(second.array()).as("the same array, not a new one per send").isSameAs(first.array());
        assertThat(second.length()).as("only this batch's bytes, not what the first left beyond them").isEqualTo(11);
        assertThat(Arrays.copyOf(second.array(), second.length())).isEqualTo(join(frame(4, 5, (byte) 4), frame(5, 6, (byte) 5)));
    }

    private static FeedFrame frame(long seq, int length, byte fill) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, fill);
        return new FeedFrame(seq, bytes);
    }

    private static byte[] join(FeedFrame... frames) {
        byte[] joined = new byte[Arrays.stream(frames).mapToInt(FeedFrame::length).sum()];
        int offset = 0;
        for (FeedFrame frame : frames) {
            System.arraycopy(frame.bytes(), 0, joined, offset, frame.length());
            offset += frame.length();
        }
        return joined;
    }
}
