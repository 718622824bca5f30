package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.metrics.PrometheusLabels;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Side;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read-only REST API and Actuator of the running service, after real orders over TCP. */
class RestApiServiceTest extends OrderManagerServiceTest {

    @Test
    void shouldMarkPositionsToTheBookMidWithRealizedAndUnrealizedPnl() throws Exception {
        try (OrderTestClient client = connect()) {
            BOOK.quote("PNL", "100.00", "100.02");
            assertThat(client.order(market("pnl", "PNL", Side.BUY, 10)).status()).isEqualTo(ExecutionStatus.FILLED);
            BOOK.quote("PNL", "101.00", "101.02");
            assertThat(client.order(market("pnl", "PNL", Side.SELL, 4)).status()).isEqualTo(ExecutionStatus.FILLED);
        }
        BOOK.quote("PNL", "100.99", "101.01"); // mid 101.00

        JsonNode positions = getJson("/api/positions");

        JsonNode pnl = find(positions.path("positions"), "symbol", "PNL");
        assertThat(pnl.path("quantity").asLong()).isEqualTo(6);
        assertThat(pnl.path("averagePrice").decimalValue()).isEqualByComparingTo("100.02");
        assertThat(pnl.path("markPrice").decimalValue()).isEqualByComparingTo("101.00");
        assertThat(pnl.path("markStatus").asString()).isEqualTo("FRESH");
        // (101.00 - 100.02) × 4
        assertThat(pnl.path("realizedPnl").decimalValue()).isEqualByComparingTo("3.92");
        // 6 × 101.00 - 6 × 100.02
        assertThat(pnl.path("unrealizedPnl").decimalValue()).isEqualByComparingTo("5.88");

        JsonNode strategy = find(positions.path("strategies"), "strategyId", "pnl");
        JsonNode strategyPnl = find(strategy.path("positions"), "symbol", "PNL");
        assertThat(strategyPnl.path("quantity").asLong()).isEqualTo(6);
        assertThat(strategyPnl.path("realizedPnl").decimalValue()).isEqualByComparingTo("3.92");
        assertThat(positions.path("realizedPnl").isNumber()).isTrue();
        assertThat(positions.path("unrealizedPnl").isNumber()).isTrue();
    }

