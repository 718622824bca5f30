package io.tradingstack.gateway.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The paced agent's steps driven from the test thread, on a clock the test moves. */
class PacedLoopTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(7_000 * MILLI);
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger bursts = new AtomicInteger();

    @Test
    void shouldStepAtOnceThenOncePerPeriod() throws Exception {
        PacedSteps stepper = PacedLoop.stepper("market-simulation", 1_000, steps::incrementAndGet, bursts::incrementAndGet, now::get);

        assertThat(stepper.doWork()).isEqualTo(1);
        assertThat(stepper.doWork()).as("the burst of one step ends").isEqualTo(1);
        assertThat(bursts).hasValue(1);
        assertThat(stepper.doWork()).as("the next step is 1 ms away").isZero();
        assertThat(stepper.nextBurstNanos()).isEqualTo(now.get() + MILLI);
        now.addAndGet(MILLI);
        assertThat(stepper.doWork()).isEqualTo(1);

        assertThat(steps).hasValue(2);
        assertThat(stepper.roleName()).isEqualTo("market-simulation");
    }

    @Test
    void shouldCatchUpStepsThatFellBehindSoTheRateHolds() throws Exception {
        PacedSteps stepper = PacedLoop.stepper("market-simulation", 10_000, steps::incrementAndGet, bursts::incrementAndGet, now::get);

        now.addAndGet(10 * MILLI); // one park overslept by ten milliseconds: 100 steps are due
        while (stepper.doWork() > 0) {
            // each cycle does one step
        }

        assertThat(steps).hasValue(101);
        assertThat(bursts).as("the steps that fell due together end with one flush").hasValue(1);
    }

    @Test
    void shouldRunStepsInBurstsAtLeastTheMinimumIntervalApart() throws Exception {
        PacedSteps stepper = PacedLoop.stepper("market-simulation", 1_000_000, steps::incrementAndGet,
                bursts::incrementAndGet, now::get);
        long interval = PacedSteps.MIN_BURST_INTERVAL.toNanos();

        while (stepper.doWork() > 0) {
            // the first step is due at once
        }
        assertThat(steps).hasValue(1);
        now.addAndGet(interval / 2); // 100 steps are due, but the burst interval has not passed
        assertThat(stepper.doWork()).isZero();
        assertThat(stepper.nextBurstNanos()).isEqualTo(now.get() + interval / 2);
        now.addAndGet(interval / 2);
        while (stepper.doWork() > 0) {
            // the steps due in 200 µs at a million a second
        }

        assertThat(steps).hasValue(201);
        assertThat(bursts).hasValue(2);
    }

    @Test
    void shouldSkipAFailedStepRatherThanRetryItAtOnce() throws Exception {
        PacedSteps stepper = PacedLoop.stepper("news-simulation", 1, () -> {
            steps.incrementAndGet();
            throw new IllegalStateException("feed closed");
        }, bursts::incrementAndGet, now::get);

        assertThatIllegalStateException().as("the runner counts and logs it").isThrownBy(stepper::doWork);
        assertThat(stepper.doWork()).as("the burst ends").isEqualTo(1);
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
