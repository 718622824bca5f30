package io.tradingstack.clock;

import java.time.Instant;

/**
 * The wall clock (CLOCK_REALTIME) read at that moment, in epoch nanoseconds: one clock for every
 * process on a host, so that a hop measured across two processes is the difference of two
 * readings of the same clock.
 *
 * <p>Never an extrapolated anchor: a clock that samples the wall clock once and advances it with
 * {@link System#nanoTime()} carries its own offset per process (hundreds of µs measured here, in
 * either direction), larger than the hops it is meant to measure. {@link Instant#now()} reads the
 * wall clock with nanosecond resolution on JDK 17/Linux, and escape analysis removes the
 * {@code Instant} once the caller is compiled, so a read allocates nothing (PriceBookBenchmark.clock,
 * {@code -prof gc}). Like the wall clock, a reading may go back when the time is set back (an
 * operator, an NTP step); use {@link System#nanoTime()} for durations within one process.
 */
public final class SystemEpochNanoClock implements EpochNanoClock {

    private static final SystemEpochNanoClock INSTANCE = new SystemEpochNanoClock();

    private SystemEpochNanoClock() {
    }

    /** The clock that services use for {@code ts}. */
    public static SystemEpochNanoClock instance() {
        return INSTANCE;
    }

    @Override
    public long epochNanos() {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
