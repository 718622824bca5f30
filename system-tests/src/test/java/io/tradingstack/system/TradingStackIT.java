package io.tradingstack.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusScrape;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole stack — gateway, orderbook, order manager, strategy — as four JVMs from their
 * built jars on ephemeral ports ({@link ProcessStack}): news and prices flow in, the strategy
 * trades, the order manager executes, and both sides agree on what was filled. The order port
 * requires a logon token, which both sides read from their secrets directories, never from a
 * command line: a fill proves the strategy logged on with the token of its file (that the order
 * manager refuses a connection without it is {@code SecretsDirectoryServiceTest}'s).
 */
class TradingStackIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    private final ProcessStack stack = new ProcessStack();
    private ServiceProcess orderManager;
    private ServiceProcess strategy;

    @BeforeEach
    void startTheStack() throws Exception {
        stack.start(directory, List.of());
        orderManager = stack.orderManager();
        strategy = stack.strategy();
    }

    @AfterEach
    void stopTheStack() throws Exception {
        stack.close();
    }

    @Test
    @Timeout(480)
    void shouldTradeEndToEndWithPositionsEqualToTheFillsTheStrategyReceived() throws Exception {
        Deadline.await("the strategy has orders filled by the order manager", Duration.ofSeconds(90),
                () -> strategyFilled() > 0);

        // Both sides keep trading: compare a moment when the strategy has nothing in flight and
        // reads the same before and after the order manager is read.
        String[] last = {""};
        Deadline.await("order manager positions equal the sum of the strategy's fills", Duration.ofSeconds(60), () -> {
            JsonNode before = strategies();
            Map<String, Long> managed = OrderManagerRest.positions(orderManager);
            JsonNode after = strategies();
            Map<String, Long> filled = strategyPositions(after);
            last[0] = "order manager " + managed + ", strategy fills " + filled;
            return before.equals(after) && inFlight(after) == 0 && managed.equals(filled);
        });
        assertThat(OrderManagerRest.positions(orderManager)).as(last[0]).isNotEmpty();

        JsonNode orders = JSON.readTree(orderManager.getOk("/api/orders?page=0&size=50"));
        assertThat(orders.get("total").asLong()).isPositive();
        assertThat(orders.get("items").get(0).get("status").asString()).isIn("FILLED", "REJECTED");

        PrometheusScrape metrics = orderManager.metrics();
        assertThat(metrics.has("trading_tick_to_trade_seconds_bucket")).as("tick-to-trade histogram").isTrue();
        assertThat(metrics.sum("trading_tick_to_trade_seconds_count")).as("tick-to-trade count").isPositive();
        assertThat(metrics.sum("trading_hop_news_to_order_manager_seconds_count")).as("news → order manager count")
            .isPositive();
        PrometheusScrape strategyMetrics = strategy.metrics();
        assertThat(strategyMetrics.sum("trading_hop_order_round_trip_seconds_count")).isPositive();
        assertThat(strategyMetrics.sum("trading_hop_news_to_strategy_seconds_count")).isPositive();
        assertThat(strategyMetrics.sum("trading_hop_news_to_order_sent_seconds_count")).as("news → order sent count")
            .isPositive();

        haltAndRelease();

        stack.close();
        for (ServiceProcess service : stack.services()) {
            assertThat(service.isAlive()).as(service + " stopped").isFalse();
        }
    }

    /**
     * The kill switch over the running stack: a stranger cannot halt; the operator halts, the
     * strategy's orders are REJECTED TRADING_HALTED and it holds its orders rather than hammering
     * the order manager; the operator releases and the strategy's orders fill again.
     */
    private void haltAndRelease() throws Exception {
        String halt = "{\"reason\":\"end-to-end kill switch test\"}";
        HttpResponse<String> stranger = orderManager.post("/api/trading/halt", halt, null);
        assertThat(stranger.statusCode()).as(stranger.body()).isEqualTo(401);
        assertThat(JSON.readTree(orderManager.getOk("/api/trading")).get("state").asString()).isEqualTo("RUNNING");

        HttpResponse<String> halted = orderManager.post("/api/trading/halt", halt, SystemTestOperator.BASIC);
        assertThat(halted.statusCode()).as(halted.body()).isEqualTo(200);
        JsonNode trading = JSON.readTree(orderManager.getOk("/actuator/health")).get("components").get("trading");
        assertThat(trading.get("status").asString()).isEqualTo("UP");
        assertThat(trading.get("details").get("haltedBy").asString()).isEqualTo(SystemTestOperator.NAME);

        Deadline.await("the strategy's orders are REJECTED TRADING_HALTED", Duration.ofSeconds(90),
                () -> haltedRejections() > 0);
        double first = haltedRejections();
        long filledWhileHalted = strategyFilled();
        // An upper bound over a window: a slow machine only sends fewer. Without the strategy's
        // hold, every signal on the three symbols would be sent and rejected.
        Thread.sleep(8_000);
        assertThat(haltedRejections() - first).as("halted rejections in the 8 s after the first: the strategy holds"
                + " its orders (waits of 1, 2, 4 s)").isLessThanOrEqualTo(6);
        assertThat(strategyFilled()).as("nothing fills while halted").isEqualTo(filledWhileHalted);

        HttpResponse<String> released = orderManager.post("/api/trading/release",
                "{\"reason\":\"end of the test\"}", SystemTestOperator.BASIC);
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        Deadline.await("the strategy's orders fill again after the release", Duration.ofSeconds(120),
                () -> strategyFilled() > filledWhileHalted);
    }

    private double haltedRejections() {
        return orderManager.metrics().sum("trading_orders_total", "reason", "TRADING_HALTED");
    }

    private long strategyFilled() {
        long filled = 0;
        for (JsonNode view : strategies()) {
            filled += view.get("orders").get("filled").asLong();
        }
        return filled;
    }

    private static long inFlight(JsonNode views) {
        long inFlight = 0;
        for (JsonNode view : views) {
            inFlight += view.get("orders").get("inFlight").asLong();
        }
        return inFlight;
    }

    private JsonNode strategies() {
        return JSON.readTree(strategy.getOk("/api/strategies"));
    }

    /** Net position per symbol summed over the strategies, flat symbols left out. */
    private static Map<String, Long> strategyPositions(JsonNode views) {
        Map<String, Long> positions = new TreeMap<>();
        for (JsonNode view : views) {
            view.get("positions").properties().forEach(entry -> positions.merge(entry.getKey(), entry.getValue().asLong(), Long::sum));
        }
        positions.values().removeIf(quantity -> quantity == 0);
        return positions;
    }
}
