package io.tradingstack.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final long MS = 1_000_000L;

    private final Backoff backoff = new Backoff(100 * MS, 5_000 * MS);

    @Test
    void shouldDoubleAfterEveryFailedAttemptUpToTheMaximum() {
        long[] delays = new long[8];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = backoff.delayAfter(false, 0, 0) / MS;
        }

        assertThat(delays).containsExactly(100, 200, 400, 800, 1_600, 3_200, 5_000, 5_000);
    }

    @Test
    void shouldStartAgainAfterAGoodConnection() {
        backoff.delayAfter(false, 0, 0);
        backoff.delayAfter(false, 0, 0);

        backoff.delayAfter(true, 0, 10_000 * MS);

        assertThat(backoff.delayAfter(false, 0, 0) / MS).isEqualTo(100);
    }

    @Test
    void shouldReconnectAtOnceAfterAGoodConnectionThatLastedLongerThanTheInitialWait() {
        assertThat(backoff.delayAfter(true, 0, 30_000 * MS)).isZero();
    }

    @Test
    void shouldKeepAttemptsTheInitialWaitApartEvenAfterAGoodConnection() {
        assertThat(backoff.delayAfter(true, 0, 30 * MS) / MS).isEqualTo(70);
    }
}
