package io.tradingstack.ordermanager.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.ordermanager.store.OrderPage;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Order ids against a store that only records the reservations: each id is covered by a
 * reservation appended before it was handed out, one reservation serves a block, and once a
 * commit fails only what the last working commit reserved is handed out.
 */
class OrderIdsTest {

    private static final long BLOCK = 10;

    private final ReservingStore store = new ReservingStore(41);
    private final OrderIds ids = new OrderIds(store, BLOCK);

    @Test
    void shouldReserveAheadBeforeHandingOutAnIdAndWriteOneReservationPerBlock() {
        Set<Long> handedOut = new HashSet<>();
        long previous = 41;
        for (int i = 0; i < 1_000; i++) {
            long id = ids.next();
            assertThat(id).as("above every id before, this run's and the journal's").isGreaterThan(previous);
            assertThat(handedOut.add(id)).isTrue();
            assertThat(store.highestReservation()).as("a block at least reserved above id " + id)
                .isGreaterThanOrEqualTo(id + BLOCK);
            previous = id;
            if (i % 7 == 6) {
                ids.sealed();
                ids.committed(true); // batches of seven orders
                assertThat(ids.isDurable(id)).isTrue();
            }
        }
        assertThat(store.reservations).as("one reservation per block, not per order")
            .hasSizeBetween(1_000 / (int) (BLOCK + 1), 1_000 / (int) BLOCK + 1);
    }

    @Test
    void shouldHandOutOnlyWhatTheLastWorkingCommitReservedOnceACommitFailed() {
        assertThat(ids.next()).isEqualTo(42);
        ids.sealed();
        ids.committed(true);
        long durable = store.highestReservation();
        List<Long> failingBatch = List.of(ids.next(), ids.next(), ids.next());
        ids.sealed();
        ids.committed(false);

        assertThat(failingBatch).as("covered by the last working commit").allMatch(ids::isDurable);
        List<Long> whileFailed = new ArrayList<>();
        for (long id = ids.next(); id != OrderIds.NONE; id = ids.next()) {
            whileFailed.add(id);
            assertThat(whileFailed.size()).as("the rest of the reservation, then none").isLessThan(1_000);
        }
        assertThat(whileFailed).as("a block less the failing batch, at least, left for the rejections")
            .hasSizeGreaterThanOrEqualTo((int) BLOCK - failingBatch.size());
        assertThat(whileFailed.get(0)).isEqualTo(46);
        assertThat(whileFailed.get(whileFailed.size() - 1)).as("up to the reservation, not beyond").isEqualTo(durable);
        assertThat(whileFailed).allMatch(ids::isDurable);
        assertThat(ids.next()).as("still none: nothing more is reserved").isEqualTo(OrderIds.NONE);
        assertThat(store.reservations).as("no reservation appended to a failed journal").hasSize(1);
    }

    @Test
    void shouldKeepTheReservationOfAFailedCommitInDoubtButTheIdsOfItsBatchCovered() {
        ids.next();
        ids.sealed();
        ids.committed(true);
        List<Long> failingBatch = new ArrayList<>();
        while (store.reservations.size() < 2) { // until the batch carries the next reservation
            failingBatch.add(ids.next());
        }
        ids.sealed();
        ids.committed(false);

        assertThat(failingBatch).as("reserved ahead: covered by the reservation before").allMatch(ids::isDurable);
        assertThat(ids.isDurable(store.highestReservation())).as("the failed commit's reservation is in doubt").isFalse();
        long last = failingBatch.get(failingBatch.size() - 1);
        for (long id = ids.next(); id != OrderIds.NONE; id = ids.next()) {
            assertThat(id).isEqualTo(++last);
            assertThat(ids.isDurable(id)).isTrue();
        }
    }

    @Test
    void shouldNotAnswerWithAnIdOfAFirstBatchWhoseCommitFailed() {
        long id = ids.next();
        ids.sealed();
        ids.committed(false);

        assertThat(ids.isDurable(id)).as("its reservation was in the failed commit").isFalse();
        assertThat(ids.isDurable(41)).as("ids the journal held before").isTrue();
        assertThat(ids.next()).isEqualTo(OrderIds.NONE);
    }

    @Test
    void shouldMakeDurableOnlyWhatWasReservedBeforeTheCommitWasSealed() {
        ids.next();
        ids.sealed();
        List<Long> decidedWhileWriting = new ArrayList<>();
        while (store.reservations.size() < 2) { // decided while the sealed batch is written: the next reservation
            decidedWhileWriting.add(ids.next());
        }
        ids.committed(true);

        assertThat(ids.isDurable(store.highestReservation())).as("appended after the seal: the next commit's").isFalse();
        ids.sealed();
        ids.committed(true);
        assertThat(ids.isDurable(store.highestReservation())).isTrue();
        assertThat(decidedWhileWriting).allMatch(ids::isDurable);
    }

    @Test
    void shouldRefuseABlockBelowOne() {
        assertThatThrownBy(() -> new OrderIds(store, 0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("orderIdBlock=0");
    }

    /** Records reservations; holds no orders. */
    private static final class ReservingStore implements OrderStore {

        final List<Long> reservations = new ArrayList<>();
        private final long lastOrderId;

        ReservingStore(long lastOrderId) {
            this.lastOrderId = lastOrderId;
        }

        long highestReservation() {
            return reservations.isEmpty() ? lastOrderId : reservations.get(reservations.size() - 1);
        }

        @Override
        public void reserveOrderIds(long upTo) {
            assertThat(upTo).as("reservations only grow").isGreaterThan(highestReservation());
            reservations.add(upTo);
        }

        @Override
        public long lastOrderId() {
            return lastOrderId;
        }

        @Override
        public void append(OrderRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OrderRecord find(String clientOrderId) {
            return null;
        }

        @Override
        public OrderPage latestFirst(int page, int size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long count() {
            return 0;
        }
    }
}
