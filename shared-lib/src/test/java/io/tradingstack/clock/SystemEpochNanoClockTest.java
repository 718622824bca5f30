package io.tradingstack.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SystemEpochNanoClockTest {

    @Test
    void shouldAgreeWithTheWallClock() {
        Instant before = Instant.now();
        long nanos = SystemEpochNanoClock.instance().epochNanos();
        Instant after = Instant.now();

        long slack = Duration.ofMillis(50).toNanos();
        assertThat(nanos).isBetween(toNanos(before) - slack, toNanos(after) + slack);
    }

    @Test
    void shouldNeverGoBackwardsAcrossResamples() {
        SystemEpochNanoClock clock = new SystemEpochNanoClock(1_000); // re-anchor every microsecond
        long previous = clock.epochNanos();
        for (int i = 0; i < 200_000; i++) {
            long now = clock.epochNanos();
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now;
        }
    }

    @Test
    void shouldRefuseANonPositiveResampleInterval() {
        assertThatThrownBy(() -> new SystemEpochNanoClock(0)).hasMessageContaining("resampleIntervalNanos=0");
    }

    private static long toNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
