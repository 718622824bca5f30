package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.gateway.feed.OutboundQueue.Turn;
import io.tradingstack.protocol.ErrorFrame;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue of one subscriber and its turn, driven from the test thread: nothing in it waits. */
class OutboundQueueTest {

    private final AtomicInteger senderWakes = new AtomicInteger();

    @Test
    void shouldDrainEverythingPendingIntoOneBatchInOrder() {
        OutboundQueue queue = queue(1_000);
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(queue.offer(frame(seq, 10))).isTrue();
        }
        FrameBatch batch = new FrameBatch();

        assertThat(queue.tryTakeTurn(batch, 1_000, false)).isEqualTo(Turn.TAKEN);

        assertThat(batch.size()).isEqualTo(5);
        assertThat(batch.lastDataSeq(0)).isEqualTo(5);
        assertThat(batch.payload().length()).isEqualTo(50);
        assertThat(batch.payload().array()).startsWith(frame(1, 10).bytes());
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void shouldCapABatchAtMaxBatchBytesButTakeAtLeastOneFrame() {
        OutboundQueue queue = queue(1_000);
        queue.offer(frame(1, 300));
        queue.offer(frame(2, 10));
        FrameBatch batch = new FrameBatch();

        queue.tryTakeTurn(batch, 100, false);

        assertThat(batch.size()).isEqualTo(1);
        assertThat(queue.queuedBytes()).isEqualTo(10);
    }

    @Test
    void shouldRefuseAndCloseWhenAFrameTakesItPastTheByteLimit() {
        OutboundQueue queue = queue(25);
        assertThat(queue.offer(frame(1, 10))).isTrue();
        assertThat(queue.offer(frame(2, 10))).isTrue();

        assertThat(queue.offer(frame(3, 10))).isFalse();

        assertThat(queue.queuedBytes()).isZero();
        assertThat(queue.tryTakeTurn(new FrameBatch(), 1_000, true)).as("closed").isEqualTo(Turn.CLOSED);
        assertThat(queue.farewell()).isNull();
    }

    @Test
    void shouldGiveTheSenderNothingToDoUntilAFrameIsPendingOrItsHeartbeatIsDue() {
        OutboundQueue queue = queue(100);
        FrameBatch batch = new FrameBatch();

        assertThat(queue.tryTakeTurn(batch, 100, false)).isEqualTo(Turn.NONE);
        assertThat(queue.tryTakeTurn(batch, 100, true)).as("the turn for a heartbeat").isEqualTo(Turn.TAKEN);

        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void shouldDropPendingFramesKeepTheFarewellAndWakeTheSenderWhenClosedWithAnError() {
        OutboundQueue queue = queue(100);
        queue.offer(frame(1, 10));

        queue.close(new ErrorFrame("UNEXPECTED_FRAME", "detail"));

        assertThat(senderWakes).as("the sender is woken to write the farewell and end").hasValue(1);
        assertThat(queue.tryTakeTurn(new FrameBatch(), 100, false)).isEqualTo(Turn.CLOSED);
        assertThat(queue.farewell()).isEqualTo(new ErrorFrame("UNEXPECTED_FRAME", "detail"));
        assertThat(queue.offer(frame(2, 10))).as("dropped, not refused").isTrue();
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void shouldGiveTheTurnToOneWriterAtATimeAndWakeTheSenderForWhatWasQueuedMeanwhile() {
        OutboundQueue queue = queue(1_000);
        FrameBatch publisherBatch = new FrameBatch();
        FrameBatch senderBatch = new FrameBatch();
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000, 1_000)).as("nothing pending").isFalse();

        // The sender holds the turn: the publisher leaves frame 2 to it.
        queue.offer(frame(1, 10));
        assertThat(queue.tryTakeTurn(senderBatch, 1_000, false)).isEqualTo(Turn.TAKEN);
        queue.offer(frame(2, 10));
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000, 1_000)).as("the sender holds the turn").isFalse();
        queue.endTurn();
        assertThat(senderWakes).as("frame 2 is left: the sender is woken").hasValue(1);
        senderBatch.clear();
        assertThat(queue.tryTakeTurn(senderBatch, 1_000, false)).isEqualTo(Turn.TAKEN);
        assertThat(senderBatch.lastDataSeq(0)).isEqualTo(2);
        queue.endTurn();
        assertThat(senderWakes).as("nothing left: no wake").hasValue(1);
        senderBatch.clear();

        // The publisher holds the turn: the sender gets nothing, then frame 4 after the turn ends.
        queue.offer(frame(3, 10));
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000, 1_000)).isTrue();
        assertThat(publisherBatch.lastDataSeq(0)).isEqualTo(3);
        queue.offer(frame(4, 10));
        assertThat(queue.tryTakeTurn(senderBatch, 1_000, true)).as("no turn, not even for a heartbeat").isEqualTo(Turn.NONE);
        queue.endTurn();
        assertThat(senderWakes).hasValue(2);
        assertThat(queue.tryTakeTurn(senderBatch, 1_000, false)).isEqualTo(Turn.TAKEN);
        assertThat(senderBatch.lastDataSeq(0)).isEqualTo(4);
    }

    @Test
    void shouldLeaveABurstLargerThanThePublishersLimitToTheSender() {
        OutboundQueue queue = queue(1_000);
        FrameBatch publisherBatch = new FrameBatch();
        queue.offer(frame(1, 10));
        queue.offer(frame(2, 10));

        assertThat(queue.takeIdleTurn(publisherBatch, 1_000, 19)).as("20 bytes queued, 19 allowed").isFalse();
        assertThat(publisherBatch.isEmpty()).isTrue();
        FrameBatch senderBatch = new FrameBatch();
        assertThat(queue.tryTakeTurn(senderBatch, 1_000, false)).isEqualTo(Turn.TAKEN);
        assertThat(senderBatch.lastDataSeq(0)).isEqualTo(2);
        queue.endTurn();

        queue.offer(frame(3, 10));
        queue.offer(frame(4, 10));
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000, 20)).as("exactly the limit").isTrue();
        assertThat(publisherBatch.lastDataSeq(0)).isEqualTo(4);
    }

    @Test
    void shouldKeepTheLastDataSeqOfABatchThatCarriesOnlyAReset() {
        FrameBatch batch = new FrameBatch();
        batch.add(frame(FeedFrame.CONTROL, 10));

        assertThat(batch.lastDataSeq(41)).isEqualTo(41);
    }

    private OutboundQueue queue(long byteLimit) {
        return new OutboundQueue(byteLimit, senderWakes::incrementAndGet);
    }

    private static FeedFrame frame(long seq, int length) {
        byte[] bytes = new byte[length];
        bytes[0] = (byte) seq;
        return new FeedFrame(seq, bytes);
    }
}
