package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order manager killed with kill -9 at a random moment of a stream of orders, and started
 * again on its journal: nothing the strategy saw acknowledged is lost, nothing is filled twice,
 * and the positions are the sum of the journaled fills (issue 6).
 *
 * <p>Per seeded run, a fresh order manager (its own journal) and strategy (a {@code scalper}
 * sending {@value #ORDERS} market orders, one per news tick, with a drop copy of every outcome)
 * trade against a gateway and an orderbook shared by the runs. The seed picks how many orders
 * go through before the kill. After the restart the strategy resends what was in flight with
 * the same clientOrderId, settles what expired by sending its cancel (odd seeds expire orders
 * after 1 s, so what was in flight during the restart expires and must be settled: the cancel
 * gets the order's own execution, or REJECTED CANCELLED that the order manager stores so the
 * order never fills), and finishes the stream; then:
 * <ul>
 * <li>every order the drop copy shows answered (FILLED or REJECTED, also as its cancel's answer) is
 * in the order manager's REST API with the same orderId, status, quantity and price, and the
 * order manager has no order the strategy does not know of;</li>
 * <li>no clientOrderId appears twice in the order manager, nor twice answered in the drop copy;</li>
 * <li>every order that expired after it was sent is settled: its cancel's answer follows in the
 * drop copy, so the strategy knows of every order the order manager decided;</li>
 * <li>the order manager's positions equal the sum of its journaled fills, and the strategy's.</li>
 * </ul>
 * {@code -Dcrash.runs=N} runs more seeds locally (CI runs 5); {@code -Dcrash.seed=S} changes them.
 */
class OrderManagerCrashIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration START = Duration.ofSeconds(90);
    private static final int ORDERS = 10_000;
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOGL");

    @TempDir
    static Path shared;

    private static ServiceProcess gateway;
    private static ServiceProcess orderbook;
    private static int newsPort;
    private static Path book;

    private final List<ServiceProcess> run = new ArrayList<>();

    @BeforeAll
    static void startTheMarket() throws Exception {
        book = shared.resolve("pricebook.dat");
        int pricePort = StackLayout.freePort();
        newsPort = StackLayout.freePort();
        // Enough news for an order per tick as fast as the order manager answers; prices often
        // enough that the book never goes stale between ticks.
        gateway = new ServiceProcess("crash-gateway", "gateway-service", StackLayout.freePort(), List.of(
                "--trading.gateway.feeds.price-port=" + pricePort,
                "--trading.gateway.feeds.news-port=" + newsPort,
                "--trading.gateway.market.ticks-per-second=300",
                "--trading.gateway.news.per-second=3000")).start().awaitHealthy(START);
        orderbook = new ServiceProcess("crash-orderbook", "orderbook-service", StackLayout.freePort(), List.of(
                "--trading.orderbook.gateway.price-port=" + pricePort,
                "--trading.pricebook.path=" + book)).start().awaitHealthy(START);
    }

    @AfterAll
    static void stopTheMarket() throws Exception {
        if (orderbook != null) {
            orderbook.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @AfterEach
    void stopTheRun() throws Exception {
        for (int i = run.size() - 1; i >= 0; i--) {
            run.get(i).close();
        }
    }

    static Stream<Long> seeds() {
        int runs = Integer.getInteger("crash.runs", 5);
        long base = Long.getLong("crash.seed", 20_261_125L);
        return LongStream.range(0, runs).mapToObj(i -> base + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(300)
    void shouldLoseNothingAcknowledgedAndFillNothingTwiceAcrossAKill(long seed, @TempDir Path directory) throws Exception {
        int killAfter = 1_000 + new Random(seed).nextInt(ORDERS - 2_000);
        String strategyId = "scalper-" + seed;
        Path dropCopy = directory.resolve("drop-copy.csv");
        int orderPort = StackLayout.freePort();
        ServiceProcess orderManager = new ServiceProcess("crash-order-manager-" + seed, "order-manager-service",
                StackLayout.freePort(), List.of(
                "--trading.order-manager.server.order-port=" + orderPort,
                "--trading.order-manager.journal.path=" + directory.resolve("journal/orders.journal"),
                "--trading.order-manager.risk.max-orders-per-second=1000000",
                "--trading.pricebook.path=" + book));
        run.add(orderManager);
        orderManager.start().awaitHealthy(START);
        ServiceProcess strategy = new ServiceProcess("crash-strategy-" + seed, "strategy-service", StackLayout.freePort(),
                List.of(
                "--trading.strategy.gateway.news-port=" + newsPort,
                "--trading.strategy.order-manager.port=" + orderPort,
                // Even seeds ride out the restart with a long expiry; odd seeds expire what is in
                // flight during the restart, so its cancel must settle it.
                "--trading.strategy.order-manager.reply-timeout=" + (seed % 2 == 0 ? "2s" : "500ms"),
                "--trading.strategy.order-manager.expiry=" + (seed % 2 == 0 ? "30s" : "1s"),
                "--trading.strategy.strategies[0].id=" + strategyId,
                "--trading.strategy.strategies[0].type=scalper",
                "--trading.strategy.strategies[0].symbols=" + String.join(",", SYMBOLS),
                "--trading.strategy.strategies[0].order-size=10",
                "--trading.strategy.strategies[0].parameters.max-orders=" + ORDERS,
                "--trading.strategy.drop-copy=" + dropCopy,
                "--trading.pricebook.path=" + book));
        run.add(strategy);
        strategy.start().awaitHealthy(START);

        Deadline.await("the strategy sent " + killAfter + " orders", Duration.ofSeconds(120),
                () -> sent(strategy) >= killAfter);
        orderManager.kill();
        long sentAtKill = sent(strategy);
        orderManager.start().awaitHealthy(START);

        Deadline.await("the strategy finished its " + ORDERS + " orders, none in flight or in doubt",
                Duration.ofSeconds(200), () -> {
                    JsonNode orders = view(strategy).get("orders");
                    return orders.get("sent").asLong() == ORDERS && orders.get("inFlight").asLong() == 0
                            && inDoubt(strategy) == 0;
                });
        Map<String, Long> strategyPositions = positions(view(strategy));
        PrometheusScrape strategyMetrics = strategy.metrics();
        strategy.close(); // flushes and closes the drop copy

        Map<String, DropCopyLine> acknowledged = acknowledged(dropCopy);
        Map<String, JsonNode> managed = allOrders(orderManager);
        Map<String, Long> managedPositions = OrderManagerRest.positions(orderManager);

        assertThat(sentAtKill).as("killed mid-stream").isLessThan(ORDERS);
        for (DropCopyLine line : acknowledged.values()) {
            JsonNode order = managed.get(line.clientOrderId());
            assertThat(order).as("acknowledged " + line + " is in the order manager after the restart").isNotNull();
            assertThat(order.get("status").asString()).as(line.clientOrderId()).isEqualTo(line.status());
            assertThat(order.get("orderId").asLong()).as(line.clientOrderId()).isEqualTo(line.orderId());
            assertThat(order.get("filledQuantity").asLong()).as(line.clientOrderId()).isEqualTo(line.filledQuantity());
            if ("FILLED".equals(line.status())) {
                assertThat(order.get("price").decimalValue()).as(line.clientOrderId()).isEqualByComparingTo(line.price());
            }
        }
        assertThat(managed.keySet()).as("the order manager has no order the strategy did not hear of")
                .isSubsetOf(acknowledged.keySet());
        Map<String, Long> journaledFills = new TreeMap<>();
        for (JsonNode order : managed.values()) {
            assertThat(order.get("strategyId").asString()).isEqualTo(strategyId);
            if ("FILLED".equals(order.get("status").asString())) {
                long signed = order.get("filledQuantity").asLong() * ("BUY".equals(order.get("side").asString()) ? 1 : -1);
                journaledFills.merge(order.get("symbol").asString(), signed, Long::sum);
            }
        }
        journaledFills.values().removeIf(quantity -> quantity == 0);
        assertThat(managedPositions).as("positions = the sum of the journaled fills").isEqualTo(journaledFills);
        assertThat(strategyPositions).as("the strategy's positions = the order manager's").isEqualTo(managedPositions);
        assertThat(acknowledged.values().stream().filter(line -> "FILLED".equals(line.status())).count())
                .as("most orders fill").isGreaterThan(ORDERS / 2);
        if (seed % 2 == 1) {
            assertThat(strategyMetrics.sum("trading_strategy_orders_settled_total"))
                    .as("the order in flight at the kill expired during the restart and was settled by its cancel")
                    .isPositive();
        }
        System.out.printf("seed %d: killed after %d sent; %d answered, %d in the order manager, %.0f retries, "
                        + "%.0f expired, %.0f of them filled after all, %.0f settled unfilled%n", seed, sentAtKill,
                acknowledged.size(), managed.size(), strategyMetrics.sum("trading_strategy_order_retries_total"),
                strategyMetrics.sum("trading_strategy_orders_total", "status", "expired"),
                strategyMetrics.sum("trading_strategy_orders_settled_total", "status", "filled"),
                strategyMetrics.sum("trading_strategy_orders_settled_total", "status", "not_filled"));
    }

    private static long sent(ServiceProcess strategy) {
        return view(strategy).get("orders").get("sent").asLong();
    }

    private static long inDoubt(ServiceProcess strategy) {
        return (long) strategy.metrics().sum("trading_strategy_orders_in_doubt");
    }

    private static JsonNode view(ServiceProcess strategy) {
        return JSON.readTree(strategy.getOk("/api/strategies")).get(0);
    }

    private static Map<String, Long> positions(JsonNode view) {
        Map<String, Long> positions = new TreeMap<>();
        view.get("positions").properties().forEach(entry -> positions.put(entry.getKey(), entry.getValue().asLong()));
        positions.values().removeIf(quantity -> quantity == 0);
        return positions;
    }

    /**
     * The drop copy's answered orders by clientOrderId, each answered once: an execution line,
     * or an EXPIRED line followed by its cancel's answer.
     */
    private static Map<String, DropCopyLine> acknowledged(Path dropCopy) throws Exception {
        List<String> lines = Files.readAllLines(dropCopy);
        assertThat(lines.get(0)).startsWith("clientOrderId,");
        Map<String, DropCopyLine> answered = new HashMap<>();
        Map<String, Integer> outcomes = new HashMap<>();
        java.util.Set<String> unsettled = new java.util.HashSet<>();
        for (String text : lines.subList(1, lines.size())) {
            DropCopyLine line = DropCopyLine.parse(text);
            int seen = outcomes.merge(line.clientOrderId(), 1, Integer::sum);
            if ("EXPIRED".equals(line.status())) {
                assertThat(seen).as("an expiry is the first outcome of its order: " + text).isEqualTo(1);
                if (line.attempts() > 0) {
                    unsettled.add(line.clientOrderId()); // sent: its cancel's answer must follow
                }
                continue;
            }
            unsettled.remove(line.clientOrderId());
            assertThat(seen == 1 || line.reconciled()).as("a second answer only as its cancel's answer: " + text).isTrue();
            assertThat(answered.put(line.clientOrderId(), line)).as("answered twice: " + text).isNull();
        }
        assertThat(outcomes).as("one outcome per order sent").hasSize(ORDERS);
        assertThat(unsettled).as("expired orders that were sent and never settled by their cancel").isEmpty();
        return answered;
    }

    /** Every order of the order manager by clientOrderId, each stored once. */
    private static Map<String, JsonNode> allOrders(ServiceProcess orderManager) {
        Map<String, JsonNode> orders = new HashMap<>();
        for (JsonNode item : OrderManagerRest.orders(orderManager)) {
            assertThat(orders.put(item.get("clientOrderId").asString(), item))
                    .as("clientOrderId " + item.get("clientOrderId").asString() + " stored twice").isNull();
        }
        return orders;
    }

    /** One line of the strategy's drop copy (its header names the columns). */
    private record DropCopyLine(String clientOrderId, String status, long orderId, long filledQuantity,
            java.math.BigDecimal price, int attempts, boolean reconciled) {

        static DropCopyLine parse(String line) {
            String[] f = line.split(",", -1);
            assertThat(f).as(line).hasSize(12);
            boolean executed = !"EXPIRED".equals(f[5]);
            return new DropCopyLine(f[0], f[5], executed ? Long.parseLong(f[6]) : 0, executed ? Long.parseLong(f[7]) : 0,
                    f[8].isEmpty() ? null : new java.math.BigDecimal(f[8]), Integer.parseInt(f[10]),
                    Boolean.parseBoolean(f[11]));
        }
    }
}
