package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.journal.JournalCorruptedException;
import io.tradingstack.journal.JournalDescriptor;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The order manager stopped and started again over the same journal: the orders, the positions
 * and the seen client order ids come back, a repeated order gets its original execution and never
 * a second fill, new orders continue above every order id reserved; a torn last record is
 * truncated and counted; a journal damaged before its end stops the start-up with the offset.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JournalRestartServiceTest extends JournaledServiceTest {

    @Override
    TestPriceBook quotes(TestPriceBook created) {
        return super.quotes(created).quote("MSFT", "400.00", "400.04");
    }

    @Test
    void shouldAnswerRepeatedOrdersAfterARestartFromTheJournalAndNeverFillThemAgain() throws Exception {
        List<Order> orders = List.of(order("r-1", "AAPL", Side.BUY, 10, null), order("r-2", "MSFT", Side.SELL, 4, null),
            order("r-3", "AAPL", Side.BUY, 1, "99.00"));
        Map<Order, Execution> answered = new LinkedHashMap<>();
        JsonNode positions;
        JsonNode stored;
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            for (Order order : orders) {
                answered.put(order, client.order(order));
            }
            positions = first.getJson("/api/positions");
            stored = first.getJson("/api/orders?size=500");
        }
        assertThat(answered.values()).extracting(Execution::status)
            .containsExactly(ExecutionStatus.FILLED, ExecutionStatus.FILLED, ExecutionStatus.REJECTED);

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path())) {
            assertThat(second.getJson("/api/positions")).isEqualTo(positions);
            assertThat(second.getJson("/api/orders?size=500")).isEqualTo(stored);
            JsonNode health = second.getJson("/actuator/health").path("components").path("journal");
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path("records").asLong()).as("3 orders and the reservation of their ids")
                .isEqualTo(4);
            assertThat(health.path("details").path("orderIdReservations").asLong()).isEqualTo(1);
            assertThat(health.path("details").path("flushPolicy").asString()).isEqualTo("BATCH");

            book.quote("AAPL", "101.00", "101.02").quote("MSFT", "401.00", "401.04");
            try (OrderTestClient client = second.connect()) {
                for (Map.Entry<Order, Execution> order : answered.entrySet()) {
                    assertThat(client.order(order.getKey())).as("the original, same orderId, ts and price")
                        .isEqualTo(order.getValue());
                }
                long lastOrderId = answered.values().stream().mapToLong(Execution::orderId).max().orElseThrow();
                Execution next = client.order(order("r-4", "AAPL", Side.BUY, 1, null));
                assertThat(next.orderId()).as("above the ids reserved before the restart")
                    .isGreaterThan(lastOrderId)
                    .isEqualTo(health.path("details").path("orderIdsReservedUpTo").asLong() + 1);
                assertThat(next.price()).isEqualTo(Prices.parse("101.02"));
            }
            JsonNode aapl = second.getJson("/api/positions").path("positions").get(0);
            assertThat(aapl.path("symbol").asString()).isEqualTo("AAPL");
            assertThat(aapl.path("quantity").asLong()).as("10 replayed, 1 new, none filled twice").isEqualTo(11);
        }
    }

    @Test
    void shouldNeverHandOutAgainAnOrderIdGivenToARefusalThatIsNotStored() throws Exception {
        long refusedId;
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            client.order(order("id-1", "AAPL", Side.BUY, 1, null));
            // Values that do not decode: REJECTED under a new order id, and no order is stored.
            client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"id-2\",\"strategyId\":\"journal\","
                + "\"symbol\":\"AAPL\",\"side\":\"HOLD\",\"quantity\":1}");
            Execution refused = client.readExecution();
            assertThat(refused.reason()).isEqualTo(RejectReason.UNKNOWN_SIDE.name());
            refusedId = refused.orderId();
            assertThat(first.getJson("/api/orders?size=500").path("total").asLong()).isEqualTo(1);
        }

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = second.connect()) {
            assertThat(second.getJson("/api/orders?size=500").path("total").asLong()).as("the refusal is no order")
                .isEqualTo(1);
            Execution next = client.order(order("id-3", "AAPL", Side.BUY, 1, null));
            assertThat(next.orderId()).as("above the refusal's id, reserved in the journal").isGreaterThan(refusedId);
        }
    }

    @Test
    void shouldTruncateATornLastRecordCountItAndStart() throws Exception {
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            client.order(order("t-1", "AAPL", Side.BUY, 2, null));
            client.order(order("t-2", "AAPL", Side.BUY, 3, null));
        }
        long size = Files.size(journal);
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(size - 9); // the crash cut the last write
        }

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path())) {
            JsonNode health = second.getJson("/actuator/health").path("components").path("journal");
            assertThat(health.path("status").asString()).isEqualTo("UP");
            assertThat(health.path("details").path("records").asLong()).as("t-1 and the reservation before it")
                .isEqualTo(2);
            assertThat(health.path("details").path("tornTailsTruncated").asInt()).isEqualTo(1);
            assertThat(health.path("details").path("tornTailBytes").asLong()).isPositive();
            assertThat(second.registry().get("trading.journal.torn.tails").functionCounter().count()).isEqualTo(1);
            assertThat(second.get("/api/orders/t-1").status()).isEqualTo(200);
            assertThat(second.get("/api/orders/t-2").status()).isEqualTo(404);
            assertThat(second.getJson("/api/positions").path("positions").get(0).path("quantity").asLong()).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseToStartOverAJournalDamagedBeforeItsEndNamingTheOffset() throws Exception {
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path());
                OrderTestClient client = first.connect()) {
            client.order(order("c-1", "AAPL", Side.BUY, 1, null));
            client.order(order("c-2", "AAPL", Side.BUY, 1, null));
        }
        byte[] damaged = Files.readAllBytes(journal);
        // Inside the first record's payload: the reservation of the first block of order ids, which
        // matters as much as an order (without it a restart could hand those ids out again).
        damaged[JournalDescriptor.HEADER_LENGTH + JournalDescriptor.RECORD_HEADER_LENGTH + 4] ^= 0x04;
        Files.write(journal, damaged);

        assertThatThrownBy(() -> OrderManagerInstance.start(journal, book.path()))
            .rootCause()
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("journal " + journal.toAbsolutePath() + " is corrupt at byte offset "
                + JournalDescriptor.HEADER_LENGTH)
            .hasMessageContaining("refusing to start");
        assertThat(Files.readAllBytes(journal)).as("a refused journal is left for a person").isEqualTo(damaged);
    }

    private static Order order(String clientOrderId, String symbol, Side side, long quantity, String limit) {
        return new Order(clientOrderId, "journal", symbol, side, quantity, limit == null ? Prices.NONE : Prices.parse(limit), 0);
    }
}