    @Test
    void shouldListOrdersLatestFirstWithTheOrderAndExecutionFields() throws Exception {
        BOOK.quote("GOOGL", "170.00", "170.02");
        Order first = market("rest", "GOOGL", Side.BUY, 2);
        Order second = limit("rest", "GOOGL", Side.SELL, 1, "171.00");
        Execution filled;
        Execution rejected;
        try (OrderTestClient client = connect()) {
            filled = client.order(first);
            rejected = client.order(second);
        }
        assertThat(rejected.status()).isEqualTo(ExecutionStatus.REJECTED);

        JsonNode page = getJson("/api/orders?page=0&size=2");
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(2);
        JsonNode items = page.path("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).path("clientOrderId").asString()).isEqualTo(second.clientOrderId());
        assertThat(items.get(1).path("clientOrderId").asString()).isEqualTo(first.clientOrderId());

        JsonNode notMarketable = items.get(0);
        assertThat(notMarketable.path("status").asString()).isEqualTo("REJECTED");
        assertThat(notMarketable.path("reason").asString()).isEqualTo("NOT_MARKETABLE");
        assertThat(notMarketable.path("limitPrice").decimalValue()).isEqualByComparingTo("171.00");
        assertThat(notMarketable.has("price")).isFalse();

        JsonNode one = getJson("/api/orders/" + first.clientOrderId());
        assertThat(one.path("orderId").asLong()).isEqualTo(filled.orderId());
        assertThat(one.path("strategyId").asString()).isEqualTo("rest");
        assertThat(one.path("symbol").asString()).isEqualTo("GOOGL");
        assertThat(one.path("side").asString()).isEqualTo("BUY");
        assertThat(one.path("quantity").asLong()).isEqualTo(2);
        assertThat(one.path("filledQuantity").asLong()).isEqualTo(2);
        assertThat(one.path("price").isNumber()).isTrue();
        assertThat(one.path("price").decimalValue()).isEqualByComparingTo(new BigDecimal("170.02"));
        assertThat(one.path("ts").asLong()).isEqualTo(filled.ts());
        assertThat(one.path("receivedTs").asLong()).isPositive().isLessThanOrEqualTo(filled.ts());
        assertThat(one.has("reason")).isFalse();
        assertThat(one.has("limitPrice")).isFalse();
        assertThat(one.has("originTs")).isFalse();
    }

    @Test
    void shouldAnswerBadPagesAndUnknownOrdersWithProblemDetails() {
        HttpResponse<String> tooBig = get("/api/orders?size=501");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(tooBig.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(tooBig.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).contains("size=501");

        HttpResponse<String> unknown = get("/api/orders/no-such-order");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(unknown.body()).path("detail").asString()).contains("no-such-order");
    }

    @Test
    void shouldReportTheOrderServerAndTheBookInHealth() {
        JsonNode health = getJson("/actuator/health");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode orders = health.path("components").path("orders");
        assertThat(orders.path("status").asString()).isEqualTo("UP");
        assertThat(orders.path("details").path("port").asInt()).isEqualTo(server.port());
        assertThat(orders.path("details").path("listening").asBoolean()).isTrue();
        JsonNode book = health.path("components").path("book");
        assertThat(book.path("status").asString()).isEqualTo("UP");
        assertThat(book.path("details").path("open").asBoolean()).isTrue();
        assertThat(book.path("details").path("symbols").path("AAPL").path("status").asString()).isEqualTo("FRESH");
        assertThat(book.path("details").path("symbols").path("OLDX").path("status").asString()).isEqualTo("STALE");
        assertThat(book.path("details").path("symbols").path("NOPX").path("status").asString()).isEqualTo("EMPTY");
        assertThat(book.path("details").path("symbols").path("UNREG").path("status").asString())
            .isEqualTo("NOT_REGISTERED");
    }

    @Test
    void shouldPublishTickToTradeHistogramAndOrderCountsInPrometheus() throws Exception {
        BOOK.quote("TICK", "10.00", "10.01");
        try (OrderTestClient client = connect()) {
            long newsTs = now() - 2_000_000; // the news tick was emitted 2 ms ago
            Order order = new Order(newId("tick"), "tick", "TICK", Side.BUY, 1, 0, newsTs);
            assertThat(client.order(order).status()).isEqualTo(ExecutionStatus.FILLED);
            client.order(market("tick", "ZZZZ", Side.BUY, 1));
        }

        HttpResponse<String> response = get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        String metrics = response.body();
        assertThat(metrics).contains("trading_tick_to_trade_seconds_bucket{application=\"order-manager\",le=");
        assertThat(count(metrics, "trading_tick_to_trade_seconds_count{application=\"order-manager\"}")).isPositive();
        // Its first part, news emit -> order frame decoded: at least the 2 ms since the news, never more than the whole.
        double hopSum = count(metrics, "trading_hop_news_to_order_manager_seconds_sum{application=\"order-manager\"}");
        assertThat(count(metrics, "trading_hop_news_to_order_manager_seconds_count{application=\"order-manager\"}"))
            .isEqualTo(count(metrics, "trading_tick_to_trade_seconds_count{application=\"order-manager\"}"));
        assertThat(hopSum).isGreaterThanOrEqualTo(0.002)
            .isLessThanOrEqualTo(count(metrics, "trading_tick_to_trade_seconds_sum{application=\"order-manager\"}"));
        assertThat(metrics).contains("trading_orders_total{application=\"order-manager\",reason=\"none\",status=\"FILLED\"}")
            .contains("trading_orders_total{application=\"order-manager\",reason=\"UNKNOWN_SYMBOL\",status=\"REJECTED\"}")
            .contains("trading_orders_total{application=\"order-manager\",reason=\"POSITION_LIMIT\",status=\"REJECTED\"}")
            .contains("trading_frames_invalid_total{application=\"order-manager\",reason=\"MALFORMED_JSON\",service=\"order-manager\"}")
            .contains("trading_position{application=\"order-manager\",symbol=\"TICK\"}");
        assertThat(count(metrics, "trading_orders_total{application=\"order-manager\",reason=\"UNKNOWN_SYMBOL\",status=\"REJECTED\"}")).isPositive();
    }

    @Test
    void shouldTagEverySampleWithTheApplicationName() {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(PrometheusLabels.samplesWithout(response.body(), "application", "order-manager")).isEmpty();
    }

    /** The value of the first sample line that starts with {@code series}. */
    private static double count(String metrics, String series) {
        return metrics.lines()
            .filter(line -> line.startsWith(series + " "))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElse(0);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.path(field).asString())) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + "=" + value + " in " + array);
    }
}
