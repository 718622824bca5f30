package io.tradingstack.strategy.engine;

import java.time.Duration;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A strategy's answer to an order manager whose operator halted trading: an order REJECTED
 * {@code TRADING_HALTED} holds the strategy's new orders for a while (1 s, doubling per halted
 * answer up to 30 s, Spring's {@link ExponentialBackOff}), so a halted desk is asked about once
 * per wait rather than on every tick; the first answer that is not a halt ends the hold. The
 * signals the strategy gives meanwhile are shown as skipped, not sent. Engine thread only.
 */
final class HaltBackoff {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** The {@code reason} of the order manager's rejection while halted. */
    static final String TRADING_HALTED = "TRADING_HALTED";

    private final ExponentialBackOff backOff = new ExponentialBackOff(FIRST_WAIT.toMillis(), 2.0);
    private BackOffExecution waits;
    private long holdUntilNanos;

    HaltBackoff() {
        backOff.setMaxInterval(LONGEST_WAIT.toMillis());
    }

    /** An order was rejected for the halt: hold new orders for the next wait. Returns that wait. */
    Duration halted(long nowNanos) {
        if (waits == null) {
            waits = backOff.start();
        }
        Duration wait = Duration.ofMillis(waits.nextBackOff());
        holdUntilNanos = nowNanos + wait.toNanos();
        return wait;
    }

    /** An answer that is no halt: trading runs, the next order goes when the strategy asks. */
    void running() {
        waits = null;
        holdUntilNanos = 0;
    }

    /** Whether the strategy is known to be halted: true from the first halted answer to the next other one. */
    boolean isHalted() {
        return waits != null;
    }

    /** Whether a new order must wait now. */
    boolean holds(long nowNanos) {
        return waits != null && nowNanos - holdUntilNanos < 0;
    }
}
