package io.tradingstack.gateway.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.agent.PeriodicAgent;
import org.junit.jupiter.api.Test;

/** The paced agent's steps driven from the test thread, on a clock the test moves. */
class PacedLoopTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(7_000 * MILLI);
    private final AtomicInteger steps = new AtomicInteger();

    @Test
    void shouldStepAtOnceThenOncePerPeriod() throws Exception {
        PeriodicAgent stepper = PacedLoop.stepper("market-simulation", 1_000, steps::incrementAndGet, now::get);

        assertThat(stepper.doWork()).isEqualTo(1);
        assertThat(stepper.doWork()).as("the next step is 1 ms away").isZero();
        now.addAndGet(MILLI);
        assertThat(stepper.doWork()).isEqualTo(1);

        assertThat(steps).hasValue(2);
        assertThat(stepper.roleName()).isEqualTo("market-simulation");
    }

    @Test
    void shouldCatchUpStepsThatFellBehindSoTheRateHolds() throws Exception {
        PeriodicAgent stepper = PacedLoop.stepper("market-simulation", 10_000, steps::incrementAndGet, now::get);

        now.addAndGet(10 * MILLI); // one park overslept by ten milliseconds: 100 steps are due
        while (stepper.doWork() > 0) {
            // each cycle does one step
        }

        assertThat(steps).hasValue(101);
    }

    @Test
    void shouldSkipAFailedStepRatherThanRetryItAtOnce() throws Exception {
        PeriodicAgent stepper = PacedLoop.stepper("news-simulation", 1, () -> {
            steps.incrementAndGet();
            throw new IllegalStateException("feed closed");
        }, now::get);

        assertThatIllegalStateException().as("the runner counts and logs it").isThrownBy(stepper::doWork);
        assertThat(stepper.doWork()).as("the failed step used its slot: the next is a second away").isZero();
        assertThat(steps).hasValue(1);
    }

    @Test
    void shouldRefuseANegativeOrNonFiniteRate() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PacedLoop("news-simulation", -1, () -> { }, new SimpleMeterRegistry()))
                .withMessage("news-simulation: perSecond=-1.0, must be finite and >= 0");
    }

    @Test
    void shouldRunNoThreadAtRateZero() {
        PacedLoop loop = new PacedLoop("news-simulation", 0, steps::incrementAndGet, new SimpleMeterRegistry());

        loop.start();
        assertThat(loop.isRunning()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("news-simulation"));
        loop.stop();

        assertThat(steps).hasValue(0);
    }
}
