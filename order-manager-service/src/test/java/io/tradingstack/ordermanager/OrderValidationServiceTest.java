package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each validation rule, and each value the decoder refuses, rejects the order with its reason
 * on a REJECTED execution; the connection stays open, which every test checks by filling an
 * order on it afterwards.
 */
class OrderValidationServiceTest extends OrderManagerServiceTest {

    private OrderTestClient client;

    @BeforeEach
    void connectClient() throws Exception {
        client = connect();
    }

    @AfterEach
    void connectionStillServesOrders() throws Exception {
        try (OrderTestClient open = client) {
            Execution fill = open.order(market("validation-check", "AAPL", Side.BUY, 1));
            assertThat(fill.status()).as("a good order on the same connection").isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRejectAnUnknownSymbol() throws Exception {
        assertRejected(client.order(market("validation", "ZZZZ", Side.BUY, 1)), RejectReason.UNKNOWN_SYMBOL);
    }

    @Test
    void shouldRejectASymbolWithoutAPriceInTheBook() throws Exception {
        assertRejected(client.order(market("validation", "NOPX", Side.BUY, 1)), RejectReason.NO_PRICE);
        assertRejected(client.order(market("validation", "UNREG", Side.BUY, 1)), RejectReason.NO_PRICE);
    }

    @Test
    void shouldRejectAStalePrice() throws Exception {
        assertRejected(client.order(market("validation", "OLDX", Side.SELL, 1)), RejectReason.STALE_PRICE);
    }

    @Test
    void shouldRejectAQuantityOfZeroOrAboveTheMaximum() throws Exception {
        assertRejected(client.order(market("validation", "AAPL", Side.BUY, 0)), RejectReason.QUANTITY_OUT_OF_RANGE);
        assertRejected(client.order(market("validation", "AAPL", Side.BUY, 1001)), RejectReason.QUANTITY_OUT_OF_RANGE);
        client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"neg-qty\",\"strategyId\":\"validation\","
            + "\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":-5}");
        Execution negative = client.readExecution();
        assertThat(negative.clientOrderId()).isEqualTo("neg-qty");
        assertRejected(negative, RejectReason.QUANTITY_OUT_OF_RANGE);
    }

    @Test
    void shouldRejectALimitOutsideTheCollarAroundTheMid() throws Exception {
        // mid 100.01, collar 5 %: 95.0095..105.0105
        assertRejected(client.order(limit("validation", "AAPL", Side.BUY, 1, "105.02")), RejectReason.LIMIT_OUTSIDE_COLLAR);
        assertRejected(client.order(limit("validation", "AAPL", Side.SELL, 1, "95.00")), RejectReason.LIMIT_OUTSIDE_COLLAR);
        assertThat(client.order(limit("validation", "AAPL", Side.BUY, 1, "105.01")).status()).isEqualTo(ExecutionStatus.FILLED);
    }

    @Test
    void shouldRejectAnUnknownSideUnderTheOrdersId() throws Exception {
        client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"side-1\",\"strategyId\":\"validation\","
            + "\"symbol\":\"AAPL\",\"side\":\"HOLD\",\"quantity\":1}");
        Execution execution = client.readExecution();
        assertThat(execution.clientOrderId()).isEqualTo("side-1");
        assertThat(execution.orderId()).isPositive();
        assertRejected(execution, RejectReason.UNKNOWN_SIDE);
    }

    @Test
    void shouldRejectAnInvalidClientOrderIdUnderTheIdAsSentMadePrintableAndCut() throws Exception {
        client.sendPayload(orderWithId(""));
        Execution empty = client.readExecution();
        assertThat(empty.clientOrderId()).isEmpty();
        assertRejected(empty, RejectReason.INVALID_CLIENT_ORDER_ID);

        String tooLong = "x".repeat(70);
        client.sendPayload(orderWithId(tooLong));
        Execution cut = client.readExecution();
        assertThat(cut.clientOrderId()).isEqualTo("x".repeat(64));
        assertRejected(cut, RejectReason.INVALID_CLIENT_ORDER_ID);

        client.sendPayload(orderWithId("tab\\there"));
        Execution printable = client.readExecution();
        assertThat(printable.clientOrderId()).isEqualTo("tab?here");
        assertRejected(printable, RejectReason.INVALID_CLIENT_ORDER_ID);
    }

    @Test
    void shouldRejectAnOrderForAnotherStrategyThanTheLoggedOnOne() throws Exception {
        client.send(new Logon("validation-check", ""));
        // No reply to a logon: the next frame is the answer to the order sent after it.
        Order foreign = market("someone-else", "AAPL", Side.BUY, 1);
        Execution execution = client.order(foreign);
        assertThat(execution.clientOrderId()).isEqualTo(foreign.clientOrderId());
        assertRejected(execution, RejectReason.STRATEGY_MISMATCH);
    }

    @Test
    void shouldGiveEveryOrderANewOrderIdRejectedOnesToo() throws Exception {
        Execution first = client.order(market("validation", "ZZZZ", Side.BUY, 1));
        Execution second = client.order(market("validation", "AAPL", Side.BUY, 1));
        assertThat(second.orderId()).isGreaterThan(first.orderId());
        assertThat(first.price()).isEqualTo(Prices.NONE);
        assertThat(first.filledQuantity()).isZero();
    }

    private static String orderWithId(String clientOrderId) {
        return "{\"type\":\"order\",\"clientOrderId\":\"" + clientOrderId + "\",\"strategyId\":\"validation\","
            + "\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":1}";
    }

    static void assertRejected(Execution execution, RejectReason reason) {
        assertThat(execution.status()).as("status of %s", execution).isEqualTo(ExecutionStatus.REJECTED);
        assertThat(execution.reason()).as("reason of %s", execution).isEqualTo(reason.name());
        assertThat(execution.filledQuantity()).isZero();
        assertThat(execution.orderId()).isPositive();
    }
}
