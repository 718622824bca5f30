package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.FaultyJournalChannel;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.journal.JournaledOrderStore;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is answered before the journal has forced it, orders that arrive while a flush is under
 * way are decided at once (no decision waits for another connection's fsync) and share the next
 * flush: a channel whose fsync waits for the test holds the first order's commit while five more
 * connections send theirs.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class JournalBatchingServiceTest {

    private static final int WAITING = 5;

    @TempDir
    Path directory;

    @Test
    void shouldAnswerOnlyAfterTheFsyncAndCommitWhatArrivedTogetherOnce() throws Exception {
        FaultyJournalChannel.Faults disk = new FaultyJournalChannel.Faults();
        try (TestPriceBook book = TestPriceBook.create(directory.resolve("pricebook.dat")).quote("AAPL", "100.00", "100.02");
                OrderManagerInstance manager = OrderManagerInstance.start(directory.resolve("orders.journal"), book.path(),
                    FaultyJournalChannel.factory(disk))) {
            JournaledOrderStore store = manager.bean(JournaledOrderStore.class);
            OrderEntry entry = manager.bean(OrderEntry.class);
            int forcesBefore = disk.forces();
            disk.holdForces();
            List<OrderTestClient> clients = new ArrayList<>();
            try {
                OrderTestClient first = manager.connect();
                clients.add(first);
                first.send(order("gated-0"));
                assertThat(disk.awaitForceHeld(10, TimeUnit.SECONDS)).as("the first commit is forcing").isTrue();
                for (int i = 1; i <= WAITING; i++) {
                    OrderTestClient client = manager.connect();
                    clients.add(client);
                    client.send(order("gated-" + i));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (entry.awaitingCommit() < 1 + WAITING) {
                    assertThat(System.nanoTime()).as("five orders decided while the first one's flush is under way")
                        .isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(first.isSilentFor(200)).as("no answer before the fsync returned").isTrue();
                assertThat(store.find("gated-0")).as("not shown as stored either").isNull();

                disk.releaseForces();
                for (OrderTestClient client : clients) {
                    Execution execution = client.readExecution();
                    assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
                }
            } finally {
                for (OrderTestClient client : clients) {
                    client.close();
                }
            }
            assertThat(store.count()).isEqualTo(1 + WAITING);
            assertThat(store.journal().records()).as("the orders and, in the first commit, the reservation of their ids")
                .isEqualTo(1 + WAITING + 1);
            assertThat(store.journal().commits()).as("the first order alone, then the five together").isEqualTo(2);
            assertThat(disk.forces() - forcesBefore).isEqualTo(2);
        }
    }

    private static Order order(String clientOrderId) {
        return new Order(clientOrderId, "batching", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }
}
