package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Cancel;
import io.tradingstack.protocol.Message;
import io.tradingstack.protocol.Order;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * One order from its hand-over to its outcome, or the settlement of one that expired unanswered
 * after it was sent: its {@code cancel}, in flight until the order manager answers it.
 * Guarded by its {@link OrderClient}'s lock.
 */
final class InFlightOrder {

    /**
     * A settlement never expires: an order in doubt stays in doubt until its cancel is answered.
     * Far enough that no run reaches it, near enough that {@code now - deadline} cannot overflow.
     */
    private static final long NEVER_NANOS = Long.MAX_VALUE / 4;

    final Order order;
    /** The cancel that settles {@link #order}; null for the order itself. */
    final Cancel cancel;
    /** For a settlement, the order's expired outcome, which its answer completes; else null. */
    final OrderOutcome expired;
    final long submittedNanos;
    final long deadlineNanos;
    int attempts;
    long firstSentNanos;
    /** The last attempt's problem, "" when none yet. */
    String problem = "";
    /** The connection the outstanding attempt went on; null when no attempt is out. */
    String connectionId;
    /** How long the outstanding attempt waits: the reply timeout, or less when the expiry comes first. */
    long waitNanos;
    /** Its reply timeout, or its next try after a backoff; null when none is armed. */
    private ScheduledFuture<?> timer;

    InFlightOrder(Order order, long submittedNanos, long expiryNanos) {
        this(order, null, null, submittedNanos, expiryNanos);
    }

    private InFlightOrder(Order order, Cancel cancel, OrderOutcome expired, long submittedNanos, long expiryNanos) {
        this.order = Objects.requireNonNull(order, "order");
        this.cancel = cancel;
        this.expired = expired;
        this.submittedNanos = submittedNanos;
        this.deadlineNanos = submittedNanos + expiryNanos;
    }

    /** The cancel of an order that expired unanswered after it was sent. */
    static InFlightOrder settlement(OrderOutcome expired, long nowNanos) {
        Order order = expired.order();
        return new InFlightOrder(order, new Cancel(order.clientOrderId(), order.strategyId()), expired, nowNanos,
            NEVER_NANOS);
    }

    boolean isSettlement() {
        return cancel != null;
    }

    /** What each attempt sends: the order, or its cancel. */
    Message request() {
        return cancel != null ? cancel : order;
    }

    /** Arms {@code next} in place of the previous timer; null (stopping) arms nothing. */
    void arm(ScheduledFuture<?> next) {
        disarm();
        timer = next;
    }

    void disarm() {
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            timer = null;
            pending.cancel(false);
        }
    }
}
