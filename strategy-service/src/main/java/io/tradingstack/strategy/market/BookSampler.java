package io.tradingstack.strategy.market;

import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.PriceBookOpener;
import io.tradingstack.pricebook.PriceBookReader;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the traded symbols' mids from the shared price book for the engine thread, which owns
 * it: {@link #sample()} reads every symbol against one clock read; {@link #readNow} reads one
 * symbol when a strategy decides.
 *
 * <p>The orderbook creates the book, so it may not be there when this service starts: until it
 * is, every symbol is UNAVAILABLE. The shared {@link PriceBookOpener} looks for the file every
 * {@code open-retry-interval}, called from the sampling itself (nothing blocks the start-up, and
 * no other thread is needed), and opens it again when it was replaced by a new file. A symbol
 * the writer has not registered yet is EMPTY and looked up again at the next sample.
 *
 * <p>Reads allocate nothing; opening or checking the file does, once per interval at most.
 */
public final class BookSampler {

    private final PriceBookOpener opener;
    private final long retryIntervalNanos;
    private final EpochNanoClock clock;
    private final SampledSymbol[] symbols;
    private final Map<String, Integer> indexBySymbol = new HashMap<>();
    private final PriceSnapshot snapshot = new PriceSnapshot();

    // engine thread only
    private long nextCheckNanos;
    private long lastReadMid;

    /**
     * @param symbols the symbols to sample, in the order {@link #symbol(int)} numbers them
     */
    public BookSampler(PriceBookReaderProperties properties, List<String> symbols, EpochNanoClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = new PriceBookOpener(properties, clock);
        this.retryIntervalNanos = properties.openRetryInterval().toNanos();
        this.symbols = new SampledSymbol[symbols.size()];
        for (int i = 0; i < this.symbols.length; i++) {
            this.symbols[i] = new SampledSymbol(symbols.get(i));
            if (indexBySymbol.putIfAbsent(symbols.get(i), i) != null) {
                throw new IllegalArgumentException("symbol " + symbols.get(i) + " given twice in " + symbols);
            }
        }
    }

    /**
     * Samples every symbol against one clock read (engine thread). Opens the book first if it is
     * not open and the retry interval has passed.
     *
     * @return the sample time, epoch nanoseconds
     */
    public long sample() {
        final long now = clock.epochNanos();
        maintain(now);
        final PriceBookReader current = opener.reader();
        final SampledSymbol[] sampled = symbols;
        for (int i = 0; i < sampled.length; i++) {
            SlotStatus status = read(current, sampled[i], now);
            sampled[i].record(status, snapshot.mid(), now);
        }
        return now;
    }

    /**
     * Reads one symbol at the clock's now (engine thread), for a decision. The mid of a FRESH
     * read is then {@link #lastReadMid()}.
     */
    public SlotStatus readNow(int index) {
        final SlotStatus status = read(opener.reader(), symbols[index], clock.epochNanos());
        lastReadMid = status == SlotStatus.FRESH ? snapshot.mid() : 0;
        return status;
    }

    /** The mid of the last {@link #readNow} that was FRESH, else 0. */
    public long lastReadMid() {
        return lastReadMid;
    }

    private SlotStatus read(PriceBookReader current, SampledSymbol symbol, long now) {
        if (current == null) {
            return SlotStatus.UNAVAILABLE;
        }
        if (symbol.slot < 0) {
            symbol.slot = current.slotOf(symbol.symbol());
            if (symbol.slot < 0) {
                return SlotStatus.EMPTY;
            }
        }
        return current.read(symbol.slot, snapshot, now);
    }

    /** Opens the book when it appears, reopens it when the file was replaced: once per retry interval. */
    private void maintain(long now) {
        if (now - nextCheckNanos < 0) {
            return;
        }
        nextCheckNanos = now + retryIntervalNanos;
        if (opener.check()) {
            for (SampledSymbol symbol : symbols) {
                symbol.slot = -1; // slot numbers are the old file's
            }
        }
    }

    /** Number of symbols sampled. */
    public int symbolCount() {
        return symbols.length;
    }

    public String symbol(int index) {
        return symbols[index].symbol();
    }

    /** The index of {@code symbol}, or -1 if it is not sampled. */
    public int indexOf(String symbol) {
        Integer index = indexBySymbol.get(symbol);
        return index == null ? -1 : index;
    }

    /** The symbol's last sample; safe from any thread. */
    public SampledSymbol sampled(int index) {
        return symbols[index];
    }

    /** The symbols' last samples, in index order; safe from any thread. */
    public List<SampledSymbol> sampledSymbols() {
        List<SampledSymbol> list = new ArrayList<>(symbols.length);
        Collections.addAll(list, symbols);
        return list;
    }

    /** Whether the book is open. */
    public boolean isOpen() {
        return opener.isOpen();
    }

    /** Why the book is not open, "" when it is. */
    public String problem() {
        return opener.isOpen() ? "" : opener.problem();
    }

    public Path path() {
        return opener.properties().path();
    }

    public Duration staleness() {
        return opener.properties().staleness();
    }

    /** The writer's last heartbeat in the book header, epoch nanoseconds; 0 while the book is not open. */
    public long writerHeartbeat() {
        PriceBookReader current = opener.reader();
        return current == null ? 0 : current.writerHeartbeat();
    }

    /** Epoch nanoseconds the book was (last) opened; 0 while it is not. */
    public long openedAtNanos() {
        return opener.openedAtNanos();
    }
}
