package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.FaultyJournalChannel;
import io.tradingstack.ordermanager.journal.JournalFiles;
import io.tradingstack.protocol.ErrorFrame;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Logon;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * No order id is answered twice over the life of a journal: not across a journal failure and the
 * rejections that follow it (each needs an id, none can be journaled), not when the failing commit
 * carried the reservation of a refusal's id, not across restarts that used up several blocks of
 * reserved ids, not when a crash tore the last reservation. Every order
 * id answered is collected, before and after each restart, and checked unique and rising. Blocks
 * of {@value #BLOCK} ids, so that a few dozen orders use several up.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class OrderIdServiceTest extends JournaledServiceTest {

    private static final int BLOCK = 8;
    private static final String STRATEGY = "ids";
    private static final String BLOCK_PROPERTY = "trading.order-manager.journal.order-id-block=" + BLOCK;

    private int sequence;

    @ParameterizedTest
    @ValueSource(strings = {"write", "fsync"})
    void shouldNeverGiveAnOrderIdTwiceAcrossAJournalFailureItsRejectionsAndARestart(String fault) throws Exception {
        FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();
        List<Long> before = new ArrayList<>();
        Order inDoubt = order("doubt");
        try (OrderManagerInstance failing = OrderManagerInstance.start(journal, book.path(),
                FaultyJournalChannel.factory(faults), BLOCK_PROPERTY)) {
            try (OrderTestClient client = loggedOn(failing)) {
                before.add(filled(client.order(order("healthy"))));
                before.add(rejected(client.order(otherStrategy("mismatch")), RejectReason.STRATEGY_MISMATCH));
                before.add(rejected(undecodable(client, "undecodable"), RejectReason.UNKNOWN_SIDE));
            }
            if (fault.equals("write")) {
                faults.failWrites();
            } else {
                faults.failForces();
            }
            try (OrderTestClient client = loggedOn(failing)) {
                client.send(inDoubt);
                assertJournalUnavailableAndClosed(client, "may or may not be stored");
            }

            // Rejections of every kind that needs a new id, until the ids the journal holds reserved run out.
            int answeredWhileFailed = 0;
            try (OrderTestClient client = loggedOn(failing)) {
                Message answer;
                for (int kind = 0; ; kind = (kind + 1) % 3) {
                    answer = switch (kind) {
                        case 0 -> send(client, order("unavailable"));
                        case 1 -> send(client, otherStrategy("mismatch"));
                        default -> undecodable(client, "undecodable");
                    };
                    if (!(answer instanceof Execution)) {
                        break;
                    }
                    before.add(rejected(answer, kind == 0 ? RejectReason.JOURNAL_UNAVAILABLE
                        : kind == 1 ? RejectReason.STRATEGY_MISMATCH : RejectReason.UNKNOWN_SIDE));
                    answeredWhileFailed++;
                    assertThat(answeredWhileFailed).as("the reserved ids run out").isLessThan(10 * BLOCK);
                }
                assertThat(answer).isInstanceOf(ErrorFrame.class);
                assertNoOrderIdLeft((ErrorFrame) answer);
                assertThat(client.isClosedByServer()).isTrue();
            }
            assertThat(answeredWhileFailed).as("a block less the failing batch (one order) left for rejections")
                .isGreaterThanOrEqualTo(BLOCK - 1);
            try (OrderTestClient client = loggedOn(failing)) {
                client.send(order("still-none"));
                assertJournalUnavailableAndClosed(client, "no order id left");
            }

            JsonNode health = failing.get("/actuator/health").body().path("components").path("journal").path("details");
            assertThat(health.path("orderIdsReservedUpTo").asLong()).as("every id the journal holds reserved, used")
                .isEqualTo(Collections.max(before));
            awaitCount(failing, "trading.journal.order.ids.exhausted", 2);
            awaitCount(failing, "trading.journal.in.doubt", 1);
        }

        List<Long> after = new ArrayList<>();
        Execution retried;
        try (OrderManagerInstance restarted = OrderManagerInstance.start(journal, book.path(), BLOCK_PROPERTY);
                OrderTestClient client = loggedOn(restarted)) {
            after.add(filled(client.order(order("restarted"))));
            after.add(rejected(client.order(otherStrategy("mismatch")), RejectReason.STRATEGY_MISMATCH));
            after.add(rejected(undecodable(client, "undecodable"), RejectReason.UNKNOWN_SIDE));
            // On disk after a failed fsync (its id from before the failure, never answered), not after a failed write.
            retried = client.order(inDoubt);
        }

        assertThat(after).as("above every id answered before the restart, " + before)
            .allMatch(id -> id > Collections.max(before));
        List<Long> all = new ArrayList<>(before);
        all.addAll(after);
        all.add(retried.orderId());
        assertThat(all).as("every order id answered").doesNotHaveDuplicates();
    }

    @Test
    void shouldContinueAboveEveryEarlierIdAfterARestartThatUsedUpSeveralBlocks() throws Exception {
        List<Long> earlier = new ArrayList<>();
        for (int run = 1; run <= 2; run++) {
            List<Long> ids = new ArrayList<>();
            try (OrderManagerInstance manager = OrderManagerInstance.start(journal, book.path(), BLOCK_PROPERTY);
                    OrderTestClient client = loggedOn(manager)) {
                for (int i = 0; i < 3 * BLOCK + 1; i++) {
                    ids.add(i % 4 == 3 ? rejected(undecodable(client, "undecodable"), RejectReason.UNKNOWN_SIDE)
                        : filled(client.order(order("run-" + run))));
                }
                JsonNode health = manager.getJson("/actuator/health").path("components").path("journal").path("details");
                long orders = manager.getJson("/api/orders?size=1").path("total").asLong();
                long reservations = health.path("orderIdReservations").asLong();
                assertThat(health.path("records").asLong()).as("orders and reservations, nothing else")
                    .isEqualTo(orders + reservations);
                assertThat(reservations).as("one reservation per block of ids handed out (and one at each start)")
                    .isPositive()
                    .isLessThanOrEqualTo((earlier.size() + ids.size()) / BLOCK + run);
            }
            assertThat(ids).as("run " + run).isSorted().doesNotHaveDuplicates();
            if (!earlier.isEmpty()) {
                assertThat(ids.get(0)).as("run " + run + " starts above every earlier id").isGreaterThan(Collections.max(earlier));
            }
            earlier.addAll(ids);
        }
        assertThat(earlier).hasSize(2 * (3 * BLOCK + 1)).doesNotHaveDuplicates();
    }

    @Test
    void shouldNeverHandOutAgainAnIdAnsweredBeforeATornLastReservation() throws Exception {
        List<Long> before = new ArrayList<>();
        int orders = 2 * BLOCK + 4;
        try (OrderManagerInstance first = OrderManagerInstance.start(journal, book.path(), BLOCK_PROPERTY);
                OrderTestClient client = loggedOn(first)) {
            for (int i = 0; i < orders; i++) {
                before.add(filled(client.order(order("torn"))));
            }
        }
        long cut = JournalFiles.lastReservationOffset(journal) + 5; // a crash while the reservation was written
        try (RandomAccessFile file = new RandomAccessFile(journal.toFile(), "rw")) {
            file.setLength(cut);
        }

        try (OrderManagerInstance second = OrderManagerInstance.start(journal, book.path(), BLOCK_PROPERTY);
                OrderTestClient client = loggedOn(second)) {
            JsonNode health = second.getJson("/actuator/health").path("components").path("journal").path("details");
            assertThat(health.path("tornTailsTruncated").asInt()).isEqualTo(1);
            assertThat(second.getJson("/api/orders?size=1").path("total").asLong())
                .as("the orders after the torn reservation went with it").isLessThan(orders);
            List<Long> after = new ArrayList<>();
            for (int i = 0; i < BLOCK + 1; i++) {
                after.add(filled(client.order(order("after"))));
            }
            assertThat(after).as("above every id answered before, those of the lost orders too: " + before)
                .allMatch(id -> id > Collections.max(before));
        }
    }

    @Test
    void shouldNotAnswerARefusalWithAnIdWhoseReservationFailedWithItsBatch() throws Exception {
        FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();
        try (OrderManagerInstance failing = OrderManagerInstance.start(journal, book.path(),
                FaultyJournalChannel.factory(faults), BLOCK_PROPERTY)) {
            faults.failWrites();
            try (OrderTestClient client = loggedOn(failing)) {
                // The first id of the run: its batch carries the first reservation, whose write fails.
                Message answer = undecodable(client, "first");
                assertThat(answer).as("no execution under an id the journal never reserved").isInstanceOf(ErrorFrame.class);
                assertNoOrderIdLeft((ErrorFrame) answer);
                assertThat(client.isClosedByServer()).isTrue();
            }
            awaitCount(failing, "trading.journal.order.ids.exhausted", 1);
        }
    }

    private static void assertJournalUnavailableAndClosed(OrderTestClient client, String detail) throws IOException {
        ErrorFrame error = client.readError();
        assertThat(error.reason()).isEqualTo("JOURNAL_UNAVAILABLE");
        assertThat(error.detail()).contains(detail).contains("clientOrderId");
        assertThat(client.isClosedByServer()).isTrue();
    }

    /** Waits for a counter: the connection's thread counts a frame after it has closed the connection. */
    private static void awaitCount(OrderManagerInstance manager, String counter, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (manager.registry().get(counter).counter().count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(manager.registry().get(counter).counter().count()).as(counter).isEqualTo(expected);
    }

    private static void assertNoOrderIdLeft(ErrorFrame error) {
        assertThat(error.reason()).isEqualTo("JOURNAL_UNAVAILABLE");
        assertThat(error.detail()).contains("no order id left").contains("clientOrderId");
    }

    private static long filled(Execution execution) {
        assertThat(execution.status()).as("%s", execution).isEqualTo(ExecutionStatus.FILLED);
        return execution.orderId();
    }

    private static long rejected(Message answer, RejectReason reason) {
        assertThat(answer).isInstanceOf(Execution.class);
        Execution execution = (Execution) answer;
        OrderValidationServiceTest.assertRejected(execution, reason);
        return execution.orderId();
    }

    private static OrderTestClient loggedOn(OrderManagerInstance manager) throws IOException {
        OrderTestClient client = manager.connect();
        client.send(new Logon(STRATEGY, "any")); // no tokens configured: accepted, binds the connection, no reply
        return client;
    }

    private static Message send(OrderTestClient client, Order order) throws IOException {
        client.send(order);
        return client.read();
    }

    /** An order frame whose side does not decode: REJECTED under a new id, stored nowhere. */
    private Message undecodable(OrderTestClient client, String prefix) throws IOException {
        client.sendPayload("{\"type\":\"order\",\"clientOrderId\":\"" + prefix + "-" + ++sequence + "\",\"strategyId\":\""
            + STRATEGY + "\",\"symbol\":\"AAPL\",\"side\":\"HOLD\",\"quantity\":1}");
        return client.read();
    }

    private Order order(String prefix) {
        return new Order(prefix + "-" + ++sequence, STRATEGY, "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }

    /** An order for another strategy than the connection logged on as: STRATEGY_MISMATCH under a new id. */
    private Order otherStrategy(String prefix) {
        return new Order(prefix + "-" + ++sequence, "someone-else", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }
}
