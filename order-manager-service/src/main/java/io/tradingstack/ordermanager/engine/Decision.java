package io.tradingstack.ordermanager.engine;

import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;

/**
 * What the engine answered to one {@code order} or {@code cancel} frame: the execution to send, and
 * how it came about, for the order log and the meters.
 *
 * @param order      the order as decoded; null when its values did not decode, and for a cancel
 * @param execution  the execution to send; for an order {@link Outcome#IN_DOUBT in doubt}, the one
 *                   decided and never sent; for {@link Outcome#NO_ORDER_ID}, one never sent
 * @param rejection  why it was rejected, with context; null when filled or repeated
 * @param receivedTs when the frame arrived, epoch nanoseconds
 * @param cancel     the cancel answered; null for an order frame
 */
public record Decision(Outcome outcome, Order order, Execution execution, Rejection rejection, long receivedTs,
        Cancel cancel) {

    public Decision(Outcome outcome, Order order, Execution execution, Rejection rejection, long receivedTs) {
        this(outcome, order, execution, rejection, receivedTs, null);
    }

    public boolean isCancel() {
        return cancel != null;
    }

    /** How the execution came about. */
    public enum Outcome {
        /** A new order, decided now and stored; for a cancel, its order fenced off: REJECTED CANCELLED, stored. */
        DECIDED,
        /**
         * The same {@code clientOrderId} with the same content: the original execution again, nothing
         * decided. For a cancel, the execution of its order, decided before.
         */
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
        NO_ORDER_ID,
        /**
         * A cancel of an undecided order that found the journal failed: the fence it needs cannot be
         * stored, and a CANCELLED answer not stored could be followed by a fill of a copy after a
         * restart. The connection gets {@code error JOURNAL_UNAVAILABLE} and is closed; the strategy
         * sends the cancel again after the restart. The execution is never sent.
         */
        UNFENCED
    }
}
