package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

/** Which thread writes a subscriber's frames: the publisher while the socket keeps up, else the sender. */
@Timeout(60)
class SubscriberWriterTest {

    private static final long SESSION = 1_700_000_000_000L;

    private final TcpConnection connection = mock(TcpConnection.class);
    private final List<String> writers = Collections.synchronizedList(new ArrayList<>());
    private Subscriber subscriber;

    @AfterEach
    void stop() {
        if (subscriber != null) {
            subscriber.stop();
        }
    }

    @Test
    void shouldWriteOnThePublisherThreadWhileTheSenderIsIdle() throws Exception {
        CountDownLatch written = recordWrites(1);
        subscriber = startSubscriber(true);

        subscriber.offer(frame(1));
        subscriber.sendOrWake();

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writers).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void shouldLeaveTheWritesToTheSenderWhenThePublisherDoesNotWrite() throws Exception {
        CountDownLatch written = recordWrites(1);
        subscriber = startSubscriber(false);

        subscriber.offer(frame(1));
        subscriber.sendOrWake();

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writers).containsExactly("test-sender");
    }

    @Test
    void shouldLeaveABurstLargerThanItsLimitToTheSender() throws Exception {
        CountDownLatch written = recordWrites(2);
        subscriber = startSubscriber(true, 16);

        publish(1); // 16 bytes: the publisher writes it
        subscriber.offer(new FeedFrame(2, new byte[17])); // a burst of a high rate: the sender's
        subscriber.sendOrWake();

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writers).containsExactly("test-publisher", "test-sender");
    }

    @Test
    void shouldKeepWritingOnThePublisherAfterOneSlowWrite() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch written = recordWrites(2, releaseFirst);
        subscriber = startSubscriber(true);

        slowPublisherWrite(1, releaseFirst);
        publish(2);

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writers).as("one slow write is a thread that lost its core, not a socket backing up")
            .containsExactly("test-publisher", "test-publisher");
    }

    @Test
    void shouldLeaveTheWritesToTheSenderAfterTwoSlowWritesInARow() throws Exception {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        CountDownLatch written = recordWrites(3, releaseFirst, releaseSecond);
        subscriber = startSubscriber(true);

        slowPublisherWrite(1, releaseFirst);
        slowPublisherWrite(2, releaseSecond);
        publish(3);

        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writers).containsExactly("test-publisher", "test-publisher", "test-sender");
    }

    /** Publishes frame {@code seq} on a publisher thread, which writes it or wakes the sender. */
    private void publish(long seq) throws InterruptedException {
        Thread publisher = new Thread(() -> {
            subscriber.offer(frame(seq));
            subscriber.sendOrWake();
        }, "test-publisher");
        publisher.start();
        publisher.join();
    }

    /** A publisher write of frame {@code seq} that blocks until it is slow, then is released. */
    private void slowPublisherWrite(long seq, CountDownLatch release) throws Exception {
        int before = writers.size();
        Thread publisher = new Thread(() -> {
            subscriber.offer(frame(seq));
            subscriber.sendOrWake(); // blocks in the write until released
        }, "test-publisher");
        publisher.start();
        while (writers.size() == before) {
            assertThat(publisher.isAlive()).isTrue();
            Thread.onSpinWait();
        }
        Thread.sleep(Duration.ofNanos(Subscriber.SLOW_WRITE_NANOS).toMillis() * 5); // the write is slow by then
        release.countDown();
        publisher.join();
        awaitSenderIdle();
    }

    @Test
    void shouldCloseTheConnectionWhenTheSenderFailsOtherThanOnTheSocket() throws Exception {
        assertConnectionClosedAfterAFailingWrite(false);
    }

    @Test
    void shouldCloseTheConnectionAndSpareThePublisherWhenItsWriteFailsOtherThanOnTheSocket() throws Exception {
        assertConnectionClosedAfterAFailingWrite(true);
    }

    private void assertConnectionClosedAfterAFailingWrite(boolean publisherWrites) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        when(connection.getConnectionId()).thenReturn("test");
        doAnswer(invocation -> {
            throw new IllegalStateException("a bug in the write path");
        }).when(connection).send(any());
        doAnswer(invocation -> {
            closed.countDown();
            return null;
        }).when(connection).close();
        subscriber = startSubscriber(publisherWrites);

        subscriber.offer(frame(1));
        subscriber.sendOrWake(); // with publisher writes, the failure must not reach this thread

        assertThat(closed.await(30, TimeUnit.SECONDS)).as("the connection closed, so the subscriber replays").isTrue();
    }

    /** Records each writing thread; the first write waits for {@code releaseFirst} when given. */
    /** Records who writes; the n-th write waits for {@code releases[n - 1]} when there is one. */
    private CountDownLatch recordWrites(int count, CountDownLatch... releases) {
        CountDownLatch written = new CountDownLatch(count);
        when(connection.getConnectionId()).thenReturn("test");
        doAnswer(invocation -> {
            writers.add(Thread.currentThread().getName());
            int n = writers.size();
            if (n <= releases.length) {
                releases[n - 1].await();
            }
            written.countDown();
            return true;
        }).when(connection).send(any());
        return written;
    }

    private Subscriber startSubscriber(boolean publisherWrites) {
        return startSubscriber(publisherWrites, 1 << 16);
    }

    private Subscriber startSubscriber(boolean publisherWrites, long publisherWriteMaxBytes) {
        Subscriber started = new Subscriber(FeedKind.NEWS, connection, new SubscriberSettings(SESSION, System::nanoTime,
                Duration.ofHours(1).toNanos(), 1 << 20, 1 << 16, publisherWrites, publisherWriteMaxBytes), Runnable::run);
        started.start("test-sender");
        subscriber = started;
        awaitSenderIdle();
        return started;
    }

    private void awaitSenderIdle() {
        while (!subscriber.isSenderIdle()) {
            Thread.onSpinWait();
        }
    }

    private static FeedFrame frame(long seq) {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) seq;
        return new FeedFrame(seq, bytes);
    }
}
