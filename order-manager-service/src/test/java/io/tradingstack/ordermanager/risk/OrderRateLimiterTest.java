package io.tradingstack.ordermanager.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final OrderRateLimiter limiter = new OrderRateLimiter(3, SECOND);

    @Test
    void shouldAdmitTheMaximumInAnySlidingWindowPerStrategy() {
        assertThat(limiter.tryAcquire("a", 0)).isTrue();
        assertThat(limiter.tryAcquire("a", 100)).isTrue();
        assertThat(limiter.tryAcquire("a", 200)).isTrue();
        assertThat(limiter.tryAcquire("a", 300)).isFalse();
        assertThat(limiter.tryAcquire("b", 300)).as("another strategy").isTrue();
        assertThat(limiter.tryAcquire("a", SECOND - 1)).isFalse();
        assertThat(limiter.tryAcquire("a", SECOND)).as("the first admission left the window").isTrue();
        assertThat(limiter.tryAcquire("a", SECOND + 50)).isFalse();
        assertThat(limiter.tryAcquire("a", SECOND + 100)).isTrue();
    }

    @Test
    void shouldNotCountRefusedOrders() {
        limiter.tryAcquire("a", 0);
        limiter.tryAcquire("a", 0);
        limiter.tryAcquire("a", 0);
        for (long t = 1; t < SECOND; t += SECOND / 10) {
            assertThat(limiter.tryAcquire("a", t)).isFalse();
        }
        assertThat(limiter.tryAcquire("a", SECOND)).as("refusals did not extend the block").isTrue();
    }
}
