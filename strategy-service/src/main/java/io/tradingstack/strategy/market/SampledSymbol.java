package io.tradingstack.strategy.market;

import io.tradingstack.pricebook.SlotStatus;

/**
 * One symbol as the sampler last saw it. The engine thread writes; the health check reads the
 * volatile fields one by one, so they may be a sample apart.
 */
public final class SampledSymbol {

    private final String symbol;
    /** Engine thread only: the slot in the open book, -1 until the writer has registered the symbol. */
    int slot = -1;
    private volatile SlotStatus status = SlotStatus.UNAVAILABLE;
    private volatile long mid;
    private volatile long freshSamples;
    private volatile long lastFreshNanos;

    SampledSymbol(String symbol) {
        this.symbol = symbol;
    }

    /** Engine thread. */
    void record(SlotStatus sampled, long sampledMid, long nowNanos) {
        status = sampled;
        if (sampled == SlotStatus.FRESH) {
            mid = sampledMid;
            lastFreshNanos = nowNanos;
            // one writer: a plain increment of the volatile is not lost
            freshSamples = freshSamples + 1;
        }
    }

    public String symbol() {
        return symbol;
    }

    /** The status of the last sample; UNAVAILABLE while the book is not open. */
    public SlotStatus status() {
        return status;
    }

    /** The mid of the last FRESH sample, fixed point; 0 before any. */
    public long mid() {
        return mid;
    }

    /** FRESH samples taken (and handed to the strategies) since the service started. */
    public long freshSamples() {
        return freshSamples;
    }

    /** Epoch nanoseconds of the last FRESH sample; 0 before any. */
    public long lastFreshNanos() {
        return lastFreshNanos;
    }
}
