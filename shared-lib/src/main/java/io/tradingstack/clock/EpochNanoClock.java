package io.tradingstack.clock;

/**
 * The clock behind every {@code ts} on the wire and in the price book: nanoseconds since
 * the Unix epoch, comparable across processes on one host.
 *
 * <p>Implementations must not allocate: the clock is read on every tick.
 */
@FunctionalInterface
public interface EpochNanoClock {

    /** Nanoseconds since 1970-01-01T00:00:00Z. */
    long epochNanos();
}
