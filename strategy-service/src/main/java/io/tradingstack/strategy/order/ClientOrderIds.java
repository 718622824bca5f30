package io.tradingstack.strategy.order;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Client order ids of one strategy, unique across the stack and across restarts of this
 * service: {@code <strategyId>-<start>-<counter>}, where {@code start} is the generator's start
 * time in epoch milliseconds and {@code counter} counts from 1, both in base 36
 * ({@code momentum-1-mc2x8k1o-1b}).
 *
 * <p>A restart takes far longer than a millisecond, so a restarted service never reuses a start;
 * within one process each generator takes a start above the previous one's, so two generators
 * of one strategy id never collide either. What this cannot see is a wall clock set back by more
 * than the time since the previous start; the order manager would then answer a reused id with
 * the original execution (same content) or reject it as {@code DUPLICATE_CLIENT_ORDER_ID}.
 *
 * <p>Not thread-safe: the engine thread owns each generator.
 */
public final class ClientOrderIds {

    /** The longest client order id the protocol accepts. */
    public static final int MAX_LENGTH = 64;

    /** {@code Long.MAX_VALUE} in base 36. */
    private static final int MAX_COUNTER_LENGTH = Long.toString(Long.MAX_VALUE, 36).length();

    private static final AtomicLong LAST_START = new AtomicLong();

    private final String prefix;
    private final String start;
    private long counter;

    /** A generator starting now. */
    public ClientOrderIds(String strategyId) {
        this(strategyId, System.currentTimeMillis());
    }

    /** A generator whose start is {@code startMillis}, or just above the last start in this process. */
    ClientOrderIds(String strategyId, long startMillis) {
        if (strategyId == null || strategyId.isEmpty() || !isPrintableAscii(strategyId)) {
            throw new IllegalArgumentException("strategyId=\"" + strategyId + "\", must be 1+ printable ASCII characters");
        }
        long unique = LAST_START.updateAndGet(last -> Math.max(last + 1, startMillis));
        this.start = Long.toString(unique, 36);
        this.prefix = strategyId + '-' + start + '-';
        int longest = prefix.length() + MAX_COUNTER_LENGTH;
        if (longest > MAX_LENGTH) {
            throw new IllegalArgumentException("strategyId=\"" + strategyId + "\" is too long: its client order ids could "
                + "reach " + longest + " characters, max=" + MAX_LENGTH);
        }
    }

    /** The next id. */
    public String next() {
        counter++;
        return prefix + Long.toString(counter, 36);
    }

    /** The restart-unique part, base 36. */
    public String start() {
        return start;
    }

    /** Ids issued so far. */
    public long issued() {
        return counter;
    }

    private static boolean isPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
