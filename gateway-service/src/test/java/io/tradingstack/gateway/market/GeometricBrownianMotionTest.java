package io.tradingstack.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class GeometricBrownianMotionTest {

    private static final double ONE_SECOND = 1.0 / GeometricBrownianMotion.SECONDS_PER_YEAR;

    @Test
    void shouldRepeatThePathForTheSameSeed() {
        assertThat(path(42, 10_000)).containsExactly(path(42, 10_000));
    }

    @Test
    void shouldFollowADifferentPathForADifferentSeed() {
        double[] first = path(42, 1_000);
        double[] second = path(43, 1_000);

        assertThat(first[0]).isNotEqualTo(second[0]);
        assertThat(first[999]).isNotEqualTo(second[999]);
    }

    @Test
    void shouldStayPositiveEvenWithExtremeVolatilityAndNegativeDrift() {
        GeometricBrownianMotion gbm = new GeometricBrownianMotion(1.0, -5.0, 5.0, 1.0 / 365, 7);

        for (int i = 0; i < 100_000; i++) {
            assertThat(gbm.next()).isPositive();
        }
    }

    @Test
    void shouldHaveLogReturnsWithTheConfiguredDriftAndVolatility() {
        double drift = 0.5;
        double volatility = 0.8;
        double step = 1.0 / (252 * 390); // one trading minute: 200,000 steps are two years, far from the bounds
        int steps = 200_000;
        GeometricBrownianMotion gbm = new GeometricBrownianMotion(100, drift, volatility, step, 11);
        double[] logReturns = new double[steps];
        double previous = gbm.price();
        for (int i = 0; i < steps; i++) {
            double next = gbm.next();
            logReturns[i] = Math.log(next / previous);
            previous = next;
        }

        double mean = Arrays.stream(logReturns).average().orElseThrow();
        double variance = Arrays.stream(logReturns).map(r -> (r - mean) * (r - mean)).sum() / (steps - 1);
        // Seeded, so the outcome is fixed; the tolerances are four standard errors of each estimate.
        double meanStandardError = volatility * Math.sqrt(step) / Math.sqrt(steps);
        assertThat(mean).isCloseTo((drift - volatility * volatility / 2) * step, within(4 * meanStandardError));
        assertThat(Math.sqrt(variance / step)).isCloseTo(volatility, within(4 * volatility / Math.sqrt(2.0 * steps)));
    }

    @Test
    void shouldRefuseANonPositiveStartOrStep() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeometricBrownianMotion(0, 0, 0.3, ONE_SECOND, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeometricBrownianMotion(100, 0, 0.3, 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new GeometricBrownianMotion(100, 0, -0.1, ONE_SECOND, 1));
    }

    private static double[] path(long seed, int steps) {
        GeometricBrownianMotion gbm = new GeometricBrownianMotion(190, 0.05, 0.3, ONE_SECOND, seed);
        double[] prices = new double[steps];
        for (int i = 0; i < steps; i++) {
            prices[i] = gbm.next();
        }
        return prices;
    }
}
