package io.tradingstack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PeriodicScheduleTest {

    private static final long MILLI = 1_000_000L;

    private final AtomicLong now = new AtomicLong(42 * MILLI);

    @Test
    void shouldBeDueOncePerPeriodAtAFixedRate() {
        PeriodicSchedule schedule = new PeriodicSchedule(Duration.ofMillis(10), true, now::get);

        assertThat(schedule.claim()).as("due at once").isTrue();
        assertThat(schedule.claim()).isFalse();
        assertThat(schedule.dueNanos()).isEqualTo(52 * MILLI);

        now.set(55 * MILLI); // ran late: the next is still on the 10 ms grid
        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.dueNanos()).isEqualTo(62 * MILLI);
    }

    @Test
    void shouldWaitOnePeriodFirstUnlessAskedToRunAtOnce() {
        PeriodicSchedule schedule = new PeriodicSchedule(Duration.ofMillis(10), false, now::get);

        assertThat(schedule.claim()).isFalse();
        now.addAndGet(10 * MILLI);
        assertThat(schedule.claim()).isTrue();
    }

    @Test
    void shouldResumeOnePeriodAfterAStallRatherThanBurst() {
        PeriodicSchedule schedule = new PeriodicSchedule(Duration.ofMillis(10), true, now::get);
        schedule.claim();

        now.addAndGet(1_000 * MILLI);
        assertThat(schedule.claim()).isTrue();
        assertThat(schedule.claim()).as("no run for each period missed").isFalse();
        assertThat(schedule.dueNanos()).isEqualTo(now.get() + 10 * MILLI);
    }
}
