package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.position.PositionBook;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A repeated clientOrderId: the same content gets the original execution again and never a
 * second fill; other content is refused DUPLICATE_CLIENT_ORDER_ID under the original's orderId,
 * and the original stands.
 */
class DuplicateOrderServiceTest extends OrderManagerServiceTest {

    @Autowired
    private PositionBook positions;

    @BeforeEach
    void quote() {
        BOOK.quote("DUPE", "20.00", "20.01");
    }

    @Test
    void shouldAnswerTheSameOrderAgainWithTheOriginalExecutionAndNotFillTwice() throws Exception {
        long before = positions.published().netQuantity("DUPE");
        Order order = market("dupe", "DUPE", Side.BUY, 10);
        Execution original;
        try (OrderTestClient client = connect()) {
            original = client.order(order);
            assertThat(original.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(client.order(order)).isEqualTo(original);
        }
        BOOK.quote("DUPE", "21.00", "21.01");
        try (OrderTestClient reconnected = connect()) {
            // A strategy retrying after a lost connection: still the original, at the original price and ts.
            assertThat(reconnected.order(order)).isEqualTo(original);
        }
        assertThat(positions.published().netQuantity("DUPE")).isEqualTo(before + 10);
        assertThat(getJson("/api/orders?size=500").path("total").asLong()).isPositive();
    }

    @Test
    void shouldRefuseOtherContentUnderARepeatedIdAndKeepTheOriginal() throws Exception {
        long before = positions.published().netQuantity("DUPE");
        Order order = market("dupe", "DUPE", Side.BUY, 5);
        Order other = new Order(order.clientOrderId(), order.strategyId(), order.symbol(), order.side(), 6,
            order.limitPrice(), order.originTs());
        try (OrderTestClient client = connect()) {
            Execution original = client.order(order);
            Execution duplicate = client.order(other);

            assertRejected(duplicate, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            assertThat(duplicate.orderId()).isEqualTo(original.orderId());
            assertThat(duplicate.clientOrderId()).isEqualTo(order.clientOrderId());
            assertThat(client.order(order)).as("the original stands").isEqualTo(original);
        }
        assertThat(positions.published().netQuantity("DUPE")).isEqualTo(before + 5);
        JsonNode stored = getJson("/api/orders/" + order.clientOrderId());
        assertThat(stored.path("quantity").asLong()).isEqualTo(5);
        assertThat(stored.path("status").asString()).isEqualTo("FILLED");
    }

    @Test
    void shouldAnswerARepeatedRejectionWithTheSameRejection() throws Exception {
        Order notMarketable = new Order(newId("dupe"), "dupe", "DUPE", Side.BUY, 1, Prices.parse("19.99"), 0);
        try (OrderTestClient client = connect()) {
            Execution rejected = client.order(notMarketable);
            assertRejected(rejected, RejectReason.NOT_MARKETABLE);
            BOOK.quote("DUPE", "19.98", "19.99");
            assertThat(client.order(notMarketable)).as("a rejection is final").isEqualTo(rejected);
        }
    }
}
