package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ErrorFrame;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    @Test
    void shouldDrainEverythingPendingIntoOneBatchInOrder() throws Exception {
        OutboundQueue queue = new OutboundQueue(1_000);
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(queue.offer(frame(seq, 10))).isTrue();
        }
        FrameBatch batch = new FrameBatch();

        assertThat(queue.drainTo(batch, 1_000, 0)).isTrue();

        assertThat(batch.size()).isEqualTo(5);
        assertThat(batch.lastDataSeq(0)).isEqualTo(5);
        assertThat(batch.payload()).hasSize(50).startsWith(frame(1, 10).bytes());
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void shouldCapABatchAtMaxBatchBytesButTakeAtLeastOneFrame() throws Exception {
        OutboundQueue queue = new OutboundQueue(1_000);
        queue.offer(frame(1, 300));
        queue.offer(frame(2, 10));
        FrameBatch batch = new FrameBatch();

        queue.drainTo(batch, 100, 0);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(queue.queuedBytes()).isEqualTo(10);
    }

    @Test
    void shouldRefuseAndCloseWhenAFrameTakesItPastTheByteLimit() throws Exception {
        OutboundQueue queue = new OutboundQueue(25);
        assertThat(queue.offer(frame(1, 10))).isTrue();
        assertThat(queue.offer(frame(2, 10))).isTrue();

        assertThat(queue.offer(frame(3, 10))).isFalse();

        assertThat(queue.queuedBytes()).isZero();
        assertThat(queue.drainTo(new FrameBatch(), 1_000, 0)).as("closed").isFalse();
        assertThat(queue.farewell()).isNull();
    }

    @Test
    void shouldReturnAnEmptyBatchWhenTheWaitRunsOut() throws Exception {
        OutboundQueue queue = new OutboundQueue(100);
        FrameBatch batch = new FrameBatch();

        assertThat(queue.drainTo(batch, 100, 1_000_000)).isTrue();

        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void shouldDropPendingFramesAndKeepTheFarewellWhenClosedWithAnError() throws Exception {
        OutboundQueue queue = new OutboundQueue(100);
        queue.offer(frame(1, 10));

        queue.close(new ErrorFrame("UNEXPECTED_FRAME", "detail"));

        assertThat(queue.drainTo(new FrameBatch(), 100, 0)).isFalse();
        assertThat(queue.farewell()).isEqualTo(new ErrorFrame("UNEXPECTED_FRAME", "detail"));
        assertThat(queue.offer(frame(2, 10))).as("dropped, not refused").isTrue();
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void shouldKeepTheLastDataSeqOfABatchThatCarriesOnlyAReset() {
        FrameBatch batch = new FrameBatch();
        batch.add(frame(FeedFrame.CONTROL, 10));

        assertThat(batch.lastDataSeq(41)).isEqualTo(41);
    }

    private static FeedFrame frame(long seq, int length) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) seq;
        return new FeedFrame(seq, bytes);
    }
}
