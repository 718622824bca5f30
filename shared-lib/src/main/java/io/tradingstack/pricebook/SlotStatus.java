package io.tradingstack.pricebook;

/**
 * The outcome of {@link PriceBookReader#read(int, PriceSnapshot)}. Every value is an expected
 * outcome, so it is a return code rather than an exception: only {@link #FRESH} may be traded on.
 */
public enum SlotStatus {

    /** A consistent snapshot no older than the reader's maximum age. */
    FRESH,

    /** A consistent snapshot whose update timestamp is older than the reader's maximum age. */
    STALE,

    /**
     * The slot holds no price: it was never written, or a restarting writer repaired it after
     * its previous writer died mid-update, so its old data cannot be trusted.
     */
    EMPTY,

    /**
     * No consistent snapshot within the reader's maximum number of attempts: the writer kept
     * the slot busy, or died mid-update and has not been restarted yet.
     */
    UNAVAILABLE
}
