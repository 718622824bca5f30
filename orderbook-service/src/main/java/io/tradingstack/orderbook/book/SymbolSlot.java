package io.tradingstack.orderbook.book;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One symbol's slot in the book as the writer tracks it: where it is, how often it was written
 * and when last, for the {@code trading.book.*} meters and the book's health.
 */
public final class SymbolSlot {

    private final String symbol;
    private final int slot;
    private final Counter updates;
    private final AtomicLong lastWriteNanos = new AtomicLong();

    SymbolSlot(String symbol, int slot, Counter updates) {
        this.symbol = symbol;
        this.slot = slot;
        this.updates = updates;
    }

    /** Called by the writer thread after each write. */
    void written(long writeNanos) {
        // release (lazySet): pairs with the volatile get in lastWriteNanos() on the health and
        // gauge threads, which need a recent value, not a full fence on every tick
        lastWriteNanos.lazySet(writeNanos);
        updates.increment();
    }

    public String symbol() {
        return symbol;
    }

    int slot() {
        return slot;
    }

    /** When the writer last wrote this slot, epoch nanoseconds; 0 before the first write since start. */
    public long lastWriteNanos() {
        return lastWriteNanos.get();
    }

    /** Seconds since the last write at {@code nowNanos}; NaN before the first write. */
    public double ageSeconds(long nowNanos) {
        long last = lastWriteNanos();
        return last == 0 ? Double.NaN : (nowNanos - last) / 1e9;
    }
}
