package io.tradingstack.ordermanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.journal.JournalChannel;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.journal.JournaledOrderStore;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.ExecutionStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is answered before the journal has forced it, and orders that arrive while a flush
 * is under way share the next one: a channel whose fsync waits for the test holds the first
 * order's commit while five more connections queue theirs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalBatchingServiceTest {

    private static final int WAITING = 5;

    @TempDir
    Path directory;

    @Test
    void shouldAnswerOnlyAfterTheFsyncAndCommitWhatArrivedTogetherOnce() throws Exception {
        GatedForce gate = new GatedForce();
        try (TestPriceBook book = TestPriceBook.create(directory.resolve("pricebook.dat")).quote("AAPL", "100.00", "100.02");
                OrderManagerInstance manager = OrderManagerInstance.start(directory.resolve("orders.journal"), book.path(),
                    gate::open)) {
            JournaledOrderStore store = manager.bean(JournaledOrderStore.class);
            OrderEntry entry = manager.bean(OrderEntry.class);
            gate.arm();
            List<OrderTestClient> clients = new ArrayList<>();
            try {
                OrderTestClient first = manager.connect();
                clients.add(first);
                first.send(order("gated-0"));
                assertThat(gate.entered.await(10, TimeUnit.SECONDS)).as("the first commit is forcing").isTrue();
                for (int i = 1; i <= WAITING; i++) {
                    OrderTestClient client = manager.connect();
                    clients.add(client);
                    client.send(order("gated-" + i));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (entry.queued() < WAITING) {
                    assertThat(System.nanoTime()).as("five orders queued behind the flush").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                assertThat(first.isSilentFor(200)).as("no answer before the fsync returned").isTrue();
                assertThat(store.find("gated-0")).as("not shown as stored either").isNull();

                gate.release.countDown();
                for (OrderTestClient client : clients) {
                    Execution execution = client.readExecution();
                    assertThat(execution.status()).isEqualTo(ExecutionStatus.FILLED);
                }
            } finally {
                for (OrderTestClient client : clients) {
                    client.close();
                }
            }
            assertThat(store.journal().records()).isEqualTo(1 + WAITING);
            assertThat(store.journal().commits()).as("the first order alone, then the five together").isEqualTo(2);
            assertThat(gate.forces.get()).isEqualTo(2);
        }
    }

    private static Order order(String clientOrderId) {
        return new Order(clientOrderId, "batching", "AAPL", Side.BUY, 1, Prices.NONE, 0);
    }

    /** Journal files whose fsync, once armed, waits for the test the first time. */
    private static final class GatedForce {
        final AtomicBoolean armed = new AtomicBoolean();
        final AtomicInteger forces = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        void arm() {
            armed.set(true);
        }

        JournalChannel open(Path path) throws IOException {
            JournalChannel file = JournalChannel.files().open(path);
            return new JournalChannel() {
                @Override
                public int write(ByteBuffer src, long position) throws IOException {
                    return file.write(src, position);
                }

                @Override
                public int read(ByteBuffer dst, long position) throws IOException {
                    return file.read(dst, position);
                }

                @Override
                public void force() throws IOException {
                    if (armed.get()) {
                        forces.incrementAndGet();
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IOException("interrupted while the test held the fsync", e);
                        }
                    }
                    file.force();
                }

                @Override
                public void truncate(long size) throws IOException {
                    file.truncate(size);
                }

                @Override
                public long size() throws IOException {
                    return file.size();
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }
    }
}
