package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicAgentTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(9 * MILLI);
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void shouldRunTheTaskOncePerDueTime() throws Exception {
        PeriodicAgent agent = new PeriodicAgent("beat", PeriodicSchedule.every(Duration.ofMillis(5), true, now::get),
            runs::incrementAndGet);

        assertThat(agent.doWork()).isEqualTo(1);
        assertThat(agent.doWork()).isZero();
        now.addAndGet(5 * MILLI);
        assertThat(agent.doWork()).isEqualTo(1);

        assertThat(runs).hasValue(2);
        assertThat(agent.roleName()).isEqualTo("beat");
    }

    @Test
    void shouldSkipAFailedRunRatherThanRetryItAtOnce() throws Exception {
        PeriodicAgent agent = new PeriodicAgent("beat", PeriodicSchedule.every(Duration.ofMillis(5), true, now::get), () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("disk full");
        });

        assertThatIllegalStateException().as("for the runner to count and log").isThrownBy(agent::doWork);
        assertThat(agent.doWork()).as("the failed run used its slot").isZero();
        assertThat(runs).hasValue(1);
    }
}
