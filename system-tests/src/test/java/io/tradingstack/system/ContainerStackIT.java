package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.tradingstack.metrics.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack in Docker: the four services as containers of the images
 * the project's Dockerfile builds from their jars, on one Docker network, orderbook, order
 * manager and strategy sharing the price book on one tmpfs volume, the order manager's journal
 * on a named volume; asserted only through the published ports (the price feed, and HTTP:
 * Actuator and the REST APIs).
 *
 * <p>Images are built FROM {@code TRADING_STACK_BASE_IMAGE} when it is set (CI's local JRE
 * image, .ci/docker), else from the public {@value ServiceContainer#PUBLIC_BASE_IMAGE}.
 * Without a Docker engine the tests are skipped with the reason, unless
 * {@code TRADING_STACK_REQUIRE_DOCKER=true} (system property or environment, as CI sets it),
 * where a missing engine fails them: CI must not pass by skipping.
 */
class ContainerStackIT {

    private static final String REQUIRE_DOCKER = "TRADING_STACK_REQUIRE_DOCKER";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(150);
    private static final int PRICE_PORT = 8000;
    private static final int NEWS_PORT = 8001;
    private static final int ORDER_PORT = 8002;
    private static final String BOOK_VOLUME_OPTIONS = "size=16m,uid=10001,gid=10001,mode=0750";

    /** Why this machine cannot run the tests; null when it can. */
    private static String missing;
    private static Network network;
    private static final List<String> volumes = new ArrayList<>();
    private static final List<ServiceContainer> stack = new ArrayList<>();
    private static ServiceContainer gateway;
    private static ServiceContainer orderbook;
    private static ServiceContainer orderManager;
    private static ServiceContainer strategy;

    @BeforeAll
    static void startTheStackInDocker() {
        missing = dockerMissing();
        if (missing != null) {
            if (required()) {
                Assertions.fail(REQUIRE_DOCKER + "=true, but " + missing);
            }
            return; // each test is then skipped with the reason (a skip here would not show it)
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String book = createVolume("trading-stack-it-pricebook-" + suffix,
                Map.of("type", "tmpfs", "device", "tmpfs", "o", BOOK_VOLUME_OPTIONS));
        String journal = createVolume("trading-stack-it-journal-" + suffix, Map.of());
        network = Network.newNetwork();
        gateway = add(new ServiceContainer("gateway", "gateway-service", 8080, List.of(PRICE_PORT, NEWS_PORT), network,
                // News often enough for a scalper order per tick every ~50 ms over three symbols.
                Map.of("TRADING_GATEWAY_NEWS_PERSECOND", "20"), Map.of()));
        orderbook = add(new ServiceContainer("orderbook", "orderbook-service", 8081, List.of(), network,
                Map.of("TRADING_ORDERBOOK_GATEWAY_HOST", "gateway"), Map.of(book, "/pricebook")));
        orderManager = add(new ServiceContainer("order-manager", "order-manager-service", 8083, List.of(ORDER_PORT),
                network, Map.of(), Map.of(book, "/pricebook", journal, "/journal")));
        strategy = add(new ServiceContainer("strategy", "strategy-service", 8082, List.of(), network, Map.of(
                "TRADING_STRATEGY_GATEWAY_HOST", "gateway",
                "TRADING_STRATEGY_ORDERMANAGER_HOST", "order-manager",
                "TRADING_STRATEGY_STRATEGIES_0_ID", "scalper-1",
                "TRADING_STRATEGY_STRATEGIES_0_TYPE", "scalper",
                "TRADING_STRATEGY_STRATEGIES_0_ORDERSIZE", "10"), Map.of(book, "/pricebook")));
        // All four at once: each waits for its own health check, which needs the ones before it
        // (the orderbook the gateway, the order manager fresh prices, the strategy all three).
        Startables.deepStart(stack.stream().map(ServiceContainer::container)).join();
    }

    private static ServiceContainer add(ServiceContainer service) {
        stack.add(service);
        return service;
    }

    /** Removes every container, the network and the volumes, also after a failure half-way. */
    @AfterAll
    static void removeTheStack() {
        List<Runnable> steps = new ArrayList<>();
        for (int i = stack.size() - 1; i >= 0; i--) {
            ServiceContainer service = stack.get(i);
            steps.add(() -> {
                try {
                    service.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (network != null) {
            steps.add(network::close);
        }
        volumes.forEach(volume -> steps.add(() -> docker().removeVolumeCmd(volume).exec()));
        RuntimeException failure = null;
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @BeforeEach
    void skipWithoutDocker() {
        if (missing != null) {
            String message = "ContainerStackIT skipped: " + missing + ". Start a Docker engine (or run .ci/docker as root); set "
                    + REQUIRE_DOCKER + "=true to make this a failure, as CI does.";
            System.out.println(message);
            Assumptions.abort(message);
        }
    }

    @Test
    @Timeout(300)
    void shouldKeepTradingOnFreshPricesAfterTheOrderBookContainerIsRestarted() throws Exception {
        try (FeedTap tap = new FeedTap(gateway.publishedPort(PRICE_PORT))) {
            Deadline.await("price ticks on the gateway's published price port", Duration.ofSeconds(30),
                    () -> tap.ticks().size() >= 10);
        }
        Deadline.await("the strategy has orders filled", Duration.ofSeconds(90), () -> filled() > 0);
        assertThat(metric(orderbook, "trading_book_updates_total")).as("ticks written to the book").isPositive();

        orderbook.stop();
        Deadline.await("the order manager's book health DOWN without the orderbook", Duration.ofSeconds(30),
                () -> orderManager.status("/actuator/health/book") == 503);

        orderbook.startAgain(START);
        long filledWhenBack = filled();
        Deadline.await("the strategy's fills keep increasing on the restarted orderbook's prices", Duration.ofSeconds(60),
                () -> filled() >= filledWhenBack + 5);
        Deadline.await("the order manager's book health UP", Duration.ofSeconds(30),
                () -> orderManager.status("/actuator/health/book") == 200);
        assertThat(JSON.readTree(orderManager.getOk("/api/positions")).get("positions")).as("positions").isNotEmpty();
    }

    @Test
    @Timeout(300)
    void shouldShowTheEarlierOrdersAndPositionsAfterTheOrderManagerContainerIsRestarted() throws Exception {
        Deadline.await("the strategy has orders filled", Duration.ofSeconds(90), () -> filled() > 0);

        // Frozen, the strategy sends nothing while the order manager restarts, so what the order
        // manager shows before and after can be compared whole.
        strategy.pause();
        try {
            String[] previous = {""};
            Deadline.await("the order manager's orders settle", Duration.ofSeconds(10), () -> {
                String now = orderManagerState();
                boolean settled = now.equals(previous[0]);
                previous[0] = now;
                return settled;
            });
            List<JsonNode> orders = allOrders();
            Map<String, String> positions = positions();
            assertThat(orders).as("orders before the restart").isNotEmpty();
            assertThat(positions).as("positions before the restart").isNotEmpty();

            orderManager.stop();
            orderManager.startAgain(START);

            assertThat(allOrders()).as("orders after the restart, from the journal volume").isEqualTo(orders);
            assertThat(positions()).as("positions after the restart, from the journal volume").isEqualTo(positions);
            JsonNode journal = JSON.readTree(orderManager.getOk("/actuator/health/journal"));
            JsonNode details = journal.get("details");
            assertThat(details.get("records").asLong()).as("journal records: the orders and the order-id reservations")
                .isEqualTo(orders.size() + details.get("orderIdReservations").asLong());
        } finally {
            strategy.unpause();
        }
        long filledBefore = filled();
        Deadline.await("the strategy trades with the restarted order manager", Duration.ofSeconds(60),
                () -> filled() > filledBefore);
    }

    private static long filled() {
        long filled = 0;
        for (JsonNode view : JSON.readTree(strategy.getOk("/api/strategies"))) {
            filled += view.get("orders").get("filled").asLong();
        }
        return filled;
    }

    private static double metric(ServiceContainer service, String metric) {
        return PrometheusScrape.parse(service.getOk("/actuator/prometheus")).sum(metric);
    }

    private static String orderManagerState() {
        return orderManager.getOk("/api/orders?page=0&size=1") + positions();
    }

    /** Every order the order manager lists, latest first. */
    private static List<JsonNode> allOrders() {
        List<JsonNode> orders = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = JSON.readTree(orderManager.getOk("/api/orders?page=" + page + "&size=500"));
            body.get("items").forEach(orders::add);
            if (body.get("items").isEmpty() || orders.size() >= body.get("total").asLong()) {
                return orders;
            }
        }
    }

    /** Per symbol and per strategy: quantity, average price and realized P&amp;L (the mark moves on). */
    private static Map<String, String> positions() {
        JsonNode body = JSON.readTree(orderManager.getOk("/api/positions"));
        Map<String, String> positions = new TreeMap<>();
        body.get("positions").forEach(position -> positions.put(position.get("symbol").asString(), held(position)));
        body.get("strategies").forEach(view -> view.get("positions").forEach(position -> positions.put(
                view.get("strategyId").asString() + "/" + position.get("symbol").asString(), held(position))));
        return positions;
    }

    private static String held(JsonNode position) {
        // A flat position has no average price.
        return position.get("quantity").asLong() + " @ " + position.path("averagePrice") + ", realized "
                + position.path("realizedPnl");
    }

    private static String dockerMissing() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? null : "no Docker engine answers";
        } catch (RuntimeException e) {
            return "no Docker engine answers (" + e.getMessage() + ")";
        }
    }

    private static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty(REQUIRE_DOCKER, System.getenv(REQUIRE_DOCKER)));
    }

    private static String createVolume(String name, Map<String, String> driverOptions) {
        docker().createVolumeCmd().withName(name).withDriver("local").withDriverOpts(driverOptions).exec();
        volumes.add(name);
        return name;
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
