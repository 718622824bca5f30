package io.tradingstack.strategy.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void shouldRetryAtOnceThenDoubleUpToTheMaximumUntilReset() {
        RetryBackoff backoff = new RetryBackoff(100, 350);

        assertThat(backoff.next()).isZero();
        assertThat(backoff.next()).isEqualTo(100);
        assertThat(backoff.next()).isEqualTo(200);
        assertThat(backoff.next()).isEqualTo(350);
        assertThat(backoff.next()).isEqualTo(350);

        backoff.reset();
        assertThat(backoff.next()).isZero();
        assertThat(backoff.next()).isEqualTo(100);
    }
}
