package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The risk limits of the test context: position 500 per symbol, gross notional 10,000,000,
 * 20 orders per strategy per second. Each rejects with its reason and the connection stays open.
 */
class RiskServiceTest extends OrderManagerServiceTest {

    @Test
    void shouldRejectAnOrderThatTakesThePositionBeyondTheLimitButLetItBeReduced() throws Exception {
        BOOK.quote("POSN", "10.00", "10.01");
        try (OrderTestClient client = connect()) {
            assertThat(client.order(market("risk-pos", "POSN", Side.BUY, 400)).status()).isEqualTo(ExecutionStatus.FILLED);
            assertRejected(client.order(market("risk-pos", "POSN", Side.BUY, 200)), RejectReason.POSITION_LIMIT);
            assertThat(client.order(market("risk-pos", "POSN", Side.SELL, 200)).status()).isEqualTo(ExecutionStatus.FILLED);
            // 200 - 800 = -600: beyond the limit on the other side
            assertRejected(client.order(market("risk-pos", "POSN", Side.SELL, 800)), RejectReason.POSITION_LIMIT);
            assertThat(client.order(market("risk-pos", "POSN", Side.SELL, 700)).status()).isEqualTo(ExecutionStatus.FILLED);
            assertThat(client.order(market("risk-pos", "POSN", Side.BUY, 500)).status()).as("back to 0")
                .isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRejectAnOrderThatTakesTheGrossNotionalBeyondTheLimit() throws Exception {
        BOOK.quote("NOTL", "49999.00", "50000.00");
        try (OrderTestClient client = connect()) {
            // 100 × 50,000 = 5,000,000 of 10,000,000
            assertThat(client.order(market("risk-notional", "NOTL", Side.BUY, 100)).status())
                .isEqualTo(ExecutionStatus.FILLED);
            // +120 × 50,000 = 11,000,000 gross, with every other symbol's small position on top
            assertRejected(client.order(market("risk-notional", "NOTL", Side.BUY, 120)), RejectReason.NOTIONAL_LIMIT);
            assertThat(client.order(market("risk-notional", "NOTL", Side.SELL, 100)).status()).as("reducing is allowed")
                .isEqualTo(ExecutionStatus.FILLED);
        }
    }

    @Test
    void shouldRejectOrdersBeyondTheRatePerStrategyAndNotOtherStrategies() throws Exception {
        BOOK.quote("RATE", "5.00", "5.01");
        // The limit counts decisions within one second of the order manager's clock. One order per
        // connection, all sent before any answer is read, arrive together and are decided in one
        // or a few journal flushes; 25 round trips one after another would each wait for a flush,
        // and a slow disk could spread them beyond the second.
        List<OrderTestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                clients.add(connect());
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send(market("risk-rate", "RATE", i % 2 == 0 ? Side.BUY : Side.SELL, 1));
            }
            List<Execution> executions = new ArrayList<>();
            for (OrderTestClient client : clients) {
                executions.add(client.readExecution());
            }
            assertThat(executions).filteredOn(execution -> execution.status() == ExecutionStatus.FILLED).hasSize(20);
            assertThat(executions).filteredOn(execution -> execution.status() != ExecutionStatus.FILLED)
                .hasSize(5).allSatisfy(execution -> assertRejected(execution, RejectReason.ORDER_RATE_LIMIT));
            assertThat(clients.get(0).order(market("risk-rate-other", "RATE", Side.BUY, 1)).status())
                .as("another strategy has its own window").isEqualTo(ExecutionStatus.FILLED);
        } finally {
            for (OrderTestClient client : clients) {
                client.close();
            }
        }
    }
}
