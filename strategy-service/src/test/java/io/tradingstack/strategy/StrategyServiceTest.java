package io.tradingstack.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.feed.FakeGateway;
import io.tradingstack.protocol.Heartbeat;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Side;
import io.tradingstack.security.TestOperator;
import io.tradingstack.tcp.FrameworkLogging;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service between a fake news gateway, a price book written by the test and a fake
 * order manager, all on ephemeral ports: news and a trending mid make an order, its execution
 * moves the position, a stale slot makes none, a late answer or a closed connection makes the
 * same order go again. Each test gets its own context (positions and counters at zero); the
 * book and the fakes live for the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StrategyServiceTest {

    private static final AtomicLong SESSIONS = new AtomicLong(500);
    private static final String STRATEGY = "momentum-1";
    private static final String TOKEN = "s3cret";

    @TempDir
    static Path bookDirectory;

    static FakeGateway gateway;
    static FakeOrderManager orderManager;
    static BookFeeder feeder;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final long session = SESSIONS.incrementAndGet();
    private long seq;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @BeforeAll
    static void startFakes() throws Exception {
        gateway = new FakeGateway();
        orderManager = new FakeOrderManager();
        feeder = new BookFeeder(bookDirectory.resolve("pricebook.dat"), List.of("AAPL", "MSFT", "GOOGL"));
    }

    @AfterAll
    static void stopFakes() throws Exception {
        feeder.close();
        orderManager.close();
        gateway.close();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("trading.strategy.gateway.news-port", () -> gateway.port());
        registry.add("trading.strategy.feed.backoff-initial", () -> "20ms");
        registry.add("trading.strategy.feed.backoff-max", () -> "200ms");
        // The fake gateway sends no heartbeats: a test slower than the silence limit (3 intervals)
        // between two news ticks must not lose its connection (each test's context ends it).
        registry.add("trading.strategy.feed.heartbeat-interval", () -> "10s");
        registry.add("trading.strategy.order-manager.port", () -> orderManager.port());
        // An answer that is to come is never raced by a reply timeout or an expiry.
        registry.add("trading.strategy.order-manager.reply-timeout", () -> "10s");
        registry.add("trading.strategy.order-manager.expiry", () -> "30s");
        registry.add("trading.strategy.order-manager.backoff-initial", () -> "20ms");
        registry.add("trading.strategy.order-manager.backoff-max", () -> "200ms");
        registry.add("trading.strategy.sample-interval", () -> "20ms");
        registry.add("trading.strategy.strategies[0].id", () -> STRATEGY);
        registry.add("trading.strategy.strategies[0].short-window", () -> "2");
        registry.add("trading.strategy.strategies[0].long-window", () -> "4");
        registry.add("trading.strategy.strategies[0].token", () -> TOKEN);
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("pricebook.dat").toString());
        registry.add("trading.pricebook.staleness", () -> "400ms");
        registry.add("trading.pricebook.open-retry-interval", () -> "100ms");
    }

    @BeforeEach
    void resetFakes() {
        orderManager.clearReceived();
        feeder.reset();
    }

    @Test
    void shouldBuildNoPerMessageLogTextInTheOrderClientsFlows() throws Exception {
        // Taken as every test takes it, so that the next test's accept gets its own context's connection.
        gateway.accept();
        // The order client's flows are registered as it starts, with the context.
        FrameworkLogging.assertOffInEveryComponent(context, "orders-" + STRATEGY + ".frameHandler",
            "orders-" + STRATEGY + ".outboundAdapter", "orders-" + STRATEGY + ".out");
    }

    @Test
    void shouldSendAnOrderCarryingTheNewsTsAndShowThePositionOnceFilled() throws Exception {
        FakeGateway.Connection feed = gateway.accept();
        warmUp("AAPL", +1);
        // The feed is live once a frame arrived (a connection alone may be a frozen gateway's backlog).
        feed.send(new Heartbeat(session, 0, System.currentTimeMillis() * 1_000_000));
        awaitTrue(() -> healthStatusCode() == 200);

        NewsTick news = sendUntilTraded(feed, "AAPL", 80);

        FakeOrderManager.Received received = orderManager.nextOrder(10_000);
        assertThat(received).as("an order").isNotNull();
        Order order = received.order();
        assertThat(order.strategyId()).isEqualTo(STRATEGY);
        assertThat(order.clientOrderId()).startsWith(STRATEGY + "-").hasSizeLessThanOrEqualTo(64);
        assertThat(order.symbol()).isEqualTo("AAPL");
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.quantity()).isEqualTo(100);
        assertThat(order.hasLimitPrice()).isFalse();
        assertThat(order.originTs()).isEqualTo(news.ts());
        assertThat(received.logon()).as("the logon came first on the connection").isEqualTo(new Logon(STRATEGY, TOKEN));

        awaitTrue(() -> strategy().path("positions").path("AAPL").asLong() == 100);
        JsonNode view = strategy();
        assertThat(view.path("strategyId").asString()).isEqualTo(STRATEGY);
        assertThat(view.path("positions").path("MSFT").asLong()).isZero();
        assertThat(view.path("orders").path("sent").asLong()).isEqualTo(1);
        assertThat(view.path("orders").path("filled").asLong()).isEqualTo(1);
        assertThat(view.path("orders").path("inFlight").asLong()).isZero();
        assertThat(view.path("lastOrder").path("clientOrderId").asString()).isEqualTo(order.clientOrderId());
        assertThat(view.path("lastOrder").path("status").asString()).isEqualTo("FILLED");
        assertThat(view.path("lastOrder").path("price").decimalValue()).isEqualByComparingTo("190.27");
        assertThat(view.path("lastSignal").path("signal").asString()).startsWith("BUY 100");

        NewsTick again = news("AAPL", 90);
        feed.send(again);
        awaitTrue(() -> strategy().path("lastSignal").path("newsSeq").asLong() == again.seq());
        assertThat(strategy().path("lastSignal").path("signal").asString()).startsWith("AT_TARGET");
        // The same signal again sends nothing: no new order, no resend of the first (answered at its first attempt).
        assertThat(strategy().path("orders").path("sent").asLong()).isEqualTo(1);
        assertThat(strategy().path("lastOrder").path("attempts").asInt()).isEqualTo(1);
        assertThat(orderManager.nextOrder(0)).as("the same signal again sends nothing").isNull();
        assertThat(orderManager.connectionsWithoutLogon()).isEmpty();
    }

    @Test
    void shouldNotOrderOnAStaleSlot() throws Exception {
        FakeGateway.Connection feed = gateway.accept();
        warmUp("MSFT", -1);
        feeder.freeze("MSFT");
        awaitTrue(() -> "STALE".equals(bookSymbol("MSFT").path("status").asString()));

        feed.send(news("MSFT", 10));

        awaitTrue(() -> strategy().path("lastSignal").path("newsSeq").asLong() == 1);
        assertThat(strategy().path("lastSignal").path("signal").asString()).isEqualTo("NO_FRESH_PRICE: MSFT slot is STALE");
        assertThat(strategy().path("orders").path("sent").asLong()).isZero();
        assertThat(orderManager.nextOrder(0)).isNull();
    }

    @Test
    void shouldResendTheSameClientOrderIdWhenTheAnswerIsLateAndMoveThePositionOnce() throws Exception {
        // The first receipt is never answered on its connection: the reply timeout (10 s) passes for
        // sure, and the resend is answered at once.
        orderManager.policy((order, receipt) -> receipt == 1 ? new FakeOrderManager.Ignore() : new FakeOrderManager.Fill(0));
        FakeGateway.Connection feed = gateway.accept();
        warmUp("GOOGL", -1);

        sendUntilTraded(feed, "GOOGL", 15);

        FakeOrderManager.Received first = orderManager.nextOrder(10_000);
        assertThat(first).isNotNull();
        FakeOrderManager.Received second = orderManager.nextOrder(30_000);
        assertThat(second).as("resent after the reply timeout").isNotNull();
        awaitTrue(() -> strategy().path("positions").path("GOOGL").asLong() == -100);
        List<FakeOrderManager.Received> attempts = List.of(first, second);
        assertThat(orderManager.nextOrder(0)).as("answered: not sent again").isNull();
        assertThat(attempts).extracting(received -> received.order().clientOrderId())
            .containsOnly(first.order().clientOrderId());
        assertThat(attempts).extracting(received -> received.order().side()).containsOnly(Side.SELL);
        assertThat(attempts).extracting(FakeOrderManager.Received::connection).as("each resend on a new connection")
            .doesNotHaveDuplicates();
        JsonNode view = strategy();
        assertThat(view.path("positions").path("GOOGL").asLong()).as("filled once").isEqualTo(-100);
        assertThat(view.path("orders").path("sent").asLong()).isEqualTo(1);
        assertThat(view.path("orders").path("filled").asLong()).isEqualTo(1);
        assertThat(view.path("orders").path("expired").asLong()).isZero();
        assertThat(view.path("lastOrder").path("attempts").asInt()).isEqualTo(attempts.size());
        assertThat(prometheus()).contains("trading_strategy_order_retries_total{application=\"strategy\",strategy=\"momentum-1\"} "
            + (attempts.size() - 1) + ".0");
    }

    @Test
    void shouldResendOnANewConnectionWhenTheOrderManagerClosesMidOrder() throws Exception {
        orderManager.policy((order, receipt) -> receipt == 1 ? new FakeOrderManager.Close() : new FakeOrderManager.Fill(0));
        FakeGateway.Connection feed = gateway.accept();
        warmUp("AAPL", +1);

        sendUntilTraded(feed, "AAPL", 75);

        FakeOrderManager.Received first = orderManager.nextOrder(10_000);
        FakeOrderManager.Received second = orderManager.nextOrder(10_000);
        assertThat(first).isNotNull();
        assertThat(second).as("resent").isNotNull();
        assertThat(second.order()).isEqualTo(first.order());
        assertThat(second.connection()).isNotEqualTo(first.connection());
        assertThat(second.logon()).as("logged on again on the new connection").isEqualTo(new Logon(STRATEGY, TOKEN));
        awaitTrue(() -> strategy().path("positions").path("AAPL").asLong() == 100);
        assertThat(strategy().path("lastOrder").path("attempts").asInt()).isEqualTo(2);
        assertThat(strategy().path("orders").path("filled").asLong()).isEqualTo(1);
        assertThat(orderManager.nextOrder(0)).as("answered at the second attempt: not sent again").isNull();
        assertThat(orderManager.connectionsWithoutLogon()).isEmpty();
    }

    @Test
    void shouldPublishTheHopTimersAndTheOrderMetersInPrometheus() throws Exception {
        FakeGateway.Connection feed = gateway.accept();
        warmUp("AAPL", +1);
        NewsTick news = sendUntilTraded(feed, "AAPL", 99);
        awaitTrue(() -> strategy().path("positions").path("AAPL").asLong() == 100);

        String metrics = prometheus();

        assertThat(metrics).contains("trading_hop_news_to_strategy_seconds_bucket{application=\"strategy\",le=")
            .contains("trading_hop_news_to_strategy_seconds_count{application=\"strategy\"} " + news.seq())
            .contains("trading_hop_order_round_trip_seconds_bucket{application=\"strategy\",le=")
            .contains("trading_hop_order_round_trip_seconds_count{application=\"strategy\"} 1")
            .contains("trading_strategy_orders_sent_total{application=\"strategy\",strategy=\"momentum-1\"} 1.0")
            .contains("trading_strategy_orders_total{application=\"strategy\",status=\"filled\",strategy=\"momentum-1\"} 1.0")
            .contains("trading_strategy_orders_total{application=\"strategy\",status=\"rejected\",strategy=\"momentum-1\"} 0.0")
            .contains("trading_strategy_orders_total{application=\"strategy\",status=\"expired\",strategy=\"momentum-1\"} 0.0")
            .contains("trading_strategy_position{application=\"strategy\",strategy=\"momentum-1\",symbol=\"AAPL\"} 100.0")
            .contains("trading_feed_messages_received_total{application=\"strategy\",feed=\"news\"} " + news.seq() + ".0");
    }

    /** Moves the symbol's mid one way until the long window (4 samples) holds only the trend. */
    private void warmUp(String symbol, int direction) throws InterruptedException {
        feeder.trend(symbol, direction);
        awaitTrue(() -> bookSymbol(symbol).path("freshSamples").asLong() > 0);
        long from = bookSymbol(symbol).path("freshSamples").asLong();
        awaitTrue(() -> bookSymbol(symbol).path("freshSamples").asLong() >= from + 6);
    }

    /**
     * Sends news until the strategy sends an order on it: a stall of the feeder on a busy machine
     * can leave a whole long window of equal mids (price FLAT); the trend goes on and the next
     * tick trades.
     */
    private NewsTick sendUntilTraded(FakeGateway.Connection feed, String symbol, int sentiment) throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            NewsTick news = news(symbol, sentiment);
            feed.send(news);
            awaitTrue(() -> strategy().path("lastSignal").path("newsSeq").asLong() == news.seq());
            if (!strategy().path("lastSignal").path("clientOrderId").asString().isEmpty()) {
                return news;
            }
            long from = bookSymbol(symbol).path("freshSamples").asLong();
            awaitTrue(() -> bookSymbol(symbol).path("freshSamples").asLong() >= from + 4);
        }
        throw new AssertionError("no order after 5 news ticks; last signal: " + strategy().path("lastSignal"));
    }

    private NewsTick news(String symbol, int sentiment) {
        seq++;
        return new NewsTick(session, seq, symbol, sentiment, "headline " + seq, SystemEpochNanoClock.instance().epochNanos());
    }

    private JsonNode strategy() {
        HttpResponse<String> response = get("/api/strategies");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode strategies = json.readTree(response.body());
        assertThat(strategies.size()).isEqualTo(1);
        return strategies.get(0);
    }

    private JsonNode bookSymbol(String symbol) {
        return json.readTree(get("/actuator/health").body()).path("components").path("book").path("details")
            .path("symbols").path(symbol);
    }

    private int healthStatusCode() {
        return get("/actuator/health").statusCode();
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
