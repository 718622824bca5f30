package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.server.OrderServer;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.security.TestOperator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order manager started before the orderbook: the book file does not exist yet. Orders are
 * rejected NO_PRICE and the book health is DOWN until the file appears and opens in the
 * background; then orders fill. A book file replaced by a new one is followed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.port=0",
    "trading.order-manager.server.order-port=0",
    "trading.pricebook.staleness=1h",
    "trading.pricebook.open-retry-interval=50ms"})
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BookNotYetCreatedServiceTest {

    @TempDir
    static Path bookDirectory;

    @Autowired
    private OrderServer server;

    @LocalServerPort
    private int httpPort;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void bookAndJournalPaths(DynamicPropertyRegistry registry) {
        registry.add("trading.pricebook.path", () -> bookDirectory.resolve("later").resolve("pricebook.dat").toString());
        registry.add("trading.order-manager.journal.path", () -> bookDirectory.resolve("orders.journal").toString());
    }

    @Test
    void shouldRejectNoPriceUntilTheBookAppearsThenFollowTheFileWhenReplaced() throws Exception {
        assertThat(server.awaitListening(Duration.ofSeconds(10))).isTrue();
        JsonNode book = health().path("components").path("book");
        assertThat(book.path("status").asString()).isEqualTo("DOWN");
        assertThat(book.path("details").path("open").asBoolean()).isFalse();
        assertThat(book.path("details").path("reason").asString()).isNotEmpty();
        try (OrderTestClient client = OrderTestClient.connect(server.port())) {
            assertRejected(client.order(order()), RejectReason.NO_PRICE);

            Path path = bookDirectory.resolve("later").resolve("pricebook.dat");
            try (TestPriceBook created = TestPriceBook.create(path)) {
                created.quote("AAPL", "100.00", "100.02");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!"UP".equals(health().path("components").path("book").path("status").asString())) {
                    assertThat(System.nanoTime()).as("book opened in the background").isLessThan(deadline);
                    Thread.sleep(20);
                }
                assertThat(client.order(order()).status()).isEqualTo(ExecutionStatus.FILLED);
            }

            // The file is deleted and created anew (not reopened in place): the service follows it.
            Files.delete(path);
            try (TestPriceBook replaced = TestPriceBook.create(path)) {
                replaced.quote("AAPL", "200.00", "200.02");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (client.order(order()).price() != Prices.parse("200.02")) {
                    assertThat(System.nanoTime()).as("replaced book opened").isLessThan(deadline);
                    Thread.sleep(50);
                }
            }
        }
    }

    private static Order order() {
        return new Order("late-" + System.nanoTime(), "late", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }

    private JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).header("Authorization", TestOperator.BASIC).build(),
            HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
