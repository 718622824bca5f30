package io.tradingstack.ordermanager;

import static io.tradingstack.ordermanager.OrderValidationServiceTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.FaultyJournalChannel;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A journal write or fsync that fails (injected through the journal's channel seam): the order
 * being stored is in doubt and gets {@code error JOURNAL_UNAVAILABLE} and a close, never its
 * execution; every later new order is REJECTED {@code JOURNAL_UNAVAILABLE}; orders stored before
 * are still answered; health is DOWN. Started again over the same file with a healthy disk, every
 * order that was answered is there as it was answered, and the one in doubt gets the journal's
 * answer.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalFailureServiceTest extends JournaledServiceTest {

    /** AAPL, and MSFT for the order in doubt. */
    @Override
    TestPriceBook quotes(TestPriceBook created) {
        return super.quotes(created).quote("MSFT", "400.00", "400.04");
    }

    @ParameterizedTest
    @ValueSource(strings = {"write", "fsync"})
    void shouldNeverAcknowledgeWhatItDidNotStoreWhenTheJournalFails(String fault) throws Exception {
        FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();
        Map<Order, Execution> acknowledged = new LinkedHashMap<>();
        Order inDoubt = order("doubt", "MSFT", Side.SELL, 3, null);
        Order later = order("later", "AAPL", Side.BUY, 1, null);
        try (OrderManagerInstance failing = OrderManagerInstance.start(journal, book.path(),
                FaultyJournalChannel.factory(faults))) {
            try (OrderTestClient client = failing.connect()) {
                for (Order order : new Order[] {order("ok-1", "AAPL", Side.BUY, 5, null),
                    order("ok-2", "AAPL", Side.BUY, 1, "99.00")}) {
                    acknowledged.put(order, client.order(order));
                }
            }
            if (fault.equals("write")) {
                faults.failWrites();
            } else {
                faults.failForces();
            }

            try (OrderTestClient client = failing.connect()) {
                client.send(inDoubt);
                assertJournalUnavailableAndClosed(client);
            }
            try (OrderTestClient client = failing.connect()) {
                assertRejected(client.order(later), RejectReason.JOURNAL_UNAVAILABLE);
                Order stored = acknowledged.keySet().iterator().next();
                assertThat(client.order(stored)).as("an order stored before is still answered")
                    .isEqualTo(acknowledged.get(stored));
                client.send(inDoubt);
                assertJournalUnavailableAndClosed(client);
            }

            OrderManagerInstance.Response health = failing.get("/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            JsonNode component = health.body().path("components").path("journal");
            assertThat(component.path("status").asString()).isEqualTo("DOWN");
            assertThat(component.path("details").path("reason").asString()).contains("injected " + fault + " failure");
            assertThat(component.path("details").path("inDoubt").asInt()).isEqualTo(1);
            assertThat(failing.registry().get("trading.journal.failed").gauge().value()).isEqualTo(1);
            assertThat(failing.registry().get("trading.journal.in.doubt").counter().count()).isEqualTo(2);
            assertThat(failing.registry().get("trading.orders").tags("status", "REJECTED", "reason", "JOURNAL_UNAVAILABLE")
                .counter().count()).isEqualTo(1);
            assertThat(failing.get("/api/orders/doubt").status()).as("never shown as stored").isEqualTo(404);
            assertThat(failing.get("/api/orders/later").status()).isEqualTo(404);
        }

        try (OrderManagerInstance restarted = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = restarted.connect()) {
            assertThat(restarted.getJson("/actuator/health").path("components").path("journal").path("status").asString())
                .isEqualTo("UP");
            for (Map.Entry<Order, Execution> order : acknowledged.entrySet()) {
                Execution execution = order.getValue();
                JsonNode stored = restarted.getJson("/api/orders/" + order.getKey().clientOrderId());
                assertThat(stored.path("orderId").asLong()).isEqualTo(execution.orderId());
                assertThat(stored.path("status").asString()).isEqualTo(execution.status().name());
                assertThat(stored.path("ts").asLong()).isEqualTo(execution.ts());
                assertThat(client.order(order.getKey())).isEqualTo(execution);
            }
            assertThat(restarted.get("/api/orders/later").status()).as("a refused order was never stored").isEqualTo(404);

            // The order in doubt: a failed write left nothing; a failed fsync left it in the page cache,
            // and so in the file here. Either way its retry gets the journal's answer, once.
            OrderManagerInstance.Response before = restarted.get("/api/orders/doubt");
            assertThat(before.status()).isEqualTo(fault.equals("write") ? 404 : 200);
            Execution retried = client.order(inDoubt);
            assertThat(retried.status()).isEqualTo(ExecutionStatus.FILLED);
            if (before.status() == 200) {
                assertThat(retried.orderId()).isEqualTo(before.body().path("orderId").asLong());
                assertThat(retried.ts()).isEqualTo(before.body().path("ts").asLong());
            }
            assertThat(client.order(inDoubt)).isEqualTo(retried);
            JsonNode positions = restarted.getJson("/api/positions").path("positions");
            assertThat(quantity(positions, "AAPL")).isEqualTo(5);
            assertThat(quantity(positions, "MSFT")).as("the order in doubt filled exactly once").isEqualTo(-3);
        }
    }

    private static void assertJournalUnavailableAndClosed(OrderTestClient client) throws Exception {
        ErrorFrame error = client.readError();
        assertThat(error.reason()).isEqualTo("JOURNAL_UNAVAILABLE");
        assertThat(error.detail()).contains("clientOrderId");
        assertThat(client.isClosedByServer()).isTrue();
    }

    private static long quantity(JsonNode positions, String symbol) {
        for (JsonNode position : positions) {
            if (position.path("symbol").asString().equals(symbol)) {
                return position.path("quantity").asLong();
            }
        }
        return 0;
    }

    private static Order order(String clientOrderId, String symbol, Side side, long quantity, String limit) {
        return new Order(clientOrderId, "journal", symbol, side, quantity, limit == null ? Prices.NONE : Prices.parse(limit), 0);
    }
}
