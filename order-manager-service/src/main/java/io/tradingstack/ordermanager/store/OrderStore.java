package io.tradingstack.ordermanager.store;

/**
 * The orders decided, by {@code clientOrderId}: what makes a repeated order return its original
 * execution, and what the REST API lists. Refused frames that are no order of their own (a
 * duplicate id with other content, a strategy mismatch, values that do not decode) are not
 * stored.
 *
 * <p>One writer, the order engine's thread, appends; any thread reads, and sees every append
 * whole, in order (a page is a consistent prefix of the history). The in-memory store is the
 * first implementation; the journal will sit behind this interface (an append that fails must
 * then throw, so that nothing unstored is acknowledged).
 */
public interface OrderStore {

    /**
     * Stores a decided order. Engine thread only.
     *
     * @throws IllegalStateException if its {@code clientOrderId} is stored already (a bug: the
     *                               engine looks it up first)
     */
    void append(OrderRecord record);

    /** The order with this {@code clientOrderId}, or null. Any thread. */
    OrderRecord find(String clientOrderId);

    /** Page {@code page} of {@code size} orders, latest first; empty past the end. Any thread. */
    OrderPage latestFirst(int page, int size);

    /** Orders stored. Any thread. */
    long count();
}
