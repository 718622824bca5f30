package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicScheduleTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(42 * MILLI);

    @Test
    void shouldBeDueOncePerPeriodAtAFixedRate() {
        PeriodicSchedule schedule = PeriodicSchedule.every(Duration.ofMillis(10), true, now::get);

        assertThat(schedule.claim()).as("due at once").isTrue();
        assertThat(schedule.claim()).isFalse();
        assertThat(schedule.dueNanos()).isEqualTo(52 * MILLI);

        now.set(55 * MILLI); // ran late: the next is still on the 10 ms grid
        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.dueNanos()).isEqualTo(62 * MILLI);
    }

    @Test
    void shouldWaitOnePeriodFirstUnlessAskedToRunAtOnce() {
        PeriodicSchedule schedule = PeriodicSchedule.every(Duration.ofMillis(10), false, now::get);

        assertThat(schedule.claim()).isFalse();
        now.addAndGet(10 * MILLI);
        assertThat(schedule.claim()).isTrue();
    }

    @Test
    void shouldResumeOnePeriodAfterAStallRatherThanBurst() {
        PeriodicSchedule schedule = PeriodicSchedule.every(Duration.ofMillis(10), true, now::get);
        schedule.claim();

        now.addAndGet(1_000 * MILLI);
        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.claim()).as("no run for each period missed").isFalse();
        assertThat(schedule.dueNanos()).isEqualTo(now.get() + 10 * MILLI);
    }

    @Test
    void shouldCatchUpAtARateUpToTheMaximumLagThenRestart() {
        PeriodicSchedule schedule = PeriodicSchedule.atRate(1_000, Duration.ofMillis(100), now::get);
        assertThat(schedule.period()).isEqualTo(Duration.ofMillis(1));
        assertThat(schedule.claim()).isTrue();

        now.addAndGet(5 * MILLI); // four runs behind and one due now: all five run back to back
        int caughtUp = 0;
        while (schedule.claim()) {
            caughtUp++;
        }
        assertThat(caughtUp).isEqualTo(5);

        now.addAndGet(500 * MILLI); // too far behind: no burst of 500
        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.claim()).isFalse();
        assertThat(schedule.dueNanos()).isEqualTo(now.get() + MILLI);
    }

    @Test
    void shouldRefuseARateThatIsNotPositiveAndFinite() {
        assertThatThrownBy(() -> PeriodicSchedule.atRate(0, Duration.ZERO, now::get))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("perSecond=0.0, must be positive and finite");
        assertThatThrownBy(() -> PeriodicSchedule.every(Duration.ZERO, true))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("period=PT0S, must be > 0");
    }
}
