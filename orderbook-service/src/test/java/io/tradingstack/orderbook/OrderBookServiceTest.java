package io.tradingstack.orderbook;

import io.tradingstack.feed.FakeGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.metrics.PrometheusScrape;
import io.tradingstack.metrics.PrometheusLabels;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.PriceTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.ReplayRequest;
import io.tradingstack.protocol.Reset;
import io.tradingstack.security.TestOperator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service against a fake gateway on an ephemeral port: ticks reach the shared book,
 * health follows the feed, gaps are repaired and everything is counted. Each test gets its own
 * context (a fresh subscriber, counters at zero) and ends with the client's last connection
 * accepted, so the next context's first connection is the next one the gateway accepts; the
 * book file is shared, so later contexts also reopen it in place, as a restart does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OrderBookServiceTest {

    private static final AtomicLong SESSIONS = new AtomicLong(100);

    @TempDir
    static Path bookDirectory;

    static FakeGateway gateway;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry registry;

    @BeforeAll
    static void startGateway() throws IOException {
        gateway = new FakeGateway();
    }

    @AfterAll
    static void stopGateway() throws IOException {
        gateway.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("trading.orderbook.gateway.price-port", () -> gateway.port());
        registry.add("trading.orderbook.feed.backoff-initial", () -> "20ms");
        registry.add("trading.orderbook.feed.backoff-max", () -> "200ms");
        // The fake gateway sends no heartbeats, and a test asks for health after its ticks when it
        // gets to it: neither the feed's silence limit (3 intervals) nor the book's freshness may
        // pass in between, however loaded the machine. A DOWN here comes from the gateway going away.
        registry.add("trading.orderbook.feed.heartbeat-interval", () -> "10s");
        registry.add("trading.orderbook.book.freshness", () -> "1h");
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("pricebook.dat").toString());
    }

    @Test
    void shouldWriteEveryTickToTheSharedBook() throws Exception {
        FakeGateway.Connection connection = gateway.accept();
        assertThat(connection.replay()).isEqualTo(ReplayRequest.liveOnly());
        long session = SESSIONS.incrementAndGet();
        Map<String, PriceTick> latest = new LinkedHashMap<>();
        String[] symbols = {"AAPL", "MSFT", "GOOG"};
        for (int seq = 1; seq <= 30; seq++) {
            PriceTick tick = tick(session, seq, symbols[seq % symbols.length]);
            connection.send(tick);
            latest.put(tick.symbol(), tick);
        }

        awaitBookHolds(latest);

        PriceBookReader reader = reader();
        PriceSnapshot snapshot = new PriceSnapshot();
        for (PriceTick tick : latest.values()) {
            assertThat(reader.read(reader.slotOf(tick.symbol()), snapshot)).isEqualTo(SlotStatus.FRESH);
            assertThat(snapshot.bid()).isEqualTo(tick.bid());
            assertThat(snapshot.ask()).isEqualTo(tick.ask());
            assertThat(snapshot.feedSequence()).isEqualTo(tick.seq());
            assertThat(snapshot.tickTimestamp()).isEqualTo(tick.ts());
            assertThat(snapshot.updateTimestamp()).isGreaterThanOrEqualTo(tick.ts());
        }
        assertThat(reader.writerHeartbeat()).isPositive();
    }

    @Test
    void shouldReportDownWhileTheGatewayIsAwayAndRecoverWithItsNewSession() throws Exception {
        FakeGateway.Connection connection = gateway.accept();
        long firstSession = SESSIONS.incrementAndGet();
        connection.send(tick(firstSession, 1, "AAPL"), tick(firstSession, 2, "AAPL"), tick(firstSession, 3, "AAPL"));
        awaitTrue(() -> healthStatusCode() == 200);
        JsonNode up = health();
        assertThat(up.path("components").path("feed").path("status").asString()).isEqualTo("UP");
        assertThat(up.path("components").path("feed").path("details").path("lastSeq").asLong()).isEqualTo(3);
        assertThat(up.path("components").path("book").path("status").asString()).isEqualTo("UP");

        gateway.down();

        awaitTrue(() -> healthStatusCode() == 503);
        JsonNode down = health();
        assertThat(down.path("status").asString()).isEqualTo("DOWN");
        JsonNode feed = down.path("components").path("feed");
        assertThat(feed.path("status").asString()).isEqualTo("DOWN");
        assertThat(feed.path("details").path("reason").asString()).isNotEmpty();
        assertThat(feed.path("details").path("sinceLastFrame").asString()).startsWith("PT");

        gateway.up();
        FakeGateway.Connection back = gateway.accept();
        assertThat(back.replay()).isEqualTo(new ReplayRequest(4, firstSession));
        long secondSession = SESSIONS.incrementAndGet();
        PriceTick fresh = tick(secondSession, 1, "AAPL");
        back.send(new Reset(secondSession, 1), fresh);

        awaitBookHolds(Map.of("AAPL", fresh));
        awaitTrue(() -> healthStatusCode() == 200);
        String metrics = prometheus();
        assertThat(metrics).contains("trading_feed_sessions_total{application=\"orderbook\",feed=\"price\"} 1.0")
            .contains("trading_feed_resets_received_total{application=\"orderbook\",feed=\"price\"} 1.0")
            .contains("trading_feed_reconnects_total{application=\"orderbook\",feed=\"price\"} 1.0");
    }

    @Test
    void shouldRepairAGapByReconnectingAndReplaying() throws Exception {
        FakeGateway.Connection connection = gateway.accept();
        long session = SESSIONS.incrementAndGet();
        connection.send(tick(session, 1, "MSFT"), tick(session, 2, "MSFT"), tick(session, 4, "MSFT"));
        connection.awaitClosedByClient();

        FakeGateway.Connection replay = gateway.accept();
        assertThat(replay.replay()).isEqualTo(new ReplayRequest(3, session));
        PriceTick last = tick(session, 5, "MSFT");
        replay.send(tick(session, 3, "MSFT"), tick(session, 4, "MSFT"), last);

        awaitBookHolds(Map.of("MSFT", last));
        String metrics = prometheus();
        assertThat(metrics).contains("trading_feed_gaps_total{application=\"orderbook\",feed=\"price\"} 1.0")
            .contains("trading_feed_reconnects_total{application=\"orderbook\",feed=\"price\"} 1.0")
            .contains("trading_feed_messages_received_total{application=\"orderbook\",feed=\"price\"} 5.0")
            .contains("trading_book_updates_total{application=\"orderbook\",symbol=\"MSFT\"} 5.0");
    }

    @Test
    void shouldPublishTheHopHistogramAndTheFeedAndBookMeters() throws Exception {
        FakeGateway.Connection connection = gateway.accept();
        long session = SESSIONS.incrementAndGet();
        PriceTick tick = tick(session, 1, "GOOG");
        connection.send(tick);
        awaitBookHolds(Map.of("GOOG", tick));

        String metrics = prometheus();

        assertThat(metrics).contains("trading_hop_emit_to_book_seconds_bucket{application=\"orderbook\",le=")
            .contains("trading_hop_emit_to_book_seconds_count{application=\"orderbook\"} 1")
            .contains("trading_feed_messages_received_total{application=\"orderbook\",feed=\"price\"} 1.0")
            .contains("trading_feed_gaps_total{application=\"orderbook\",feed=\"price\"} 0.0")
            .contains("trading_feed_resets_received_total{application=\"orderbook\",feed=\"price\"} 0.0")
            .contains("trading_feed_reconnects_total{application=\"orderbook\",feed=\"price\"} 0.0")
            .contains("trading_feed_sessions_total{application=\"orderbook\",feed=\"price\"} 0.0")
            .contains("trading_book_updates_total{application=\"orderbook\",symbol=\"GOOG\"} 1.0")
            .contains("trading_book_age_seconds{application=\"orderbook\",symbol=\"GOOG\"}");
        assertThat(PrometheusLabels.samplesWithout(metrics, "application", "orderbook")).as("samples without the application tag")
            .isEmpty();
    }

    @Test
    void shouldReadTheP50OfTwentyMicrosecondHopsBackFromPrometheusWithinTenPercent() throws Exception {
        gateway.accept(); // connected, and sends nothing: the timer holds only these samples
        Timer emitToBook = registry.get(TradingMetric.HOP_EMIT_TO_BOOK.metricName()).timer();
        for (int i = 0; i < 1_000; i++) {
            emitToBook.record(Duration.ofNanos(20_000));
        }

        String metrics = prometheus();

        assertThat(PrometheusScrape.parse(metrics).histogram("trading_hop_emit_to_book_seconds").quantile(0.5)).as("p50 seconds")
            .isCloseTo(20e-6, within(2e-6));
        assertThat(metrics).contains("trading_hop_emit_to_book_seconds_bucket{application=\"orderbook\",le=\"1.0E-6\"} 0")
            .contains("trading_hop_emit_to_book_seconds_bucket{application=\"orderbook\",le=\"+Inf\"} 1000")
            .contains("trading_hop_emit_to_book_seconds_count{application=\"orderbook\"} 1000")
            .contains("trading_hop_emit_to_book_seconds_sum{application=\"orderbook\"} ")
            .contains("trading_hop_emit_to_book_seconds_max{application=\"orderbook\"} ");
    }

    @Test
    void shouldReadTheP50OfHundredMillisecondStallsBackFromPrometheusWithinTenPercent() throws Exception {
        gateway.accept();
        // Every trading.* timer gets the latency buckets, also one registered after start.
        Timer stalls = Timer.builder("trading.test.stall").register(registry);
        for (int i = 0; i < 1_000; i++) {
            stalls.record(Duration.ofMillis(100));
        }

        double p50 = PrometheusScrape.parse(prometheus()).histogram("trading_test_stall_seconds").quantile(0.5);

        assertThat(p50).as("p50 seconds").isCloseTo(0.1, within(0.01));
    }

    @Test
    void shouldPublishTheBytesItsThreadsAllocated() throws Exception {
        gateway.accept();

        assertThat(prometheus()).containsPattern("(?m)^trading_jvm_allocated_bytes_total\\{application=\"orderbook\"} [1-9]");
    }

    private static PriceTick tick(long session, long seq, String symbol) {
        long bid = Prices.parse("100.25") + seq * Prices.parse("0.01");
        return new PriceTick(session, seq, symbol, bid, bid + Prices.parse("0.02"),
            SystemEpochNanoClock.instance().epochNanos());
    }

    private static PriceBookReader reader() {
        // FRESH means written: the test reads the book when it gets to it, long after the write or not.
        return PriceBookReader.open(bookDirectory.resolve("pricebook.dat"), Duration.ofHours(1), 100,
            SystemEpochNanoClock.instance());
    }

    /** Waits until every tick is in the book: fresh, with its sequence. */
    private static void awaitBookHolds(Map<String, PriceTick> ticks) throws InterruptedException {
        PriceBookReader reader = reader();
        PriceSnapshot snapshot = new PriceSnapshot();
        awaitTrue(() -> ticks.values().stream().allMatch(tick -> {
            int slot = reader.slotOf(tick.symbol());
            return slot >= 0 && reader.read(slot, snapshot) == SlotStatus.FRESH && snapshot.feedSequence() == tick.seq();
        }));
    }

    private int healthStatusCode() {
        return get("/actuator/health").statusCode();
    }

    private JsonNode health() {
        return json.readTree(get("/actuator/health").body());
    }

    private String prometheus() {
        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", TestOperator.BASIC).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls a condition that the service makes true, for up to 10 s. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
