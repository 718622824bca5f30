package io.tradingstack.ordermanager.journal;

import static io.tradingstack.ordermanager.journal.OrderRecordCodecTest.filled;
import static io.tradingstack.ordermanager.journal.OrderRecordCodecTest.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.journal.FaultyJournalChannel;
import io.tradingstack.journal.FlushPolicy;
import io.tradingstack.journal.Journal;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.journal.JournalCorruptedException;
import io.tradingstack.ordermanager.store.OrderRecord;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store behind the journal, without the service: what is visible before and after a commit,
 * what a restart replays, and what a failed commit leaves in doubt.
 */
class JournaledOrderStoreTest {

    @TempDir
    Path directory;

    private final FaultyJournalChannel.Faults faults = new FaultyJournalChannel.Faults();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldShowAnOrderToOtherThreadsOnlyOnceItsBatchIsCommitted() throws IOException {
        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            OrderRecord order = filled("c-1", 1);
            store.append(order);

            assertThat(store.decided("c-1")).as("the engine sees its batch").isEqualTo(order);
            assertThat(store.find("c-1")).as("REST does not, before the commit").isNull();
            assertThat(store.count()).isZero();

            assertThat(store.commit()).isTrue();
            assertThat(store.find("c-1")).isEqualTo(order);
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.journal().records()).isEqualTo(1);
            assertThat(registry.get("trading.journal.write").timer().count()).isEqualTo(1);
            assertThatThrownBy(() -> store.append(filled("c-1", 2))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldReplayEveryCommittedOrderInOrderAfterARestart() throws IOException {
        List<OrderRecord> written = List.of(filled("c-1", 1), rejected("c-2", 2), filled("c-3", 7));
        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            store.append(written.get(0));
            store.commit();
            store.append(written.get(1));
            store.append(written.get(2));
            store.commit();
            store.append(filled("never-committed", 8));
        }

        List<OrderRecord> replayed = new ArrayList<>();
        try (JournaledOrderStore store = open(JournalChannel.files(), replayed)) {
            assertThat(replayed).containsExactlyElementsOf(written);
            assertThat(store.lastOrderId()).isEqualTo(7);
            assertThat(store.find("c-2")).isEqualTo(written.get(1));
            assertThat(store.find("never-committed")).isNull();
            assertThat(store.latestFirst(0, 10).items()).containsExactly(written.get(2), written.get(1), written.get(0));
        }
    }

    @Test
    void shouldPutTheFailingBatchInDoubtAndTakeNothingMoreWhenAWriteFails() throws IOException {
        try (JournaledOrderStore store = open(FaultyJournalChannel.factory(faults), new ArrayList<>())) {
            store.append(filled("stored", 1));
            store.commit();
            faults.failWrites();
            store.append(filled("doubt-1", 2));
            store.append(rejected("doubt-2", 3));

            assertThat(store.commit()).isFalse();

            assertThat(store.unavailableReason()).contains("injected write failure");
            assertThat(store.inDoubt("doubt-1")).isEqualTo(filled("doubt-1", 2));
            assertThat(store.inDoubt("doubt-2")).isNotNull();
            assertThat(store.inDoubt("stored")).isNull();
            assertThat(store.inDoubtCount()).isEqualTo(2);
            assertThat(store.find("doubt-1")).as("never shown as stored").isNull();
            assertThat(store.decided("doubt-1")).isNull();
            assertThat(store.find("stored")).isNotNull();
            assertThat(store.commit()).isFalse();
            assertThatThrownBy(() -> store.append(filled("later", 4))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldContinueAboveTheHighestCommittedReservationAfterARestart() throws IOException {
        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            store.reserveOrderIds(50);
            store.append(filled("c-1", 1));
            assertThat(store.reservedOrderIds()).as("not before the commit").isZero();
            store.commit();
            assertThat(store.reservedOrderIds()).isEqualTo(50);
            store.reserveOrderIds(90); // never committed: never answered either
        }

        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            assertThat(store.lastOrderId()).as("above the reservation, not just the order").isEqualTo(50);
            assertThat(store.reservedOrderIds()).isEqualTo(50);
            assertThat(store.reservationRecords()).isEqualTo(1);
            assertThat(store.count()).as("a reservation is no order").isEqualTo(1);
            assertThat(store.journal().records()).isEqualTo(2);
        }
    }

    @Test
    void shouldContinueAboveTheReservationBeforeATornLastReservation() throws IOException {
        Path path = directory.resolve("orders.journal");
        long sizeBefore;
        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            store.reserveOrderIds(20);
            store.append(filled("c-1", 1));
            store.commit();
            sizeBefore = Files.size(path);
            store.reserveOrderIds(40);
            store.commit();
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(sizeBefore + 6); // a crash cut the last reservation's write
        }

        try (JournaledOrderStore store = open(JournalChannel.files(), new ArrayList<>())) {
            assertThat(store.journal().recovery().tornTail()).isTrue();
            assertThat(store.lastOrderId()).isEqualTo(20);
            assertThat(store.reservationRecords()).isEqualTo(1);
        }
    }

    @Test
    void shouldLeaveTheReservationOfAFailedCommitOutAndReserveNothingAfterIt() throws IOException {
        try (JournaledOrderStore store = open(FaultyJournalChannel.factory(faults), new ArrayList<>())) {
            store.reserveOrderIds(10);
            store.commit();
            faults.failForces();
            store.reserveOrderIds(30);
            store.append(filled("doubt", 2));

            assertThat(store.commit()).isFalse();

            assertThat(store.reservedOrderIds()).as("only what a commit that worked holds").isEqualTo(10);
            assertThat(store.reservationRecords()).isEqualTo(1);
            assertThatThrownBy(() -> store.reserveOrderIds(50)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unavailable");
        }
    }

    @Test
    void shouldRefuseToOpenAJournalWhoseRecordIsNoOrder() throws IOException {
        Path path = directory.resolve("orders.journal");
        try (Journal journal = Journal.open(path, FlushPolicy.BATCH, JournalChannel.files(),
                (offset, bytes, from, length) -> {
                })) {
            journal.append("not an order record".getBytes(StandardCharsets.US_ASCII));
            journal.commit();
        }

        assertThatThrownBy(() -> open(JournalChannel.files(), new ArrayList<>()))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("corrupt at byte offset 12");
        assertThat(Files.size(path)).as("left as it was").isGreaterThan(12);
    }

    private JournaledOrderStore open(JournalChannel.Factory channels, List<OrderRecord> replayed) throws IOException {
        return JournaledOrderStore.open(directory.resolve("orders.journal"), FlushPolicy.BATCH, channels, replayed::add,
            registry);
    }
}
