package io.tradingstack.benchmarks.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WakeUpMeterTest {

    private long now = 5_000_000_000L;

    @Test
    void shouldRecordHowMuchLongerThanTheParkEachWakeUpCame() {
        WakeUpMeter meter = new WakeUpMeter(() -> now);

        meter.doWork(); // the first call only starts the clock
        now += WakeUpMeter.PARK_NANOS + 60_000; // 60 µs late
        meter.doWork();
        now += WakeUpMeter.PARK_NANOS + 2_000_000; // 2 ms late
        meter.doWork();
        now += WakeUpMeter.PARK_NANOS - 1_000; // early: a park may return sooner, never negative
        meter.doWork();

        Histogram late = meter.recorded();
        assertThat(late.getTotalCount()).isEqualTo(3);
        assertThat(late.getMinValue()).isZero();
        assertThat(late.getValueAtPercentile(50)).isBetween(59_000L, 61_000L);
        assertThat(late.getMaxValue()).isBetween(1_999_000L, 2_001_000L);
        assertThat(meter.recorded().getTotalCount()).as("each call gives what came since the previous").isZero();
    }

    @Test
    void shouldMeasureOnItsOwnThreadUntilStopped() throws InterruptedException {
        WakeUpMeter.Running running = WakeUpMeter.start();
        long recorded = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (recorded < 3 && System.nanoTime() < deadline) { // three wake-ups measured, however long the machine takes
            Thread.sleep(10);
            recorded += running.meter().recorded().getTotalCount();
        }
        assertThat(recorded).isGreaterThanOrEqualTo(3);
        assertThat(running.thread().thread().getName()).isEqualTo("wake-up-meter");

        running.stop();

        assertThat(running.thread().isClosed()).isTrue();
    }
}
