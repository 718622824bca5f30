package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.security.TestOperator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on ephemeral ports, with a price book the test writes in place of the
 * orderbook. Every subclass shares one Spring context (same configuration), so the order store,
 * the positions and the rate windows are shared too: each test trades its own symbols and
 * strategies. Prices are written once, before the context starts, and stay fresh for the whole
 * run however slow a loaded machine makes it (staleness 1 h); a stale price is written 10 h old.
 *
 * <p>Symbols: AAPL, MSFT, GOOGL for general use; NOPX registered without a price; UNREG
 * configured but never registered in the book; OLDX stale; one symbol per test class that needs
 * its own position (FILL, DUPE, POSN, NOTL, RATE, PNL, TICK, CNCL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.port=0",
    "trading.order-manager.server.order-port=0",
    "trading.order-manager.server.read-timeout=500ms",
    "trading.order-manager.validation.symbols=AAPL,MSFT,GOOGL,NOPX,UNREG,OLDX,FILL,DUPE,POSN,NOTL,RATE,PNL,TICK,CNCL",
    "trading.order-manager.validation.max-quantity=1000",
    "trading.order-manager.validation.collar=0.05",
    "trading.order-manager.risk.max-position=500",
    "trading.order-manager.risk.max-gross-notional=10000000",
    "trading.order-manager.risk.max-orders-per-second=20",
    "trading.pricebook.staleness=1h",
    "trading.pricebook.open-retry-interval=50ms"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class OrderManagerServiceTest {

    private static final AtomicLong IDS = new AtomicLong();

    /** The book and the journal of the shared context: this JVM's own, so no other run's orders are replayed. */
    private static final Path DIRECTORY = createDirectory();

    /** Written before the context starts, so the service opens it at once. */
    protected static final TestPriceBook BOOK = createBook();

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("order-manager-test");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestPriceBook createBook() {
        return TestPriceBook.create(DIRECTORY.resolve("pricebook.dat"))
            .quote("AAPL", "100.00", "100.02")
            .quote("MSFT", "400.00", "400.04")
            .quote("GOOGL", "170.00", "170.02")
            .register("NOPX")
            .staleQuote("OLDX", "50.00", "50.02", 600);
    }

    @DynamicPropertySource
    static void bookAndJournalPaths(DynamicPropertyRegistry registry) {
        registry.add("trading.pricebook.path", () -> BOOK.path().toString());
        registry.add("trading.order-manager.journal.path", () -> DIRECTORY.resolve("orders.journal").toString());
    }

    private final HttpClient http = HttpClient.newHttpClient();
    protected final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    protected OrderServer server;

    @Autowired
    protected MeterRegistry registry;

    @LocalServerPort
    protected int httpPort;

    @BeforeEach
    void awaitOrderServer() throws InterruptedException {
        assertThat(server.awaitListening(Duration.ofSeconds(10))).as("order server listening").isTrue();
    }

    protected OrderTestClient connect() throws IOException {
        return OrderTestClient.connect(server.port());
    }

    /** A client order id no other test uses. */
    protected static String newId(String prefix) {
        return prefix + "-" + IDS.incrementAndGet();
    }

    protected static Order market(String strategyId, String symbol, Side side, long quantity) {
        return new Order(newId(strategyId), strategyId, symbol, side, quantity, Prices.NONE, 0);
    }

    protected static Order limit(String strategyId, String symbol, Side side, long quantity, String limitPrice) {
        return new Order(newId(strategyId), strategyId, symbol, side, quantity, Prices.parse(limitPrice), 0);
    }

    protected static long now() {
        return SystemEpochNanoClock.instance().epochNanos();
    }

    protected HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).header("Authorization", TestOperator.BASIC).build(),
                HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    protected JsonNode getJson(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The value of a counter, 0 when it does not exist. */
    protected double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
