package io.tradingstack.ordermanager.store;

import io.tradingstack.ordermanager.halt.TradingState;

/**
 * The orders decided, by {@code clientOrderId}: what makes a repeated order return its original
 * execution, and what the REST API lists. Refused frames that are no order of their own (a
 * duplicate id with other content, a strategy mismatch, values that do not decode, a journal
 * that is unavailable) are not stored; the order ids handed to them are covered by the
 * reservations the engine makes ahead of use ({@link #reserveOrderIds}).
 *
 * <p>One writer, the order engine's thread, appends and commits; any thread reads, and sees
 * every committed append whole, in order (a page is a consistent prefix of the history). The
 * engine appends the orders of a batch, then {@link #commit() commits} once, and only then
 * answers them: a store that keeps orders on disk (the journal) makes them durable there, so
 * nothing unstored is ever acknowledged.
 */
public interface OrderStore {

    /**
     * Stores a decided order; the engine answers it only after the next {@link #commit()}.
     * Engine thread only.
     *
     * @throws IllegalStateException if its {@code clientOrderId} is stored already (a bug: the
     *                               engine looks it up first), or the store is unavailable (a bug
     *                               too: the engine asks {@link #unavailableReason()} first)
     */
    void append(OrderRecord record);

    /**
     * Makes the orders appended since the last commit durable and visible to every thread: the
     * three steps below at once. Engine thread only.
     *
     * @return true when they are stored; false when the store failed (now or before), and the
     *         orders appended since the last commit are in doubt ({@link #inDoubt})
     */
    default boolean commit() {
        sealBatch();
        return completeCommit(writeSealed());
    }

    /**
     * The first step of a commit: closes what was appended so far, which the next
     * {@link #writeSealed()} writes; appends from now on go to the next batch. Under the engine's
     * lock, and only once the commit before is complete.
     */
    default void sealBatch() {
    }

    /**
     * The second step: makes the sealed batch durable. The one slow step (a write and an fsync),
     * so the only one that needs no engine lock: the committing thread runs it while orders are
     * decided and appended to the next batch.
     *
     * @return false when the write failed
     */
    default boolean writeSealed() {
        return true;
    }

    /**
     * The last step, under the engine's lock: the sealed orders become visible to every thread,
     * or, when the write failed (now or before), they and every order appended since are in doubt
     * ({@link #inDoubt}).
     *
     * @param written what {@link #writeSealed()} returned
     * @return true when the sealed orders are stored
     */
    default boolean completeCommit(boolean written) {
        return written;
    }

    /** The order with this {@code clientOrderId}, committed, or null. Any thread. */
    OrderRecord find(String clientOrderId);

    /** The order with this {@code clientOrderId}, committed or appended since, or null. Engine thread only. */
    default OrderRecord decided(String clientOrderId) {
        return find(clientOrderId);
    }

    /**
     * The order with this {@code clientOrderId} if its commit failed: it may or may not be
     * stored, so it may not be answered with its decision. Null otherwise. Engine thread only.
     */
    default OrderRecord inDoubt(String clientOrderId) {
        return null;
    }

    /** Null while the store takes orders; else why it does not (its journal failed). Any thread. */
    default String unavailableReason() {
        return null;
    }

    /** Page {@code page} of {@code size} orders, latest first; empty past the end. Any thread. */
    OrderPage latestFirst(int page, int size);

    /** Orders stored. Any thread. */
    long count();

    /**
     * Reserves every order id up to {@code upTo}, so that {@link #lastOrderId()} covers them after
     * a restart, whether or not an order stored them: the engine reserves ids ahead of handing them
     * out. Engine thread only; made durable by the next {@link #commit()}, with the batch.
     *
     * @throws IllegalStateException when the store is unavailable (a bug: nothing can be reserved then)
     */
    default void reserveOrderIds(long upTo) {
    }

    /**
     * Records a switch of the kill switch (halted or released), made durable by the next
     * {@link #commit()}, so that a restart comes up in that state ({@link #openedTradingState()}).
     * Engine thread only. A store that keeps nothing across restarts keeps nothing here either.
     *
     * @throws IllegalStateException when the store is unavailable (a bug: the engine asks first)
     */
    default void appendTradingState(TradingState state) {
    }

    /** The kill switch's state the store held when it was opened: the last switch committed before. */
    default TradingState openedTradingState() {
        return TradingState.RUNNING;
    }

    /**
     * The highest order id stored or reserved, 0 when none is: every id up to it may have been
     * handed out, and the engine continues above it. Engine thread only.
     */
    long lastOrderId();
}
