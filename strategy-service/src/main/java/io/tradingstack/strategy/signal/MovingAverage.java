package io.tradingstack.strategy.signal;

/**
 * A simple moving average over the last {@code size} fixed-point values: a ring of longs and a
 * running sum, so adding a value and reading the average cost O(1) and allocate nothing.
 *
 * <p>Not thread-safe: one owner (the engine thread). The sum of a full window stays exact for
 * prices below 10^6 (10^14 fixed point) with windows up to {@link StrategyDefinition#MAX_WINDOW}.
 */
public final class MovingAverage {

    private final long[] values;
    private int next;
    private int count;
    private long sum;

    public MovingAverage(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size=" + size + ", min=1");
        }
        this.values = new long[size];
    }

    public void add(long value) {
        if (count == values.length) {
            sum -= values[next];
        } else {
            count++;
        }
        values[next] = value;
        sum += value;
        next = next + 1 == values.length ? 0 : next + 1;
    }

    /** The mean of the values held, rounded towards negative infinity. */
    public long average() {
        if (count == 0) {
            throw new IllegalStateException("no value yet: size=" + values.length);
        }
        return Math.floorDiv(sum, count);
    }

    /** Whether the window holds {@link #size()} values: only then is the average the configured one. */
    public boolean isFull() {
        return count == values.length;
    }

    /** Values held: up to {@link #size()}. */
    public int count() {
        return count;
    }

    public int size() {
        return values.length;
    }

    public void clear() {
        next = 0;
        count = 0;
        sum = 0;
    }
}
