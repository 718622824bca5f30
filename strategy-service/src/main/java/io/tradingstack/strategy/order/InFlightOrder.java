package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Order;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/** One order from its hand-over to its outcome. Guarded by its {@link OrderClient}'s lock. */
final class InFlightOrder {

    final Order order;
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
        this.order = Objects.requireNonNull(order, "order");
        this.submittedNanos = submittedNanos;
        this.deadlineNanos = submittedNanos + expiryNanos;
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
