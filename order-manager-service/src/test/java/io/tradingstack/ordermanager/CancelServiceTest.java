package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A cancel settles the order it names: an order decided before is answered with its own
 * execution, unchanged; an order not decided yet is fenced off — REJECTED CANCELLED under a new
 * order id, stored, and the answer to every later copy of the order, which never fills.
 */
class CancelServiceTest extends OrderManagerServiceTest {

    @Autowired
    private PositionBook positions;

    @BeforeEach
    void quote() {
        BOOK.quote("CNCL", "30.00", "30.01");
    }

    @Test
    void shouldFenceAnUndecidedOrderSoThatALaterCopyIsRejectedCancelledAndNeverFilled() throws Exception {
        long before = positions.published().netQuantity("CNCL");
        double fencedBefore = counter("trading.orders.cancels", "status", "fenced");
        double cancelledBefore = counter("trading.orders", "status", "REJECTED", "reason", "CANCELLED");
        Order order = market("cancel", "CNCL", Side.BUY, 7);
        try (OrderTestClient client = connect()) {
            Execution fence = client.cancel(new Cancel(order.clientOrderId(), order.strategyId()));
            assertRejected(fence, RejectReason.CANCELLED);
            assertThat(fence.clientOrderId()).isEqualTo(order.clientOrderId());

            Execution late = client.order(order);
            assertThat(late).as("the late copy gets the cancel's answer, same orderId and ts").isEqualTo(fence);
            assertThat(client.cancel(new Cancel(order.clientOrderId(), order.strategyId())))
                .as("a second cancel gets the same").isEqualTo(fence);
        }
        assertThat(positions.published().netQuantity("CNCL")).as("never filled").isEqualTo(before);
        awaitCounter(fencedBefore + 1, "trading.orders.cancels", "status", "fenced");
        awaitCounter(cancelledBefore + 1, "trading.orders", "status", "REJECTED", "reason", "CANCELLED");
        JsonNode listed = getJson("/api/orders/" + order.clientOrderId());
        assertThat(listed.path("status").asString()).isEqualTo("REJECTED");
        assertThat(listed.path("reason").asString()).isEqualTo("CANCELLED");
        assertThat(listed.path("strategyId").asString()).isEqualTo("cancel");
        assertThat(listed.has("symbol")).as("the order itself was never decided").isFalse();
    }

    @Test
    void shouldAnswerACancelOfAFilledOrderWithItsOwnExecution() throws Exception {
        long before = positions.published().netQuantity("CNCL");
        double decidedBefore = counter("trading.orders.cancels", "status", "decided");
        Order order = market("cancel", "CNCL", Side.SELL, 3);
        try (OrderTestClient client = connect()) {
            Execution filled = client.order(order);
            assertThat(filled.status()).isEqualTo(ExecutionStatus.FILLED);
            BOOK.quote("CNCL", "31.00", "31.01");

            assertThat(client.cancel(new Cancel(order.clientOrderId(), order.strategyId())))
                .as("the original: same orderId, ts, status and price").isEqualTo(filled);
        }
        assertThat(positions.published().netQuantity("CNCL")).as("filled once").isEqualTo(before - 3);
        awaitCounter(decidedBefore + 1, "trading.orders.cancels", "status", "decided");
    }

    @Test
    void shouldAnswerACancelOfARejectedOrderWithItsOwnRejection() throws Exception {
        Order notMarketable = new Order(newId("cancel"), "cancel", "CNCL", Side.BUY, 1, Prices.parse("29.00"), 0);
        try (OrderTestClient client = connect()) {
            Execution rejected = client.order(notMarketable);
            assertRejected(rejected, RejectReason.NOT_MARKETABLE);

            assertThat(client.cancel(new Cancel(notMarketable.clientOrderId(), "cancel"))).isEqualTo(rejected);
        }
    }

    @Test
    void shouldRejectACancelForAnotherStrategyThanTheLoggedOnOneAndFenceNothing() throws Exception {
        long before = positions.published().netQuantity("CNCL");
        Order order = market("cancel-a", "CNCL", Side.BUY, 2);
        try (OrderTestClient client = connect()) {
            client.send(new Logon("cancel-a", ""));
            Execution mismatch = client.cancel(new Cancel(order.clientOrderId(), "cancel-b"));
            assertRejected(mismatch, RejectReason.STRATEGY_MISMATCH);

            Execution filled = client.order(order);
            assertThat(filled.status()).as("the refused cancel fenced nothing").isEqualTo(ExecutionStatus.FILLED);
            assertThat(filled.orderId()).isGreaterThan(mismatch.orderId());
        }
        assertThat(positions.published().netQuantity("CNCL")).isEqualTo(before + 2);
    }

    /** The connection's thread counts a frame after it has sent the answer: wait for the count, 10 s at most. */
    private void awaitCounter(double expected, String name, String... tags) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counter(name, tags) < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(counter(name, tags)).as(name).isEqualTo(expected);
    }

    @Test
    void shouldRejectACancelWithAnInvalidClientOrderIdAndKeepTheConnection() throws Exception {
        try (OrderTestClient client = connect()) {
            client.sendPayload("{\"type\":\"cancel\",\"clientOrderId\":\"" + "x".repeat(65) + "\",\"strategyId\":\"cancel\"}");
            assertRejected(client.readExecution(), RejectReason.INVALID_CLIENT_ORDER_ID);

            Order order = market("cancel", "CNCL", Side.BUY, 1);
            assertThat(client.order(order).status()).as("the connection stays open").isEqualTo(ExecutionStatus.FILLED);
        }
    }
}
