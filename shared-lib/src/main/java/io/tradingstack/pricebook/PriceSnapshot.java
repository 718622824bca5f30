package io.tradingstack.pricebook;

import io.tradingstack.protocol.Prices;

/**
 * A mutable, reusable copy of one price-book slot, filled by
 * {@link PriceBookReader#read(int, PriceSnapshot)}. Allocate one per reading thread and reuse
 * it: reading allocates nothing.
 *
 * <p>Prices are fixed point (see {@link io.tradingstack.protocol.Prices}); timestamps are epoch nanoseconds.
 * A read that returns {@link SlotStatus#UNAVAILABLE} leaves the snapshot as it was.
 */
public final class PriceSnapshot {

    private long bid;
    private long ask;
    private long feedSequence;
    private long updateTimestamp;
    private long tickTimestamp;
    private long version;

    void set(long version, long bid, long ask, long feedSequence, long updateTimestamp, long tickTimestamp) {
        this.version = version;
        this.bid = bid;
        this.ask = ask;
        this.feedSequence = feedSequence;
        this.updateTimestamp = updateTimestamp;
        this.tickTimestamp = tickTimestamp;
    }

    /** Best bid, fixed point. */
    public long bid() {
        return bid;
    }

    /** Best ask, fixed point. */
    public long ask() {
        return ask;
    }

    /** Mid price, fixed point, rounded down; computed without overflow for any bid and ask. */
    public long mid() {
        return Prices.mid(bid, ask);
    }

    /** Sequence number of the feed message that produced this price. */
    public long feedSequence() {
        return feedSequence;
    }

    /** When the writer wrote the slot, epoch nanoseconds; 0 for an empty slot. */
    public long updateTimestamp() {
        return updateTimestamp;
    }

    /** The gateway's timestamp of the tick behind this price, epoch nanoseconds. */
    public long tickTimestamp() {
        return tickTimestamp;
    }

    /** The slot's seqlock version when it was copied: even, and larger after every update. */
    public long version() {
        return version;
    }

    @Override
    public String toString() {
        return "PriceSnapshot{version=" + version + ", bid=" + bid + ", ask=" + ask + ", feedSequence=" + feedSequence
            + ", updateTimestamp=" + updateTimestamp + ", tickTimestamp=" + tickTimestamp + '}';
    }
}
