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
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a price book mapped read-only. Lock-free and allocation-free on
 * {@link #read}; safe to share between threads (each thread reuses its own
 * {@link PriceSnapshot}).
 *
 * <p>A read never spins forever: after {@code maxReadAttempts} tries on a slot that stays odd
 * or keeps changing, it reports {@link SlotStatus#UNAVAILABLE}. The mapping survives a writer
 * restart, because a restarting writer reopens the same file in place.
 */
public final class PriceBookReader {

    private final Path path;
    private final ByteBuffer buffer;
    private final int capacity;
    private final long maxAgeNanos;
    private final int maxReadAttempts;
    private final EpochNanoClock clock;

    /** Immutable; replaced whole on refresh so that readers on any thread see a complete table. */
    private volatile Symbols symbols = new Symbols(0, Map.of());

    private PriceBookReader(Path path, ByteBuffer buffer, long maxAgeNanos, int maxReadAttempts, EpochNanoClock clock) {
        this.path = path;
        this.buffer = buffer;
        // volatile, no pair needed: capacity is written before the file is renamed into place
        this.capacity = (int) INTS.getVolatile(buffer, CAPACITY_OFFSET);
        this.maxAgeNanos = maxAgeNanos;
        this.maxReadAttempts = maxReadAttempts;
        this.clock = clock;
    }

    /**
     * Maps an existing book read-only after checking its header (magic, layout version, slot
     * size) and its length against {@link PriceBookDescriptor}.
     *
     * @param maxAge          a slot updated longer ago than this (per {@code clock}) is STALE
     * @param maxReadAttempts tries before a read gives up with UNAVAILABLE; at least 1
     * @throws IllegalStateException naming the path, what was found and what was expected, if
     *                               the file is not a compatible price book
     * @throws java.io.UncheckedIOException if the file cannot be opened (e.g. does not exist yet)
     */
    public static PriceBookReader open(Path path, Duration maxAge, int maxReadAttempts, EpochNanoClock clock) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge=" + maxAge + ", must be > 0");
        }
        if (maxReadAttempts < 1) {
            throw new IllegalArgumentException("maxReadAttempts=" + maxReadAttempts + ", min=1");
        }
        final long maxAgeNanos = maxAge.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxAge.toNanos();
        return new PriceBookReader(path, PriceBookMapping.mapExisting(path, false), maxAgeNanos, maxReadAttempts, clock);
    }

    /**
     * Copies a consistent snapshot of {@code slot} into {@code into} with the seqlock protocol.
     *
     * @return FRESH or STALE with {@code into} filled; EMPTY (filled, prices 0) for a slot never
     *         written or repaired after a writer died; UNAVAILABLE, {@code into} untouched, if no
     *         consistent copy was made within {@code maxReadAttempts} tries
     * @throws IllegalArgumentException if {@code slot} is outside the book's capacity
     */
    public SlotStatus read(int slot, PriceSnapshot into) {
        final SlotStatus status = read(slot, into, Long.MIN_VALUE);
        if (status != SlotStatus.FRESH) {
            return status;
        }
        return isStale(into.updateTimestamp(), clock.epochNanos()) ? SlotStatus.STALE : SlotStatus.FRESH;
    }

    /**
     * As {@link #read(int, PriceSnapshot)}, judging staleness against {@code nowNanos} instead of
     * reading the clock: a caller that reads several slots for one tick reads the clock once.
     * {@code Long.MIN_VALUE} skips the staleness check (FRESH for any written slot).
     */
    public SlotStatus read(int slot, PriceSnapshot into, long nowNanos) {
        if (slot < 0 || slot >= capacity) {
            throw new IllegalArgumentException("slot=" + slot + ", capacity=" + capacity);
        }
        final ByteBuffer buffer = this.buffer;
        final int base = slotOffset(slot);
        for (int attempt = 0; attempt < maxReadAttempts; attempt++) {
            // acquire: pairs with the even setRelease in PriceBookWriter.update (and repairSlots);
            // the field loads below cannot move above it
            final long before = (long) LONGS.getAcquire(buffer, base + SLOT_VERSION_OFFSET);
            if ((before & 1L) == 0) {
                final long bid = (long) LONGS.get(buffer, base + SLOT_BID_OFFSET);
                final long ask = (long) LONGS.get(buffer, base + SLOT_ASK_OFFSET);
                final long feedSequence = (long) LONGS.get(buffer, base + SLOT_FEED_SEQUENCE_OFFSET);
                final long updateTimestamp = (long) LONGS.get(buffer, base + SLOT_UPDATE_TIMESTAMP_OFFSET);
                final long tickTimestamp = (long) LONGS.get(buffer, base + SLOT_TICK_TIMESTAMP_OFFSET);
                // load fence: the field loads complete before the version is re-read;
                // pairs with the releaseFence after the odd version in PriceBookWriter.update
                VarHandle.loadLoadFence();
                final long after = (long) LONGS.getAcquire(buffer, base + SLOT_VERSION_OFFSET);
                if (before == after) {
                    into.set(before, bid, ask, feedSequence, updateTimestamp, tickTimestamp);
                    if (updateTimestamp == 0) {
                        return SlotStatus.EMPTY;
                    }
                    return nowNanos != Long.MIN_VALUE && isStale(updateTimestamp, nowNanos) ? SlotStatus.STALE : SlotStatus.FRESH;
                }
            }
            Thread.onSpinWait();
        }
        return SlotStatus.UNAVAILABLE;
    }

    private boolean isStale(long updateTimestamp, long nowNanos) {
        // A negative age (clocks of two processes a little apart) counts as fresh.
        return nowNanos - updateTimestamp > maxAgeNanos;
    }

    /**
     * The slot of {@code symbol}, or -1 if the writer has not registered it. Resolve once and
     * keep the slot: a hit allocates nothing; a miss re-reads the published symbol count.
     */
    public int slotOf(String symbol) {
        Integer slot = symbols.slotsBySymbol.get(symbol);
        if (slot == null) {
            slot = refreshSymbols().slotsBySymbol.get(symbol);
        }
        return slot == null ? -1 : slot;
    }

    /**
     * Adds the symbols registered since the last refresh. Two threads refreshing at once may
     * publish in either order; a table is never wrong (slots never move), at worst older, and
     * the next miss refreshes it again.
     */
    private Symbols refreshSymbols() {
        final Symbols known = symbols;
        final int count = Math.min(symbolCount(), capacity);
        if (count <= known.count) {
            return known;
        }
        final Map<String, Integer> slots = new HashMap<>(known.slotsBySymbol);
        for (int slot = known.count; slot < count; slot++) {
            slots.putIfAbsent(PriceBookMapping.symbolAt(buffer, slot), slot);
        }
        final Symbols refreshed = new Symbols(count, slots);
        symbols = refreshed;
        return refreshed;
    }

    /**
     * The symbol registered in {@code slot}.
     *
     * @throws IllegalArgumentException if no symbol is registered there
     */
    public String symbol(int slot) {
        final int count = symbolCount();
        if (slot < 0 || slot >= count) {
            throw new IllegalArgumentException("slot=" + slot + ", symbolCount=" + count);
        }
        return PriceBookMapping.symbolAt(buffer, slot);
    }

    /** Number of registered symbols; slots {@code 0..symbolCount()-1} hold them. */
    public int symbolCount() {
        // acquire: pairs with release in PriceBookWriter.register; the symbol bytes below count are visible
        return (int) INTS.getAcquire(buffer, SYMBOL_COUNT_OFFSET);
    }

    /** The writer's last heartbeat, epoch nanoseconds by the writer's clock. */
    public long writerHeartbeat() {
        // acquire: pairs with release in PriceBookWriter.heartbeat
        return (long) LONGS.getAcquire(buffer, WRITER_HEARTBEAT_OFFSET);
    }

    /** Process id of the writer that opened the book last. */
    public long writerPid() {
        // acquire: pairs with release in PriceBookWriter.announce
        return (long) LONGS.getAcquire(buffer, WRITER_PID_OFFSET);
    }

    /** How many times a writer has opened this book; it moves when a writer restarts. */
    public long writerOpenCount() {
        // acquire: pairs with getAndAdd in PriceBookWriter.announce, which comes after its repairs
        return (long) LONGS.getAcquire(buffer, WRITER_OPEN_COUNT_OFFSET);
    }

    public int capacity() {
        return capacity;
    }

    public long maxAgeNanos() {
        return maxAgeNanos;
    }

    public int maxReadAttempts() {
        return maxReadAttempts;
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return "PriceBookReader{path=" + path + ", capacity=" + capacity + ", maxAgeNanos=" + maxAgeNanos
            + ", maxReadAttempts=" + maxReadAttempts + '}';
    }

    private record Symbols(int count, Map<String, Integer> slotsBySymbol) {
    }
}
