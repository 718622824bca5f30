package io.tradingstack.ordermanager.risk;

import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code maxOrders} per strategy in any sliding window: each strategy keeps the times
 * of its last {@code maxOrders} admitted orders in a ring, and the next is admitted when the
 * ring is not full or its oldest entry has left the window. Exact, and a steady order allocates
 * nothing. A refused order is not recorded, so a strategy that keeps sending too fast is
 * admitted again as soon as its admitted orders age out.
 *
 * <p>Single writer: the order engine, under its lock.
 */
final class OrderRateLimiter {

    private final int maxOrders;
    private final long windowNanos;
    private final Map<String, Window> windows = new HashMap<>();

    OrderRateLimiter(int maxOrders, long windowNanos) {
        if (maxOrders < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("maxOrders=" + maxOrders + ", windowNanos=" + windowNanos + ", both must be >= 1");
        }
        this.maxOrders = maxOrders;
        this.windowNanos = windowNanos;
    }

    /** Admits and records an order of {@code strategyId} at {@code nowNanos}, or refuses it. */
    boolean tryAcquire(String strategyId, long nowNanos) {
        Window window = windows.get(strategyId);
        if (window == null) {
            window = new Window(maxOrders);
            windows.put(strategyId, window);
        }
        return window.tryAdmit(nowNanos, windowNanos);
    }

    private static final class Window {
        private final long[] admitted;
        private int next;
        private int count;

        Window(int capacity) {
            admitted = new long[capacity];
        }

        boolean tryAdmit(long now, long windowNanos) {
            // When full, `next` holds the oldest admission.
            if (count == admitted.length && now - admitted[next] < windowNanos) {
                return false;
            }
            admitted[next] = now;
            next = next + 1 == admitted.length ? 0 : next + 1;
            if (count < admitted.length) {
                count++;
            }
            return true;
        }
    }
}
