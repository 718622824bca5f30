package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Framing;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The subscriber side of the feed protocol against a fake gateway on a real socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FeedClientTest {

    private static final long SESSION = 7;
    /**
     * A heartbeat interval whose silence limit (3 intervals, 30 s) no test reaches: a test that is
     * not about silence never races the client's silence check with its own sends.
     */
    private static final Duration QUIET_ALLOWED = Duration.ofSeconds(10);
    /**
     * The interval of the tests about silence: the client calls the feed dead after 3 s without a
     * frame, a margin no send of the test thread comes near, loaded or not.
     */
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private FakeGateway gateway;
    private FeedClient client;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (client != null) {
            client.stop();
        }
        gateway.close();
    }

    @Test
    void shouldAskForLiveDataOnlyOnTheFirstConnect() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));

        FakeGateway.Connection connection = gateway.accept();

        assertThat(connection.replay()).isEqualTo(ReplayRequest.liveOnly());
        assertThat(listener.nextConnected()).isEqualTo(ReplayRequest.liveOnly());
        assertThat(client.status().connected()).isTrue();
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isZero();
    }

    @Test
    void shouldDeliverDataInOrderAndDropDuplicates() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();

        connection.send(price(SESSION, 41), price(SESSION, 42), price(SESSION, 42), price(SESSION, 41), price(SESSION, 43));

        assertThat(listener.nextPriceSeqs(3)).containsExactly(41, 42, 43);
        connection.send(price(SESSION, 44));
        assertThat(listener.nextPriceSeqs(1)).containsExactly(44);
        assertThat(count(TradingMetric.FEED_MESSAGES_RECEIVED)).isEqualTo(4);
        assertThat(count(TradingMetric.FEED_GAPS)).isZero();
        FeedStatus status = client.status();
        assertThat(status.connected()).isTrue();
        assertThat(status.session()).isEqualTo(SESSION);
        assertThat(status.lastSeq()).isEqualTo(44);
        assertThat(status.lastFrameAt()).isNotNull();
        assertThat(status.reason()).isEmpty();
    }

    @Test
    void shouldWarmUpTheListenersCopyOnTheFeedThreadBeforeTheFirstConnect() throws Exception {
        RecordingListener copy = new RecordingListener();
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        FeedListener lending = new RecordingListener() {
            @Override
            public void warmUp(java.util.function.Consumer<FeedListener> warmUp) {
                order.add("warm-up on " + Thread.currentThread().getName());
                warmUp.accept(copy);
                order.add("warm-up done");
            }

            @Override
            public void onConnected(ReplayRequest replay) {
                order.add("connected");
                listener.onConnected(replay);
            }

            @Override
            public void onPrice(PriceTick tick) {
                listener.onPrice(tick);
            }
        };
        client = new FeedClient(Feed.PRICE, "test", config(QUIET_ALLOWED).withWarmUpFrames(3_000), lending, registry);
        client.start();

        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();
        connection.send(price(SESSION, 1));

        assertThat(listener.nextPriceSeqs(1)).containsExactly(1);
        assertThat(order).containsExactly("warm-up on feed-price", "warm-up done", "connected");
        assertThat(copy.nextPriceSeqs(3_000)).hasSize(3_000).startsWith(1L, 2L, 3L).endsWith(3_000L);
        assertThat(copy.threads()).extracting(Thread::getName).containsExactly("feed-price");
        assertThat(count(TradingMetric.FEED_MESSAGES_RECEIVED)).as("the warm-up counts nowhere").isEqualTo(1);
    }

    @Test
    void shouldDeliverNewsTicksOfANewsFeed() throws Exception {
        start(Feed.NEWS, config(QUIET_ALLOWED));
        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();
        NewsTick news = new NewsTick(SESSION, 1, "AAPL", 80, "Record quarter", 1_000L);

        connection.send(news);

        assertThat(listener.next(NewsTick.class)).isEqualTo(news);
        assertThat(registry.get(TradingMetric.FEED_MESSAGES_RECEIVED.metricName()).tag("feed", "news").counter().count())
            .isEqualTo(1);
    }

    @Test
    void shouldReconnectAndReplayFromTheNextSequenceAfterAGap() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1), price(SESSION, 2), price(SESSION, 5));
        assertThat(listener.nextPriceSeqs(2)).containsExactly(1, 2);

        assertThat(listener.nextDisconnected()).contains("gap").contains("expected seq 3, got 5");
        first.awaitClosedByClient();
        FakeGateway.Connection second = gateway.accept();

        assertThat(second.replay()).isEqualTo(new ReplayRequest(3, SESSION));
        assertThat(listener.nextConnected()).isEqualTo(new ReplayRequest(3, SESSION));
        second.send(price(SESSION, 3), price(SESSION, 4), price(SESSION, 5));
        assertThat(listener.nextPriceSeqs(3)).containsExactly(3, 4, 5);
        assertThat(count(TradingMetric.FEED_GAPS)).isEqualTo(1);
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isEqualTo(1);
    }

    @Test
    void shouldCountAResetAndContinueFromItsFirstSequence() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1), price(SESSION, 2), price(SESSION, 3));
        listener.nextPriceSeqs(3);
        first.close();
        assertThat(listener.nextDisconnected()).isEqualTo("closed by the gateway");

        FakeGateway.Connection second = gateway.accept();
        assertThat(second.replay()).isEqualTo(new ReplayRequest(4, SESSION));
        listener.nextConnected();
        second.send(new Reset(SESSION, 10), price(SESSION, 10), price(SESSION, 11));

        assertThat(listener.nextPriceSeqs(2)).containsExactly(10, 11);
        assertThat(count(TradingMetric.FEED_RESETS_RECEIVED)).isEqualTo(1);
        assertThat(count(TradingMetric.FEED_GAPS)).isZero();
        assertThat(count(TradingMetric.FEED_SESSIONS)).isZero();
        assertThat(client.status().lastSeq()).isEqualTo(11);
    }

    @Test
    void shouldCountANewSessionAndFollowIt() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1), price(SESSION, 2));
        listener.nextPriceSeqs(2);
        first.close();
        listener.nextDisconnected();

        // The gateway restarted: it cannot serve session 7 and resets to its own session 8.
        FakeGateway.Connection second = gateway.accept();
        assertThat(second.replay()).isEqualTo(new ReplayRequest(3, SESSION));
        listener.nextConnected();
        second.send(new Reset(8, 1), price(8, 1), price(8, 2));

        assertThat(listener.nextPriceSeqs(2)).containsExactly(1, 2);
        assertThat(count(TradingMetric.FEED_SESSIONS)).isEqualTo(1);
        assertThat(count(TradingMetric.FEED_RESETS_RECEIVED)).isEqualTo(1);
        second.close();
        listener.nextDisconnected();
        assertThat(gateway.accept().replay()).isEqualTo(new ReplayRequest(3, 8));
    }

    @Test
    void shouldExpectSequenceOneFromANewSessionThatArrivesWithoutAReset() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 5));
        listener.nextPriceSeqs(1);

        first.send(price(9, 3));

        assertThat(listener.nextDisconnected()).contains("expected seq 1, got 3");
        assertThat(count(TradingMetric.FEED_SESSIONS)).isEqualTo(1);
        assertThat(count(TradingMetric.FEED_GAPS)).isEqualTo(1);
        assertThat(gateway.accept().replay()).isEqualTo(new ReplayRequest(1, 9));
    }

    @Test
    void shouldTreatAHeartbeatAheadOfTheLastSequenceAsAGap() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1), price(SESSION, 2), new Heartbeat(SESSION, 2, 1_000L), price(SESSION, 3));
        assertThat(listener.nextPriceSeqs(3)).containsExactly(1, 2, 3);

        first.send(new Heartbeat(SESSION, 5, 1_000L));

        assertThat(listener.nextDisconnected()).contains("heartbeat says seq 5 was sent, last received 3");
        first.awaitClosedByClient();
        assertThat(gateway.accept().replay()).isEqualTo(new ReplayRequest(4, SESSION));
        assertThat(count(TradingMetric.FEED_GAPS)).isEqualTo(1);
    }

    @Test
    void shouldCloseAConnectionSilentForThreeHeartbeatIntervalsAndReplay() throws Exception {
        start(Feed.PRICE, config(HEARTBEAT));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        long silentSince = System.nanoTime(); // before the last frame, so the client's silence starts later
        first.send(price(SESSION, 1));
        listener.nextPriceSeqs(1);

        assertThat(listener.nextDisconnected()).contains("no frame for 3000 ms");
        assertThat(System.nanoTime() - silentSince).isGreaterThanOrEqualTo(3 * HEARTBEAT.toNanos());
        first.awaitClosedByClient();
        assertThat(gateway.accept().replay()).isEqualTo(new ReplayRequest(2, SESSION));
        listener.nextConnected();
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isEqualTo(1);
        // The silence check runs on the connector thread, but the listener hears of it on the feed thread alone.
        assertThat(listener.threads()).extracting(Thread::getName).containsOnly("feed-price");
    }

    @Test
    void shouldCloseAConnectionThatNeverSendsAFrame() throws Exception {
        long opened = System.nanoTime(); // before the client can connect, so its silence starts later
        start(Feed.PRICE, config(HEARTBEAT));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();

        assertThat(listener.nextDisconnected()).contains("no frame for 3000 ms");
        assertThat(System.nanoTime() - opened).isGreaterThanOrEqualTo(3 * HEARTBEAT.toNanos());
        first.awaitClosedByClient();
        assertThat(gateway.accept().replay()).isEqualTo(ReplayRequest.liveOnly());
    }

    @Test
    void shouldKeepAConnectionThatHearsHeartbeats() throws Exception {
        start(Feed.PRICE, config(HEARTBEAT));
        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();

        // Heartbeats 100 ms apart for longer than the 3 s the connection would live without them.
        long start = System.nanoTime();
        while (System.nanoTime() - start <= 4 * HEARTBEAT.toNanos()) {
            connection.send(new Heartbeat(SESSION, 0, 1_000L));
            Thread.sleep(100);
        }

        // Still the same connection: the next callback is this tick, not a disconnect.
        connection.send(price(SESSION, 1));
        assertThat(listener.nextPriceSeqs(1)).containsExactly(1);
        assertThat(client.status().connected()).isTrue();
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isZero();
    }

    @Test
    void shouldReconnectWithBackoffWhileTheGatewayIsDown() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1), price(SESSION, 2));
        listener.nextPriceSeqs(2);

        gateway.down();
        listener.nextDisconnected();
        awaitTrue(() -> client.status().reason().startsWith("cannot connect to 127.0.0.1:" + gateway.port()));
        assertThat(client.status().connected()).isFalse();
        gateway.up();

        FakeGateway.Connection second = gateway.accept();
        assertThat(second.replay()).isEqualTo(new ReplayRequest(3, SESSION));
        assertThat(listener.nextConnected()).isEqualTo(new ReplayRequest(3, SESSION));
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isEqualTo(1);
    }

    @Test
    void shouldDoubleTheWaitAfterEveryConnectionThatDeliversNothing() throws Exception {
        Duration initial = Duration.ofMillis(50);
        start(Feed.PRICE, new FeedClientConfig("127.0.0.1", gateway.port(), QUIET_ALLOWED, 3, initial,
                Duration.ofMillis(400), Framing.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(1)));

        for (int i = 0; i < 6; i++) {
            gateway.accept().close();
        }

        List<Long> accepts = gateway.acceptTimes();
        long[] minimumMillis = {50, 100, 200, 400, 400};
        for (int i = 0; i < minimumMillis.length; i++) {
            long intervalMillis = TimeUnit.NANOSECONDS.toMillis(accepts.get(i + 1) - accepts.get(i));
            assertThat(intervalMillis).as("wait before attempt %d", i + 2).isGreaterThanOrEqualTo(minimumMillis[i] - 10);
        }
        awaitTrue(() -> count(TradingMetric.FEED_RECONNECTS) == 5);
    }

    @Test
    void shouldCountAnInvalidFrameAndReconnect() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();
        first.send(price(SESSION, 1));
        listener.nextPriceSeqs(1);

        first.sendRaw(frame("{not json"));

        assertThat(listener.nextDisconnected()).startsWith("invalid frame from the gateway: MALFORMED_JSON");
        assertThat(invalidFrames("MALFORMED_JSON")).isEqualTo(1);
        FakeGateway.Connection second = gateway.accept();
        assertThat(second.replay()).isEqualTo(new ReplayRequest(2, SESSION));
        listener.nextConnected();

        second.sendRaw(new byte[] {0, 0, 0, 0});

        assertThat(listener.nextDisconnected()).contains("EMPTY_FRAME");
        assertThat(invalidFrames("EMPTY_FRAME")).isEqualTo(1);
        assertThat(gateway.accept().replay()).isEqualTo(new ReplayRequest(2, SESSION));
    }

    @Test
    void shouldReconnectAfterAnErrorFrame() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection first = gateway.accept();
        listener.nextConnected();

        first.send(new ErrorFrame("TOO_MANY_CONNECTIONS", "limit=1"));

        assertThat(listener.nextDisconnected()).isEqualTo("gateway sent error TOO_MANY_CONNECTIONS: limit=1");
        first.awaitClosedByClient();
        assertThat(gateway.accept().replay()).isEqualTo(ReplayRequest.liveOnly());
    }

    @Test
    void shouldSkipAMessageWhoseListenerThrowsAndGoOn() throws Exception {
        RecordingListener failingOnTwo = new RecordingListener() {
            @Override
            public void onPrice(PriceTick tick) {
                if (tick.seq() == 2) {
                    throw new IllegalStateException("bad tick " + tick.seq());
                }
                super.onPrice(tick);
            }
        };
        client = new FeedClient(Feed.PRICE, "test", config(QUIET_ALLOWED), failingOnTwo, registry);
        client.start();
        FakeGateway.Connection connection = gateway.accept();
        failingOnTwo.nextConnected();

        connection.send(price(SESSION, 1), price(SESSION, 2), price(SESSION, 3));

        assertThat(failingOnTwo.nextPriceSeqs(2)).containsExactly(1, 3);
        assertThat(client.status().connected()).isTrue();
    }

    @Test
    void shouldStopFeedingAndCloseWhenTheListenerThrowsAnError() throws Exception {
        RecordingListener failingOnTwo = new RecordingListener() {
            @Override
            public void onPrice(PriceTick tick) {
                super.onPrice(tick);
                if (tick.seq() == 2) {
                    throw new AssertionError("single writer broken");
                }
            }
        };
        client = new FeedClient(Feed.PRICE, "test", config(QUIET_ALLOWED), failingOnTwo, registry);
        client.start();
        FakeGateway.Connection connection = gateway.accept();
        failingOnTwo.nextConnected();
        Thread feedThread = failingOnTwo.threads().iterator().next();

        connection.send(price(SESSION, 1), price(SESSION, 2), price(SESSION, 3));

        assertThat(failingOnTwo.nextPriceSeqs(2)).containsExactly(1, 2);
        assertThat(failingOnTwo.nextDisconnected()).isEqualTo("feed thread failed: AssertionError: single writer broken");
        connection.awaitClosedByClient();
        feedThread.join(10_000);
        assertThat(feedThread.isAlive()).isFalse();
        assertThat(client.status().connected()).isFalse();
        assertThat(client.status().reason()).startsWith("feed thread failed: AssertionError");
    }

    @Test
    void shouldCallTheListenerOnOneThreadAcrossReconnects() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection connection = gateway.accept();
        connection.send(price(SESSION, 1), price(SESSION, 3)); // gap
        connection = gateway.accept();
        connection.send(price(SESSION, 2));
        connection.sendRaw(frame("[]")); // invalid
        connection = gateway.accept();
        connection.send(price(SESSION, 3));
        connection.close(); // gone
        connection = gateway.accept();
        connection.send(price(SESSION, 4));
        listener.nextConnected();
        assertThat(listener.nextPriceSeqs(1)).containsExactly(1);
        for (int i = 0; i < 3; i++) {
            listener.nextDisconnected();
            listener.nextConnected();
            assertThat(listener.nextPriceSeqs(1)).containsExactly(i + 2);
        }

        assertThat(listener.threads()).hasSize(1);
        Thread feedThread = listener.threads().iterator().next();
        assertThat(feedThread.getName()).isEqualTo("feed-price");
        assertThat(feedThread).isNotSameAs(Thread.currentThread());
        assertThat(count(TradingMetric.FEED_RECONNECTS)).isEqualTo(3);
    }

    @Test
    void shouldLeaveNoThreadRunningAfterStop() throws Exception {
        start(Feed.PRICE, config(QUIET_ALLOWED));
        FakeGateway.Connection connection = gateway.accept();
        listener.nextConnected();
        Thread feedThread = listener.threads().iterator().next();

        client.stop();

        assertThat(feedThread.isAlive()).isFalse();
        connection.awaitClosedByClient();
        assertThat(listener.nextDisconnected()).isEqualTo("stopped");
        assertThat(client.isRunning()).isFalse();
        assertThat(client.status().connected()).isFalse();
        assertThat(client.status().reason()).isEqualTo("stopped");
        client.stop();
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldStopPromptlyWhileWaitingToReconnect() throws Exception {
        // A backoff far beyond the bound on stop: a stop that waited it out could not pass.
        start(Feed.PRICE, new FeedClientConfig("127.0.0.1", gateway.port(), QUIET_ALLOWED, 3,
                Duration.ofSeconds(40), Duration.ofSeconds(40), Framing.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(1)));
        gateway.accept().close();
        listener.nextConnected();
        Thread feedThread = listener.threads().iterator().next();
        listener.nextDisconnected();

        long stopStart = System.nanoTime();
        client.stop();

        assertThat(feedThread.isAlive()).isFalse();
        assertThat(System.nanoTime() - stopStart).isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void shouldReportEveryInvalidSetting() {
        assertThatThrownBy(() -> new FeedClientConfig(" ", 0, Duration.ZERO, 0, Duration.ofSeconds(2),
                Duration.ofSeconds(1), 0, Duration.ZERO))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContainingAll("host is blank", "port=0", "heartbeatInterval=PT0S", "deadAfterHeartbeats=0",
                "backoffMax=PT1S", "maxFrameLength=0", "connectTimeout=PT0S");
        // a socket read timeout of 0 ms would mean "never"
        assertThatThrownBy(() -> new FeedClientConfig("127.0.0.1", 8000, Duration.ofNanos(100), 3, Duration.ofMillis(100),
                Duration.ofSeconds(5), 65_536, Duration.ofSeconds(2)))
            .hasMessageContaining("heartbeatInterval=PT0.0000001S x deadAfterHeartbeats=3 must be 1..");
        assertThat(FeedClientConfig.defaults("127.0.0.1", 8000).deadAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    private void start(Feed feed, FeedClientConfig config) {
        client = new FeedClient(feed, "test", config, listener, registry);
        client.start();
    }

    private FeedClientConfig config(Duration heartbeatInterval) {
        return new FeedClientConfig("127.0.0.1", gateway.port(), heartbeatInterval, 3, Duration.ofMillis(20),
                Duration.ofMillis(200), Framing.DEFAULT_MAX_FRAME_LENGTH, Duration.ofSeconds(1));
    }

    private double count(TradingMetric metric) {
        return registry.get(metric.metricName()).tag(TradingMetric.Tags.FEED, "price").counter().count();
    }

    private double invalidFrames(String reason) {
        return registry.get(TradingMetric.FRAMES_INVALID.metricName())
            .tag(TradingMetric.Tags.SERVICE, "test")
            .tag(TradingMetric.Tags.REASON, reason)
            .counter()
            .count();
    }

    private static PriceTick price(long session, long seq) {
        return new PriceTick(session, seq, "AAPL", Prices.parse("187.25"), Prices.parse("187.27"), 1_000_000L + seq);
    }

    private static byte[] frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[Framing.HEADER_LENGTH + bytes.length];
        Framing.writeLength(bytes.length, frame, 0);
        System.arraycopy(bytes, 0, frame, Framing.HEADER_LENGTH, bytes.length);
        return frame;
    }

    /** Polls a condition that another thread makes true, for up to 10 s. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
