package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Immediate-or-cancel at the book's top: a buy lifts the ask, a sell hits the bid, a limit must cross. */
class OrderExecutionServiceTest extends OrderManagerServiceTest {

    @BeforeEach
    void quote() {
        BOOK.quote("FILL", "100.00", "100.02");
    }

    @Test
    void shouldFillAMarketBuyAtTheAskAndAMarketSellAtTheBid() throws Exception {
        try (OrderTestClient client = connect()) {
            Order buy = market("exec", "FILL", Side.BUY, 7);
            long before = now();
            Execution bought = client.order(buy);
            assertThat(bought.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(bought.clientOrderId()).isEqualTo(buy.clientOrderId());
            assertThat(bought.filledQuantity()).isEqualTo(7);
            assertThat(bought.price()).isEqualTo(Prices.parse("100.02"));
            assertThat(bought.reason()).isEmpty();
            assertThat(bought.ts()).isGreaterThanOrEqualTo(before);

            Execution sold = client.order(market("exec", "FILL", Side.SELL, 7));
            assertThat(sold.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(sold.price()).isEqualTo(Prices.parse("100.00"));
            assertThat(sold.orderId()).isGreaterThan(bought.orderId());
        }
    }

    @Test
    void shouldFillACrossingLimitAtTheBookPriceNotTheLimit() throws Exception {
        try (OrderTestClient client = connect()) {
            Execution bought = client.order(limit("exec", "FILL", Side.BUY, 3, "100.05"));
            assertThat(bought.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(bought.price()).isEqualTo(Prices.parse("100.02"));

            Execution boughtAtTheAsk = client.order(limit("exec", "FILL", Side.BUY, 3, "100.02"));
            assertThat(boughtAtTheAsk.price()).isEqualTo(Prices.parse("100.02"));

            Execution sold = client.order(limit("exec", "FILL", Side.SELL, 6, "99.97"));
            assertThat(sold.status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(sold.price()).isEqualTo(Prices.parse("100.00"));
        }
    }

    @Test
    void shouldRejectALimitThatDoesNotCrossAsNotMarketable() throws Exception {
        try (OrderTestClient client = connect()) {
            assertRejected(client.order(limit("exec", "FILL", Side.BUY, 2, "100.01")), RejectReason.NOT_MARKETABLE);
            assertRejected(client.order(limit("exec", "FILL", Side.SELL, 2, "100.01")), RejectReason.NOT_MARKETABLE);
            assertThat(client.order(market("exec", "FILL", Side.BUY, 1)).status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(client.order(market("exec", "FILL", Side.SELL, 1)).status()).isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldFollowTheBookWhenItMoves() throws Exception {
        try (OrderTestClient client = connect()) {
            BOOK.quote("FILL", "101.50", "101.53");
            assertThat(client.order(market("exec", "FILL", Side.BUY, 1)).price()).isEqualTo(Prices.parse("101.53"));
            assertThat(client.order(market("exec", "FILL", Side.SELL, 1)).price()).isEqualTo(Prices.parse("101.50"));
        }
    }

    @Test
    void shouldAnswerOrdersOnSeveralConnectionsEachOnItsOwn() throws Exception {
        try (OrderTestClient first = connect(); OrderTestClient second = connect()) {
            Order one = market("exec-a", "FILL", Side.BUY, 1);
            Order two = market("exec-b", "FILL", Side.SELL, 1);
            first.send(one);
            second.send(two);
            assertThat(second.readExecution().clientOrderId()).isEqualTo(two.clientOrderId());
            assertThat(first.readExecution().clientOrderId()).isEqualTo(one.clientOrderId());
        }
    }
}
