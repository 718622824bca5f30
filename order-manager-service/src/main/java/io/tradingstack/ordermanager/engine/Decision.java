package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;

/**
 * What the engine answered to one {@code order} frame: the execution to send, and how it came
 * about, for the order log and the meters.
 *
 * @param order      the order as decoded; null when its values did not decode
 * @param execution  the execution to send; for an order {@link Outcome#IN_DOUBT in doubt}, the one
 *                   decided and never sent; for {@link Outcome#NO_ORDER_ID}, one never sent
 * @param rejection  why it was rejected, with context; null when filled or repeated
 * @param receivedTs when the frame arrived, epoch nanoseconds
 */
public record Decision(Outcome outcome, Order order, Execution execution, Rejection rejection, long receivedTs) {

    /** How the execution came about. */
    public enum Outcome {
        /** A new order, decided now and stored. */
        DECIDED,
        /** The same {@code clientOrderId} with the same content: the original execution again, nothing decided. */
        REPEATED,
        /**
         * Rejected without being stored, so its {@code clientOrderId} stays free: a duplicate id with
         * other content (carrying the original's orderId), a strategy mismatch, or values that did
         * not decode, or a journal that is unavailable.
         */
        REFUSED,
        /**
         * Decided, but the journal failed while storing it: it may or may not be stored, so it is
         * not answered with its execution. The connection gets {@code error JOURNAL_UNAVAILABLE}
         * and is closed; the client resends the same {@code clientOrderId} after a restart and gets
         * what the journal holds. A repeat of its id before that gets the same.
         */
        IN_DOUBT,
        /**
         * Not decided: the journal failed, and every order id it holds reserved has been handed
         * out, so no id is left that a restart could not hand out again (or the failed commit
         * carried the reservation of this frame's id). The connection gets
         * {@code error JOURNAL_UNAVAILABLE} and is closed; nothing was decided or stored, so the
         * client may resend the same {@code clientOrderId} after a restart. The execution (order
         * id 0) is never sent.
         */
        NO_ORDER_ID
    }
}
