package io.tradingstack.system;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polling with a deadline: tests wait for a condition, never for a fixed time. */
final class Deadline {

    private final long deadlineNanos;

    Deadline(Duration timeout) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    boolean passed() {
        return System.nanoTime() - deadlineNanos > 0;
    }

    void pause(Duration pause) {
        LockSupport.parkNanos(pause.toNanos());
    }

    /** Polls {@code condition} every 100 ms until it holds; fails with {@code what} when time runs out. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Deadline deadline = new Deadline(timeout);
        while (!condition.getAsBoolean()) {
            if (deadline.passed()) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            deadline.pause(Duration.ofMillis(100));
        }
    }
}
