package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void shouldRetryAtOnceThenDoubleUpToTheMaximumUntilReset() {
        RetryBackoff backoff = new RetryBackoff(millis(100), millis(350));

        assertThat(backoff.next()).isZero();
        assertThat(backoff.next()).isEqualTo(millis(100));
        assertThat(backoff.next()).isEqualTo(millis(200));
        assertThat(backoff.next()).isEqualTo(millis(350));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.next()).as("never gives up").isEqualTo(millis(350));
        }

        backoff.reset();
        assertThat(backoff.next()).isZero();
        assertThat(backoff.next()).isEqualTo(millis(100));
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
