package io.tradingstack.gateway.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.MessageCodec;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import io.tradingstack.tcp.FrameBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;

/**
 * The feed and its subscribers without sockets: each subscriber writes to a connection that
 * decodes what it is sent, on the subscriber's own sender thread.
 */
class FeedPublishSubscribeTest {

    private static final long SESSION = 1_700_000_000_000L;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** With {@code publisherWrites}, the publishing thread and the senders both write, each while the other does not. */
    @ParameterizedTest(name = "publisher writes: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(300)
    void shouldGiveEverySubscriberEachSequenceOnceInOrderWhenItJoinsWhileTheFeedPublishesFlatOut(boolean publisherWrites)
            throws Exception {
        int messages = 100_000;
        Feed feed = feed(2_000);
        SubscriberSettings settings = new SubscriberSettings(SESSION, System::nanoTime, Duration.ofSeconds(1).toNanos(),
                256L << 20, 64 << 10, publisherWrites, 64 << 10);
        // The last message waits for the fourth subscriber: however the threads are scheduled, more
        // than 3 join while the feed publishes (flat out on either side of that wait).
        CountDownLatch fourJoined = new CountDownLatch(4);
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= messages; i++) {
                if (i == messages) {
                    awaitLatch(fourJoined);
                }
                feed.publish(new PriceQuote("AAPL", i, i + 1L));
            }
        }, "publisher");
        List<Receiver> receivers = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);

        publisher.start();
        while (publisher.isAlive() && receivers.size() < 30) {
            long last = feed.lastSeq();
            long fromSeq = switch (receivers.size() % 3) {
                case 0 -> Math.max(1, last - random.nextInt(1_500)); // in the ring
                case 1 -> 0; // live only
                default -> Math.max(1, last - 5_000); // older than the ring: reset
            };
            Receiver receiver = new Receiver(receivers.size(), fromSeq);
            Subscriber subscriber = new Subscriber(FeedKind.PRICE, receiver.connection, settings, Runnable::run);
            receiver.outcome = feed.subscribe(subscriber, new ReplayRequest(fromSeq, SESSION));
            subscriber.start("subscriber-" + receivers.size());
            receivers.add(receiver);
            fourJoined.countDown();
            Thread.onSpinWait();
        }
        publisher.join();

        assertThat(receivers).hasSizeGreaterThan(3);
        // A receiver that failed stops the wait: its failure, asserted below, says more than a timeout.
        // A receiver that joined live after the last message (its thread was still ending) has nothing to wait for.
        await().atMost(Duration.ofSeconds(120))
                .untilAsserted(() -> assertThat(receivers).allSatisfy(r -> assertThat(r.lastSeq == messages
                        || r.failure != null || r.outcome.firstSeq() > messages)
                        .as("receiver %d (fromSeq %d, %s) done: last seq %d", r.index, r.fromSeq, r.outcome, r.lastSeq)
                        .isTrue()));
        for (Receiver receiver : receivers) {
            assertThat(receiver.failure).as("receiver %d (fromSeq %d, %s)", receiver.index, receiver.fromSeq,
                    receiver.outcome).isNull();
            if (receiver.outcome.firstSeq() > messages) {
                assertThat(receiver.outcome.kind()).isEqualTo(ReplayOutcome.Kind.LIVE);
                assertThat(receiver.firstDataSeq).as("receiver %d joined after the last message", receiver.index).isZero();
                continue;
            }
            assertThat(receiver.firstDataSeq).as("receiver %d first data", receiver.index)
                    .isEqualTo(receiver.outcome.firstSeq());
            if (receiver.outcome.kind() == ReplayOutcome.Kind.REPLAYED) {
                assertThat(receiver.firstDataSeq).isEqualTo(receiver.fromSeq);
            }
            assertThat(receiver.sawReset).isEqualTo(receiver.outcome.kind() == ReplayOutcome.Kind.RESET);
        }
    }

    @Test
    void shouldCutASubscriberWhoseQueuePassesTheByteLimitAndCloseItsConnection() {
        Feed feed = feed(100);
        TcpConnection connection = mock(TcpConnection.class);
        when(connection.getConnectionId()).thenReturn("slow");
        Subscriber never = new Subscriber(FeedKind.PRICE, connection,
                new SubscriberSettings(SESSION, System::nanoTime, 1_000_000_000L, 1_000, 1_000, false, 1_000), Runnable::run);
        feed.subscribe(never, ReplayRequest.liveOnly());
        assertThat(feed.subscriberCount()).isEqualTo(1);

        for (int i = 1; i <= 20; i++) {
            feed.publish(new PriceQuote("AAPL", i, i + 1L)); // about 90 bytes each, never drained
        }

        assertThat(feed.subscriberCount()).isZero();
        assertThat(registry.get(TradingMetric.FEED_SLOW_CONSUMERS_CUT.metricName()).counter().count()).isEqualTo(1);
        verify(connection, timeout(10_000)).close();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).as("four subscribers joined").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Feed feed(int ringSize) {
        return new Feed(FeedKind.PRICE, SESSION, System::nanoTime, ringSize, Framing.DEFAULT_MAX_FRAME_LENGTH,
                new FeedMetrics(registry, FeedKind.PRICE), FeedTap.NONE);
    }

    /** A connection that checks, as frames arrive, that data sequences go up by one. */
    private static final class Receiver {

        final int index;
        final long fromSeq;
        final TcpConnection connection = mock(TcpConnection.class);
        final MessageCodec codec = new MessageCodec();
        volatile ReplayOutcome outcome;
        volatile long lastSeq;
        volatile long firstDataSeq;
        volatile boolean sawReset;
        volatile String failure;

        Receiver(int index, long fromSeq) {
            this.index = index;
            this.fromSeq = fromSeq;
            when(connection.getConnectionId()).thenReturn("receiver-" + index);
            doAnswer(invocation -> {
                try {
                    receive(((Message<?>) invocation.getArgument(0)).getPayload());
                } catch (RuntimeException | Error e) {
                    // Thrown into the sender it would end that thread, and the test would only time out.
                    if (failure == null) {
                        failure = "receive failed: " + e;
                    }
                    throw e;
                }
                return null;
            }).when(connection).send(any());
        }

        private void receive(Object payload) {
            if (!(payload instanceof FrameBytes batch)) {
                return; // a heartbeat
            }
            byte[] frames = batch.array();
            int offset = 0;
            while (offset < batch.length()) {
                int length = Framing.HEADER_LENGTH + Framing.readLength(frames, offset);
                Decoded decoded = codec.decodeFrame(frames, offset, length);
                offset += length;
                if (decoded instanceof Reset) {
                    sawReset = true;
                } else if (decoded instanceof PriceTick tick) {
                    if (firstDataSeq == 0) {
                        firstDataSeq = tick.seq();
                    } else if (tick.seq() != lastSeq + 1 && failure == null) {
                        failure = "seq " + tick.seq() + " after " + lastSeq;
                    }
                    lastSeq = tick.seq();
                } else if (failure == null) {
                    failure = "unexpected " + decoded;
                }
            }
        }
    }
}
