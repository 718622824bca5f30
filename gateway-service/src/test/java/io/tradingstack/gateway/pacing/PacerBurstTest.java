package io.tradingstack.gateway.pacing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerBurstTest {

    @Test
    void shouldNeverRunAStepBeforeItIsDueNorBurstMoreOftenThanTheMinimumInterval() throws Exception {
        double perSecond = 2_000_000; // a period of 500 ns, far below what a park can resolve
        long minInterval = 200_000;
        long start = System.nanoTime(); // before the pacer's own start, so the bound below is never too tight
        Pacer pacer = new Pacer(perSecond);
        long previousBurst = Long.MIN_VALUE;
        long steps = 0;
        for (int burst = 0; burst < 50; burst++) {
            int due = pacer.awaitBurst(minInterval);
            long now = System.nanoTime();
            assertThat(due).isBetween(1, 4_096);
            if (previousBurst != Long.MIN_VALUE) {
                assertThat(now - previousBurst).as("time since the previous burst").isGreaterThanOrEqualTo(minInterval);
            }
            previousBurst = now;
            steps += due;
            long allowed = 1 + (now - start) / pacer.periodNanos();
            assertThat(steps).as("steps run by %d ns", now - start).isLessThanOrEqualTo(allowed);
        }
        assertThat(steps).as("50 bursts of a 500 ns period, each at least 200 µs apart, run many steps each")
                .isGreaterThan(50);
    }
}
