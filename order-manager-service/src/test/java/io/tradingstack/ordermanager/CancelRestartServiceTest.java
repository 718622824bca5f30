package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.FaultyJournalChannel;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Cancels across a restart over the same journal: a fence stays a fence (a copy of its order
 * arriving after the restart is REJECTED CANCELLED under the fence's orderId and never filled),
 * and a cancel of an order decided before the restart gets that order's execution unchanged. A
 * cancel that needs a fence while the journal is failed is not answered with one it could not
 * store: {@code error JOURNAL_UNAVAILABLE} and a close, and the fence after the restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancelRestartServiceTest extends JournaledServiceTest {

    @Test
    void shouldKeepAFenceAcrossARestartSoThatTheOrderIsNeverFilled() throws Exception {
        Order fenced = order("f-1", Side.BUY, 5, null);
        Execution fence;
        JsonNode positions;
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            client.order(order("f-0", Side.BUY, 1, null)); // a position to compare with
            fence = client.cancel(new Cancel(fenced.clientOrderId(), fenced.strategyId()));
            assertRejected(fence, RejectReason.CANCELLED);
            positions = first.getJson("/api/positions");
        }

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = second.connect()) {
            assertThat(client.order(fenced)).as("the fence replayed: same orderId and ts").isEqualTo(fence);
            assertThat(client.cancel(new Cancel(fenced.clientOrderId(), fenced.strategyId()))).isEqualTo(fence);
            assertThat(second.getJson("/api/positions")).as("the fenced order is in no position").isEqualTo(positions);
            assertThat(second.getJson("/api/orders/f-1").path("reason").asString()).isEqualTo("CANCELLED");
            Execution next = client.order(order("f-2", Side.BUY, 1, null));
            assertThat(next.orderId()).as("ids continue above the fence's").isGreaterThan(fence.orderId());
        }
    }

    @Test
    void shouldAnswerACancelAfterARestartWithTheExecutionDecidedBeforeIt() throws Exception {
        Order filled = order("d-1", Side.BUY, 2, null);
        Order rejected = order("d-2", Side.BUY, 1, "99.00");
        Execution fill;
        Execution rejection;
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            fill = client.order(filled);
            rejection = client.order(rejected);
        }
        assertThat(fill.status()).isEqualTo(ExecutionStatus.FILLED);
        assertRejected(rejection, RejectReason.NOT_MARKETABLE);
        book.quote("AAPL", "98.00", "98.02");

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = second.connect()) {
            assertThat(client.cancel(new Cancel(filled.clientOrderId(), filled.strategyId())))
                .as("the fill, same orderId, ts and price").isEqualTo(fill);
            assertThat(client.cancel(new Cancel(rejected.clientOrderId(), rejected.strategyId())))
                .as("the rejection, final").isEqualTo(rejection);
            assertThat(second.getJson("/api/positions").path("positions").get(0).path("quantity").asLong())
                .as("filled once").isEqualTo(2);
        }
    }

    @Test
    void shouldNotAnswerACancelWithAFenceItCannotStoreAndFenceItAfterTheRestart() throws Exception {
        FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();
        Order decided = order("j-1", Side.BUY, 1, null);
        Order undecided = order("j-2", Side.BUY, 4, null);
        Execution fill;
        try (OrderManagerInstance failing = OrderManagerInstance.start(journal, book.path(),
                FaultyJournalChannel.factory(faults))) {
            try (OrderTestClient client = failing.connect()) {
                fill = client.order(decided);
            }
            faults.failWrites();
            try (OrderTestClient client = failing.connect()) {
                client.send(order("j-3", Side.BUY, 1, null)); // in doubt: it fails the journal
                assertJournalUnavailableAndClosed(client);
            }
            try (OrderTestClient client = failing.connect()) {
                assertThat(client.cancel(new Cancel(decided.clientOrderId(), decided.strategyId())))
                    .as("decided before the failure: its own execution").isEqualTo(fill);
                client.send(new Cancel(undecided.clientOrderId(), undecided.strategyId()));
                assertJournalUnavailableAndClosed(client);
            }
            assertThat(failing.get("/api/orders/j-2").status()).as("no fence stored").isEqualTo(404);
        }

        try (OrderManagerInstance restarted = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = restarted.connect()) {
            Execution fence = client.cancel(new Cancel(undecided.clientOrderId(), undecided.strategyId()));
            assertRejected(fence, RejectReason.CANCELLED);
            assertThat(client.order(undecided)).isEqualTo(fence);
            assertThat(client.cancel(new Cancel(decided.clientOrderId(), decided.strategyId()))).isEqualTo(fill);
            assertThat(restarted.getJson("/api/positions").path("positions").get(0).path("quantity").asLong())
                .as("only the order decided before the failure filled").isEqualTo(1);
        }
    }

    private static void assertJournalUnavailableAndClosed(OrderTestClient client) throws Exception {
        ErrorFrame error = client.readError();
        assertThat(error.reason()).isEqualTo("JOURNAL_UNAVAILABLE");
        assertThat(client.isClosedByServer()).isTrue();
    }

    private static Order order(String clientOrderId, Side side, long quantity, String limit) {
        return new Order(clientOrderId, "journal", "AAPL", side, quantity, limit == null ? Prices.NONE : Prices.parse(limit), 0);
    }
}
