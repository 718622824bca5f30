package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.ErrorFrame;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OutboundQueueTest {

    @Test
    void shouldDrainEverythingPendingIntoOneBatchInOrder() throws Exception {
        OutboundQueue queue = new OutboundQueue(1_000);
        for (long seq = 1; seq <= 5; seq++) {
            assertThat(queue.offer(frame(seq, 10))).isTrue();
        }
        FrameBatch batch = new FrameBatch();

        assertThat(queue.awaitTurn(batch, 1_000, 0)).isTrue();

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

        queue.awaitTurn(batch, 100, 0);

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
        assertThat(queue.awaitTurn(new FrameBatch(), 1_000, 0)).as("closed").isFalse();
        assertThat(queue.farewell()).isNull();
    }

    @Test
    void shouldReturnAnEmptyBatchWhenTheWaitRunsOut() throws Exception {
        OutboundQueue queue = new OutboundQueue(100);
        FrameBatch batch = new FrameBatch();

        assertThat(queue.awaitTurn(batch, 100, 1_000_000)).isTrue();

        assertThat(batch.isEmpty()).isTrue();
    }

    @Test
    void shouldDropPendingFramesAndKeepTheFarewellWhenClosedWithAnError() throws Exception {
        OutboundQueue queue = new OutboundQueue(100);
        queue.offer(frame(1, 10));

        queue.close(new ErrorFrame("UNEXPECTED_FRAME", "detail"));

        assertThat(queue.awaitTurn(new FrameBatch(), 100, 0)).isFalse();
        assertThat(queue.farewell()).isEqualTo(new ErrorFrame("UNEXPECTED_FRAME", "detail"));
        assertThat(queue.offer(frame(2, 10))).as("dropped, not refused").isTrue();
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    @Timeout(60)
    void shouldLetThePublisherWriteOnlyWhileTheSenderIsIdleAndHoldTheSenderUntilItsTurnEnds() throws Exception {
        OutboundQueue queue = new OutboundQueue(1_000);
        queue.offer(frame(1, 10));
        FrameBatch publisherBatch = new FrameBatch();
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000)).as("no sender waiting yet").isFalse();

        FrameBatch senderBatch = new FrameBatch();
        assertThat(queue.awaitTurn(senderBatch, 1_000, 0)).isTrue();
        assertThat(senderBatch.size()).isEqualTo(1);
        queue.offer(frame(2, 10));
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000)).as("the sender holds the turn").isFalse();
        queue.endTurn();
        senderBatch.clear();
        assertThat(queue.awaitTurn(senderBatch, 1_000, 0)).isTrue();
        queue.endTurn();
        senderBatch.clear();

        // The sender waits for frames (an hour); the publisher takes the turn and writes frame 3.
        CountDownLatch senderHadTurn = new CountDownLatch(1);
        AtomicReference<Throwable> senderFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                queue.awaitTurn(senderBatch, 1_000, Duration.ofHours(1).toNanos());
                senderHadTurn.countDown();
            } catch (Throwable e) {
                senderFailure.set(e);
            }
        }, "test-sender");
        sender.start();
        while (!queue.isSenderWaiting()) {
            assertThat(sender.isAlive()).as("the sender waits").isTrue();
            Thread.onSpinWait();
        }
        queue.offer(frame(3, 10));
        assertThat(queue.takeIdleTurn(publisherBatch, 1_000)).isTrue();
        assertThat(publisherBatch.lastDataSeq(0)).isEqualTo(3);
        queue.offer(frame(4, 10)); // queued while the publisher writes: the sender's, after the turn ends
        queue.wake();
        assertThat(senderHadTurn.await(200, TimeUnit.MILLISECONDS)).as("no turn while the publisher writes").isFalse();

        queue.endTurn();
        assertThat(senderHadTurn.await(30, TimeUnit.SECONDS)).isTrue();
        sender.join();
        assertThat(senderFailure.get()).isNull();
        assertThat(senderBatch.lastDataSeq(0)).isEqualTo(4);
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
