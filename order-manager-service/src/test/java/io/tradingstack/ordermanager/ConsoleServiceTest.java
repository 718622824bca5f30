package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.tls.TestCertificates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The web console over a running order manager: the page and its chart library are served to
 * anyone (reads are open), and the stream pushes what happens — a gateway that answers is UP
 * with its figures, a strategy nobody runs is DOWN with the reason, an order appears in an
 * {@code orders} event and in the positions, its tick-to-trade in the latency series, and a
 * gateway that stops goes DOWN. Every wait is for the event it means, with a generous bound.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ConsoleServiceTest extends JournaledServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private HttpServer gateway;

    @BeforeEach
    void startAFakeGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/actuator/health", exchange -> answer(exchange, 200, "application/json",
            "{\"status\":\"UP\",\"components\":{\"feeds\":{\"status\":\"UP\"},\"ping\":{\"status\":\"UP\"}}}"));
        gateway.createContext("/actuator/prometheus", exchange -> answer(exchange, 200, "text/plain",
            "# HELP trading_feed_subscribers Subscribers connected to a feed now.\n"
                + "# TYPE trading_feed_subscribers gauge\n"
                + "trading_feed_subscribers{application=\"gateway\",feed=\"news\"} 1.0\n"
                + "trading_feed_subscribers{application=\"gateway\",feed=\"price\"} 2.0\n"
                + "jvm_threads_live_threads{application=\"gateway\"} 40.0\n"));
        gateway.start();
    }

    @AfterEach
    void stopTheFakeGateway() {
        gateway.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private OrderManagerInstance start(String... more) throws Exception {
        return start("http://127.0.0.1:" + gateway.getAddress().getPort(), more);
    }

    private OrderManagerInstance start(String gatewayUrl, String... more) throws Exception {
        int nobody = closedPort();
        List<String> properties = new ArrayList<>(List.of(
            "trading.order-manager.console.services.gateway=" + gatewayUrl,
            "trading.order-manager.console.services.orderbook=http://127.0.0.1:" + nobody,
            "trading.order-manager.console.services.strategy=http://127.0.0.1:" + nobody,
            "trading.order-manager.console.poll-interval=200ms",
            "trading.order-manager.console.latency-window=5s"));
        properties.addAll(List.of(more));
        return OrderManagerInstance.start(journal, book.path(), properties.toArray(String[]::new));
    }

    @Test
    void shouldServeThePageAndItsChartLibraryToAnyoneAndKeepWritesForOperators() throws Exception {
        try (OrderManagerInstance manager = start()) {
            OrderManagerInstance.Response page = manager.getAnonymouslyText("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(manager.getAnonymouslyText("/console.js").status()).isEqualTo(200);
            assertThat(manager.getAnonymouslyText("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status())
                .as("the chart library, from its webjar: nothing loaded from the internet").isEqualTo(200);
            assertThat(manager.getAnonymouslyText("/api/console/snapshot").status()).isEqualTo(200);
            assertThat(manager.post("/api/console/stream", "{}", null).status()).as("a write without credentials")
                .isEqualTo(401);
        }
    }

    @Test
    void shouldStreamServicesOrdersPositionsAndLatencyAsTheyChange() throws Exception {
        try (OrderManagerInstance manager = start(); OrderTestClient client = manager.connect();
                ConsoleStreamReader stream = new ConsoleStreamReader(manager.httpPort())) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");

            JsonNode desk = stream.await("snapshot", snapshot -> status(snapshot, "gateway").equals("UP")
                && status(snapshot, "strategy").equals("DOWN"), WAIT);
            assertThat(service(desk, "strategy").path("reason").asString()).contains("connection refused");
            assertThat(service(desk, "gateway").path("components").path("feeds").asString()).isEqualTo("UP");
            assertThat(service(desk, "gateway").path("figures").toString()).contains("subscribers price")
                .doesNotContain("jvm");
            assertThat(service(desk, "order-manager").path("components").path("journal").asString()).isEqualTo("UP");
            assertThat(service(desk, "order-manager").path("figures").toString()).contains("book age AAPL");
            assertThat(desk.path("trading").path("state").asString()).isEqualTo("RUNNING");

            long originTs = SystemEpochNanoClock.instance().epochNanos() - 5_000_000; // a tick 5 ms ago
            client.order(new Order("console-1", "console", "AAPL", Side.BUY, 7, Prices.NONE, originTs));

            JsonNode orders = stream.await("orders", event -> event.path("items").size() > 0
                && event.path("items").get(0).path("clientOrderId").asString().equals("console-1"), WAIT);
            assertThat(orders.path("items").get(0).path("status").asString()).isEqualTo("FILLED");
            stream.await("snapshot", snapshot -> snapshot.path("positions").path("positions").toString()
                .contains("\"quantity\":7"), WAIT);
            JsonNode latency = stream.await("latency", series -> lastValue(series, "TICK_TO_TRADE") != null, WAIT);
            assertThat(lastValue(latency, "TICK_TO_TRADE")).as("p50 tick-to-trade, µs: about 5 ms")
                .isBetween(1_000.0, 1_000_000.0);

            gateway.stop(0);
            JsonNode gone = stream.await("snapshot", snapshot -> status(snapshot, "gateway").equals("DOWN"), WAIT);
            assertThat(service(gone, "gateway").path("reason").asString()).startsWith("unreachable");
        }
    }

    @Test
    void shouldReadAGatewayOverHttpsTrustingTheConfiguredBundle() throws Exception {
        TestCertificates certificates = TestCertificates.inTarget();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(certificates.keyAndTrust("gateway", "ca").createSslContext()));
        https.createContext("/actuator/health", exchange -> answer(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
        https.createContext("/actuator/prometheus", exchange -> answer(exchange, 200, "text/plain", ""));
        https.start();
        List<String> bundle = new ArrayList<>(List.of("trading.order-manager.console.ssl-bundle=console"));
        certificates.springBundle("console", null, "ca").forEach((key, value) -> bundle.add(key + "=" + value));
        try (OrderManagerInstance manager = start("https://127.0.0.1:" + https.getAddress().getPort(),
                bundle.toArray(String[]::new));
                ConsoleStreamReader stream = new ConsoleStreamReader(manager.httpPort())) {
            stream.await("snapshot", snapshot -> status(snapshot, "gateway").equals("UP"), WAIT);
        } finally {
            https.stop(0);
        }
    }

    private static JsonNode service(JsonNode snapshot, String name) {
        for (JsonNode service : snapshot.path("services")) {
            if (service.path("name").asString().equals(name)) {
                return service;
            }
        }
        throw new AssertionError("no service " + name + " in " + snapshot);
    }

    private static String status(JsonNode snapshot, String name) {
        return service(snapshot, name).path("status").asString();
    }

    /** The latest p50 of a hop, or null when it has none. */
    private static Double lastValue(JsonNode series, String hop) {
        for (JsonNode serie : series.path("hops")) {
            if (serie.path("id").asString().equals(hop)) {
                JsonNode p50 = serie.path("p50");
                for (int i = p50.size() - 1; i >= 0; i--) {
                    if (!p50.get(i).isNull()) {
                        return p50.get(i).asDouble();
                    }
                }
            }
        }
        return null;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
