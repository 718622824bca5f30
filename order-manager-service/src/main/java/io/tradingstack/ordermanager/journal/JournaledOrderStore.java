package io.tradingstack.ordermanager.journal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tradingstack.journal.FlushPolicy;
import io.tradingstack.journal.Journal;
import io.tradingstack.journal.JournalChannel;
import io.tradingstack.journal.JournalFailedException;
import io.tradingstack.journal.Recovery;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.ordermanager.halt.TradingState;
import io.tradingstack.ordermanager.store.InMemoryOrderStore;
import io.tradingstack.ordermanager.store.OrderPage;
import io.tradingstack.ordermanager.store.OrderRecord;
import io.tradingstack.ordermanager.store.OrderStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order store behind the journal: every decided order is a journal record, made
 * durable at the engine's commit before any order of the batch is answered, and only then put in
 * the in-memory index that REST and repeated orders read. Opening replays the journal into the
 * index (and, through the caller, into the positions).
 *
 * <p>Besides the orders, the journal holds the engine's order-id reservations ("every id up to N
 * may be handed out"), committed with the batch they were appended to: opening continues the
 * order ids above the highest reservation or order, so no id is handed out twice.
 *
 * <p>It holds the kill switch's switches too (halted or released, by whom, when, why): opening
 * gives the last one to the engine, so a halt survives a restart.
 *
 * <p>When a commit fails the journal is failed for good, and this store with it: the orders of
 * the failing batch are in doubt (they may or may not be in the file), kept aside so that a
 * repeat of one is never answered from memory; everything committed before stays readable and
 * answerable; nothing new is appended or reserved until a restart replays whatever the file holds.
 *
 * <p>A commit has three steps, so that orders are decided while the previous batch is forced:
 * {@link #sealBatch()} closes what was appended, {@link #writeSealed()} writes and forces it (the
 * only step without the engine's lock, on the one committing thread), and
 * {@link #completeCommit(boolean)} makes it visible, or in doubt. {@link #commit()} runs all three.
 *
 * <p>Under the order engine's lock: append, reserveOrderIds, appendTradingState, sealBatch,
 * completeCommit, commit, decided, inDoubt, lastOrderId. The committing thread: writeSealed. Any
 * thread: find, pages, count, health.
 */
public final class JournaledOrderStore implements OrderStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JournaledOrderStore.class);

    private final Journal journal;
    private final InMemoryOrderStore index;
    private final Timer commits;
    private final OrderRecordCodec codec = new OrderRecordCodec();
    /** Appended since the last seal, in order; under the engine's lock. */
    private Map<String, OrderRecord> batch = new LinkedHashMap<>();
    /** Sealed and being written; under the engine's lock (the writing thread does not touch it). */
    private Map<String, OrderRecord> sealed = new LinkedHashMap<>();
    /** The failure of the last {@link #writeSealed()}: the committing thread, then completeCommit under the lock. */
    private JournalFailedException writeFailure;
    /** The batches whose commit failed, and whatever was appended after; under the engine's lock. */
    private final Map<String, OrderRecord> inDoubt = new HashMap<>();
    /** Volatile: set once by the engine when the journal fails, read by health and REST threads. */
    private volatile String unavailableReason;
    private volatile int inDoubtCount;
    /**
     * Volatile, for health: the highest order id the file holds reserved or stored. Written at open
     * and by the engine at each commit that worked.
     */
    private volatile long reservedOrderIds;
    /** Volatile, for health: order-id reservation records in the file. */
    private volatile long reservationRecords;
    /** The highest order id reserved since the last seal, 0 when none; under the engine's lock. */
    private long pendingReservedOrderIds;
    /** Reservations appended since the last seal; under the engine's lock. */
    private int pendingReservations;
    /** The same two of the sealed batch; under the engine's lock. */
    private long sealedReservedOrderIds;
    private int sealedReservations;
    /** The last kill-switch record the journal held when it was opened. */
    private final TradingState openedTradingState;
    /** Kill-switch records appended since the last seal, and in the sealed batch; under the engine's lock. */
    private int pendingSwitches;
    private int sealedSwitches;

    private JournaledOrderStore(Journal journal, InMemoryOrderStore index, long reservedOrderIds, long reservationRecords,
            TradingState openedTradingState, MeterRegistry registry) {
        this.journal = journal;
        this.openedTradingState = openedTradingState;
        this.index = index;
        this.reservedOrderIds = reservedOrderIds;
        this.reservationRecords = reservationRecords;
        this.commits = Timer.builder(TradingMetric.JOURNAL_WRITE.metricName())
            .description(TradingMetric.JOURNAL_WRITE.description())
            .register(registry);
    }

    /**
     * Opens the journal, creating it when missing, and replays it: every record goes into the
     * index and to {@code replayed} (the positions), in file order. Logs once what it found.
     *
     * @throws io.tradingstack.journal.JournalCorruptedException when the journal is damaged before
     *                                                            its end: the service must not start
     */
    public static JournaledOrderStore open(Path path, FlushPolicy policy, JournalChannel.Factory channels,
            Consumer<OrderRecord> replayed, MeterRegistry registry) throws IOException {
        long started = System.nanoTime();
        InMemoryOrderStore index = new InMemoryOrderStore();
        OrderRecordCodec reader = new OrderRecordCodec();
        long[] reservations = {0, 0}; // the highest reserved id, the reservation records
        TradingState[] trading = {TradingState.RUNNING};
        Journal journal = Journal.open(path, policy, channels, (offset, bytes, from, length) -> {
            if (OrderRecordCodec.isTradingState(bytes, from, length)) {
                trading[0] = OrderRecordCodec.tradingState(bytes, from, length);
                return;
            }
            if (OrderRecordCodec.isReservation(bytes, from, length)) {
                reservations[0] = Math.max(reservations[0], OrderRecordCodec.reservedUpTo(bytes, from, length));
                reservations[1]++;
                return;
            }
            OrderRecord record = reader.decode(bytes, from, length);
            index.append(record); // a clientOrderId twice is refused here, at this record's offset
            replayed.accept(record);
        });
        Recovery recovery = journal.recovery();
        long reservedOrderIds = Math.max(index.lastOrderId(), reservations[0]);
        log.info("Journal {} opened: flushPolicy={}, {} orders and {} order-id reservations replayed ({} bytes), {},"
            + " order ids reserved up to {} (new ones continue above), trading {}, in {} ms",
            journal.path(), policy, index.count(), reservations[1], recovery.bytes(),
            recovery.tornTail() ? "torn last record truncated (" + recovery.tornTailBytes() + " bytes)" : "no torn tail",
            reservedOrderIds, trading[0].halted() ? "HALTED (" + trading[0].describe() + ")" : "running",
            Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new JournaledOrderStore(journal, index, reservedOrderIds, reservations[1], trading[0], registry);
    }

    @Override
    public void append(OrderRecord record) {
        if (unavailableReason != null) {
            throw new IllegalStateException("the journal is unavailable: " + unavailableReason);
        }
        if (decided(record.clientOrderId()) != null) {
            throw new IllegalStateException("clientOrderId=" + record.clientOrderId() + " is stored already");
        }
        int length = codec.encode(record);
        appendToJournal(length);
        batch.put(record.clientOrderId(), record);
    }

    /**
     * Appends the codec's buffer. The write of the sealed batch may fail on the committing thread
     * at any moment, and the journal then refuses appends; what is appended meanwhile is in doubt
     * like that batch, which the next completeCommit settles, so the refusal is not an error here.
     */
    private void appendToJournal(int length) {
        try {
            journal.append(codec.buffer(), 0, length);
        } catch (JournalFailedException e) {
            // in doubt from the next completeCommit on; never answered with its decision
        }
    }

    /** Appends a reservation record to the batch: durable, and covering those ids after a restart, once committed. */
    @Override
    public void reserveOrderIds(long upTo) {
        if (unavailableReason != null) {
            throw new IllegalStateException("the journal is unavailable: " + unavailableReason);
        }
        appendToJournal(codec.encodeReservation(upTo));
        pendingReservedOrderIds = Math.max(pendingReservedOrderIds, upTo);
        pendingReservations++;
    }

    /** Appends a switch of the kill switch to the batch: the state a restart comes up in, once committed. */
    @Override
    public void appendTradingState(TradingState state) {
        if (unavailableReason != null) {
            throw new IllegalStateException("the journal is unavailable: " + unavailableReason);
        }
        appendToJournal(codec.encodeTradingState(state));
        pendingSwitches++;
    }

    @Override
    public TradingState openedTradingState() {
        return openedTradingState;
    }

    @Override
    public void sealBatch() {
        if (unavailableReason != null || sealed.size() + sealedReservations + sealedSwitches != 0) {
            return; // failed: completeCommit settles what is left; or the last sealed batch is not complete yet
        }
        try {
            journal.seal();
        } catch (JournalFailedException e) {
            return; // the write of the last batch failed just now: completeCommit puts this one in doubt
        }
        Map<String, OrderRecord> closing = batch;
        batch = sealed;
        sealed = closing;
        sealedReservedOrderIds = pendingReservedOrderIds;
        sealedReservations = pendingReservations;
        sealedSwitches = pendingSwitches;
        pendingReservedOrderIds = 0;
        pendingReservations = 0;
        pendingSwitches = 0;
    }

    @Override
    public boolean writeSealed() {
        long start = System.nanoTime();
        try {
            journal.writeSealed();
        } catch (JournalFailedException e) {
            writeFailure = e;
            return false;
        }
        commits.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return true;
    }

    @Override
    public boolean completeCommit(boolean written) {
        if (unavailableReason != null) {
            settleInDoubt(); // appended in the moment between the failure and its completion
            return false;
        }
        if (!written) {
            JournalFailedException failure = writeFailure != null ? writeFailure
                : new JournalFailedException("journal " + journal.path() + ": the batch was not written", null);
            writeFailure = null;
            fail(failure);
            return false;
        }
        for (OrderRecord record : sealed.values()) {
            index.append(record);
        }
        sealed.clear();
        sealedSwitches = 0;
        if (sealedReservations > 0) {
            reservedOrderIds = Math.max(reservedOrderIds, sealedReservedOrderIds);
            reservationRecords += sealedReservations; // one writer, the engine's lock holder: no lost update
            sealedReservations = 0;
        }
        return true;
    }

    private void fail(JournalFailedException e) {
        settleInDoubt();
        unavailableReason = e.getMessage();
        log.error("Journal failed: the order manager refuses new orders (REJECTED JOURNAL_UNAVAILABLE) and reports DOWN"
            + " until it is restarted; orders of the failing batch in doubt (answered with error JOURNAL_UNAVAILABLE,"
            + " never with their decision): {}", inDoubtCount, e);
    }

    /** The sealed batch and whatever was appended after it: in doubt, nothing of it counted as stored. */
    private void settleInDoubt() {
        inDoubt.putAll(sealed);
        inDoubt.putAll(batch);
        inDoubtCount = inDoubt.size();
        sealed.clear();
        batch.clear();
        pendingReservations = 0; // in doubt like the orders: only what was committed before counts
        sealedReservations = 0;
        pendingSwitches = 0;
        sealedSwitches = 0;
    }

    @Override
    public OrderRecord find(String clientOrderId) {
        return index.find(clientOrderId);
    }

    @Override
    public OrderRecord decided(String clientOrderId) {
        OrderRecord pending = batch.get(clientOrderId);
        if (pending == null) {
            pending = sealed.get(clientOrderId);
        }
        return pending != null ? pending : index.find(clientOrderId);
    }

    @Override
    public OrderRecord inDoubt(String clientOrderId) {
        return inDoubt.isEmpty() ? null : inDoubt.get(clientOrderId);
    }

    @Override
    public String unavailableReason() {
        return unavailableReason;
    }

    @Override
    public OrderPage latestFirst(int page, int size) {
        return index.latestFirst(page, size);
    }

    @Override
    public long count() {
        return index.count();
    }

    @Override
    public long lastOrderId() {
        return Math.max(index.lastOrderId(), reservedOrderIds);
    }

    /** The highest order id the journal holds reserved (or stored): a restart continues above it. Any thread. */
    public long reservedOrderIds() {
        return reservedOrderIds;
    }

    /** Order-id reservation records in the journal, replayed and committed since. Any thread. */
    public long reservationRecords() {
        return reservationRecords;
    }

    /** Orders of the failed batch, answered with error JOURNAL_UNAVAILABLE; 0 while the journal works. */
    public int inDoubtCount() {
        return inDoubtCount;
    }

    /** The journal, for health and metrics: path, policy, counts, recovery, failure. */
    public Journal journal() {
        return journal;
    }

    /** Closes the journal; what was appended and not committed was never answered. */
    @Override
    public void close() throws IOException {
        journal.close();
    }
}
