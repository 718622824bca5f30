package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.Order;
import java.util.Objects;

/**
 * How an order ended for the strategy: its execution (FILLED or REJECTED), or none when it
 * expired unanswered. Handed from the order client's read or timer thread to the engine thread. An expired
 * order that was sent may still have reached the order manager (its answer lost with a
 * connection, or the order held in a frozen order manager's socket buffer): the order client then
 * sends its {@code cancel}, and the answer comes as a second outcome with {@code reconciled} set —
 * the order's own execution (a late fill or rejection), or REJECTED {@link #CANCELLED}: it never
 * filled and never will.
 *
 * @param order      the order as sent (every attempt carried the same clientOrderId and content)
 * @param execution  the order manager's answer, or null when it expired
 * @param attempts   how many times it was sent
 * @param problem    why it expired, "" when answered
 * @param reconciled whether the execution is the answer to the cancel of an order that had expired
 */
public record OrderOutcome(Order order, Execution execution, int attempts, String problem, boolean reconciled) {

    /** The reason of the order manager's answer to a cancel that reached it before the order. */
    public static final String CANCELLED = "CANCELLED";

    public OrderOutcome {
        Objects.requireNonNull(order, "order");
        problem = problem == null ? "" : problem;
        if (reconciled && execution == null) {
            throw new IllegalArgumentException("a reconciled outcome of " + order.clientOrderId() + " needs its execution");
        }
    }

    public OrderOutcome(Order order, Execution execution, int attempts, String problem) {
        this(order, execution, attempts, problem, false);
    }

    /** The order manager's answer to the cancel of an expired order. */
    static OrderOutcome reconciled(OrderOutcome expired, Execution execution) {
        return new OrderOutcome(expired.order(), Objects.requireNonNull(execution, "execution"), expired.attempts(),
            expired.problem(), true);
    }

    static OrderOutcome answered(Order order, Execution execution, int attempts) {
        return new OrderOutcome(order, Objects.requireNonNull(execution, "execution"), attempts, "");
    }

    static OrderOutcome expired(Order order, int attempts, String problem) {
        return new OrderOutcome(order, null, attempts, problem);
    }

    public boolean isFilled() {
        return execution != null && execution.isFilled();
    }

    public boolean isRejected() {
        return execution != null && !execution.isFilled();
    }

    /** Settled by its cancel before the order manager decided it: never filled. */
    public boolean isCancelled() {
        return isRejected() && CANCELLED.equals(execution.reason());
    }

    public boolean isExpired() {
        return execution == null;
    }
}
