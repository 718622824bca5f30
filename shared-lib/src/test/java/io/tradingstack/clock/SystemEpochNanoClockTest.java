package io.tradingstack.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SystemEpochNanoClockTest {

    @Test
    void shouldReadTheWallClockAtThatMoment() {
        for (int i = 0; i < 10_000; i++) {
            long before = toNanos(Instant.now());
            long nanos = SystemEpochNanoClock.instance().epochNanos();
            long after = toNanos(Instant.now());

            // The same clock read in between: no slack, no offset of its own.
            assertThat(nanos).as("read %d", i).isBetween(before, after);
        }
    }

    private static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
