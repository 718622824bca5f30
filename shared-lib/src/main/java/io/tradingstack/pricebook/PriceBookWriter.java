package io.tradingstack.pricebook;

import static io.tradingstack.pricebook.PriceBookDescriptor.CAPACITY_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_ASK_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_BID_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_FEED_SEQUENCE_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_TICK_TIMESTAMP_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_UPDATE_TIMESTAMP_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SLOT_VERSION_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.SYMBOL_COUNT_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.WRITER_HEARTBEAT_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.WRITER_OPEN_COUNT_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.WRITER_PID_OFFSET;
import static io.tradingstack.pricebook.PriceBookDescriptor.slotOffset;
import static io.tradingstack.pricebook.PriceBookMapping.INTS;
import static io.tradingstack.pricebook.PriceBookMapping.LONGS;

import io.tradingstack.clock.EpochNanoClock;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The single writer of a price book: registers symbols and publishes prices with a
 * seqlock per slot, lock-free, without allocating on {@link #update}.
 *
 * <p>Only one thread may write: the owner is captured on the first {@link #update} and checked
 * with {@code assert} by {@code update} and {@link #register}. Registrations before the first
 * update may come from a start-up thread that hands the writer over (e.g. via
 * {@code Thread.start}), because symbols are often registered before the writer agent runs.
 * {@link #heartbeat()} may be called from any thread: it is one release store of its own field.
 *
 * <p>Opening a compatible existing file reuses it in place, so mapped readers keep working; slots
 * left mid-update by a writer that died are repaired (see {@link #repairedSlots()}).
 */
public final class PriceBookWriter implements AutoCloseable {

    private final Path path;
    private ByteBuffer buffer; // not final: close() drops it so the mapping can be collected
    private final int capacity;
    private final EpochNanoClock clock;
    private final Map<String, Integer> slotsBySymbol = new HashMap<>();
    private final int repairedSlots;
    private int symbolCount;
    private Thread owner;

    private PriceBookWriter(Path path, ByteBuffer buffer, int capacity, EpochNanoClock clock) {
        this.path = path;
        this.buffer = buffer;
        this.capacity = capacity;
        this.clock = clock;
        loadSymbols(); // first: it may refuse the file, which must then be left untouched
        this.repairedSlots = repairSlots();
        announce();
    }

    /**
     * Creates the book at {@code path} (and its parent directories), or reopens an existing one
     * in place if it is compatible: same magic, layout version, slot size and capacity.
     *
     * @throws IllegalArgumentException if {@code capacity} is out of range
     * @throws IllegalStateException    if the existing file is not a compatible book, naming what
     *                                  was found and what was expected
     */
    public static PriceBookWriter open(Path path, int capacity, EpochNanoClock clock) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
        PriceBookDescriptor.checkCapacity(capacity);
        final ByteBuffer buffer;
        if (Files.exists(path)) {
            buffer = PriceBookMapping.mapExisting(path, true);
            PriceBookDescriptor.checkCapacityMatches(path, (int) INTS.getVolatile(buffer, CAPACITY_OFFSET), capacity);
        } else {
            buffer = PriceBookMapping.create(path, capacity);
        }
        return new PriceBookWriter(path, buffer, capacity, clock);
    }

    /**
     * A slot whose version is odd was left mid-update by a writer that died: its fields may be
     * torn. Zero them (update timestamp 0 reads as EMPTY) and make the version even again.
     */
    private int repairSlots() {
        int repaired = 0;
        for (int slot = 0; slot < capacity; slot++) {
            final int base = slotOffset(slot);
            // volatile: pairs with the last setRelease of the previous writer, whatever it was
            final long version = (long) LONGS.getVolatile(buffer, base + SLOT_VERSION_OFFSET);
            if ((version & 1L) != 0) {
                // Plain stores are safe: readers retry while the version is odd.
                LONGS.set(buffer, base + SLOT_BID_OFFSET, 0L);
                LONGS.set(buffer, base + SLOT_ASK_OFFSET, 0L);
                LONGS.set(buffer, base + SLOT_FEED_SEQUENCE_OFFSET, 0L);
                LONGS.set(buffer, base + SLOT_UPDATE_TIMESTAMP_OFFSET, 0L);
                LONGS.set(buffer, base + SLOT_TICK_TIMESTAMP_OFFSET, 0L);
                // release: pairs with getAcquire in PriceBookReader.read; publishes the zeroed fields
                LONGS.setRelease(buffer, base + SLOT_VERSION_OFFSET, version + 1);
                repaired++;
            }
        }
        return repaired;
    }

    private void loadSymbols() {
        // volatile: pairs with the release in the previous writer's register; its symbols are visible
        final int count = (int) INTS.getVolatile(buffer, SYMBOL_COUNT_OFFSET);
        if (count < 0 || count > capacity) {
            throw PriceBookDescriptor.incompatible(path, "symbol count", count, "0.." + capacity);
        }
        for (int slot = 0; slot < count; slot++) {
            slotsBySymbol.putIfAbsent(PriceBookMapping.symbolAt(buffer, slot), slot);
        }
        symbolCount = count;
    }

    private void announce() {
        // release: pairs with getAcquire in PriceBookReader.writerPid
        LONGS.setRelease(buffer, WRITER_PID_OFFSET, ProcessHandle.current().pid());
        heartbeat();
        // volatile, and last: a reader that sees the new open count (getAcquire in
        // PriceBookReader.writerOpenCount) also sees the repaired slots, pid and heartbeat.
        LONGS.getAndAdd(buffer, WRITER_OPEN_COUNT_OFFSET, 1L);
    }

    /**
     * The slot of {@code symbol}, registering it in the next free slot if it is new.
     *
     * @throws IllegalArgumentException unless the symbol is 1..16 printable ASCII characters
     * @throws IllegalStateException    if the book is full
     */
    public int register(String symbol) {
        assert owner == null || owner == Thread.currentThread() : "register from " + Thread.currentThread()
            + ", but the single writer is " + owner;
        final Integer existing = slotsBySymbol.get(Objects.requireNonNull(symbol, "symbol"));
        if (existing != null) {
            return existing;
        }
        PriceBookMapping.checkSymbol(symbol);
        if (symbolCount == capacity) {
            throw new IllegalStateException("Price book " + path + " is full: capacity=" + capacity
                + ", symbolCount=" + symbolCount + ", cannot register \"" + symbol + '"');
        }
        final int slot = symbolCount;
        PriceBookMapping.putSymbol(buffer, slot, symbol);
        symbolCount = slot + 1;
        // release: pairs with acquire in PriceBookReader.refreshSymbols; publishes the symbol bytes
        INTS.setRelease(buffer, SYMBOL_COUNT_OFFSET, symbolCount);
        slotsBySymbol.put(symbol, slot);
        return slot;
    }

    /**
     * Publishes a price, stamped with this writer's clock as the update timestamp.
     *
     * @param slot   a slot returned by {@link #register}
     * @param bid    fixed point, see {@link io.tradingstack.protocol.Prices}
     * @param ask    fixed point
     * @param feedSequence the sequence of the feed message behind this price
     * @param tickTimestamp the gateway's timestamp of the tick, epoch nanoseconds
     */
    public void update(int slot, long bid, long ask, long feedSequence, long tickTimestamp) {
        update(slot, bid, ask, feedSequence, tickTimestamp, clock.epochNanos());
    }

    /**
     * Publishes a price with an explicit update timestamp, which must not be 0 (0 means empty).
     */
    public void update(int slot, long bid, long ask, long feedSequence, long tickTimestamp, long updateTimestamp) {
        assert isOwnerThread() : "update from " + Thread.currentThread() + ", but the single writer is " + owner;
        assert updateTimestamp != 0 : "updateTimestamp 0 marks an empty slot";
        if (slot < 0 || slot >= symbolCount) {
            throw new IllegalArgumentException("slot=" + slot + ", symbolCount=" + symbolCount);
        }
        final ByteBuffer buffer = this.buffer;
        final int base = slotOffset(slot);
        // plain: this thread is the only one that stores versions
        final long version = (long) LONGS.get(buffer, base + SLOT_VERSION_OFFSET);
        LONGS.setRelease(buffer, base + SLOT_VERSION_OFFSET, version + 1);
        // release fence: the odd version is ordered before the field stores below;
        // pairs with loadLoadFence in PriceBookReader.read, which re-reads the version after the fields
        VarHandle.releaseFence();
        LONGS.set(buffer, base + SLOT_BID_OFFSET, bid);
        LONGS.set(buffer, base + SLOT_ASK_OFFSET, ask);
        LONGS.set(buffer, base + SLOT_FEED_SEQUENCE_OFFSET, feedSequence);
        LONGS.set(buffer, base + SLOT_UPDATE_TIMESTAMP_OFFSET, updateTimestamp);
        LONGS.set(buffer, base + SLOT_TICK_TIMESTAMP_OFFSET, tickTimestamp);
        // release: pairs with getAcquire in PriceBookReader.read; publishes the fields above
        LONGS.setRelease(buffer, base + SLOT_VERSION_OFFSET, version + 2);
    }

    /** Stamps the header with this writer's clock so readers can tell it is alive. */
    public void heartbeat() {
        // release: pairs with getAcquire in PriceBookReader.writerHeartbeat
        LONGS.setRelease(buffer, WRITER_HEARTBEAT_OFFSET, clock.epochNanos());
    }

    /** The slot of a registered symbol, or -1. */
    public int slotOf(String symbol) {
        final Integer slot = slotsBySymbol.get(symbol);
        return slot == null ? -1 : slot;
    }

    /** How many slots this writer found mid-update on open and repaired. */
    public int repairedSlots() {
        return repairedSlots;
    }

    public int symbolCount() {
        return symbolCount;
    }

    public int capacity() {
        return capacity;
    }

    public Path path() {
        return path;
    }

    /**
     * Drops this writer's reference to the mapping and leaves the file as it is: readers keep
     * reading the last prices and see the heartbeat stop. Java 17 has no public unmap, so the
     * mapping goes when it is garbage collected; the channel was closed right after mapping.
     * A closed writer must not be used again (its methods throw NullPointerException).
     */
    @Override
    public void close() {
        // Never truncate or delete the file: readers map it, and the next writer reopens it.
        buffer = null;
    }

    private boolean isOwnerThread() {
        final Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        }
        return owner == current;
    }

    @Override
    public String toString() {
        return "PriceBookWriter{path=" + path + ", capacity=" + capacity + ", symbolCount=" + symbolCount + '}';
    }
}
