package io.tradingstack.ordermanager.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.protocol.Prices;
import org.junit.jupiter.api.Test;

class CollarTest {

    @Test
    void shouldAcceptALimitUpToTheCollarOnEitherSideOfTheMid() {
        long mid = Prices.parse("100");
        long fivePercent = 50_000;
        assertThat(OrderValidator.withinCollar(Prices.parse("105"), mid, fivePercent)).isTrue();
        assertThat(OrderValidator.withinCollar(Prices.parse("95"), mid, fivePercent)).isTrue();
        assertThat(OrderValidator.withinCollar(Prices.parse("105.00000001"), mid, fivePercent)).isFalse();
        assertThat(OrderValidator.withinCollar(Prices.parse("94.99999999"), mid, fivePercent)).isFalse();
    }

    @Test
    void shouldOnlyAcceptTheMidWithAZeroCollar() {
        long mid = Prices.parse("100.01");
        assertThat(OrderValidator.withinCollar(mid, mid, 0)).isTrue();
        assertThat(OrderValidator.withinCollar(mid + 1, mid, 0)).isFalse();
    }

    @Test
    void shouldNotOverflowForAHugeMid() {
        long mid = Long.MAX_VALUE / 2;
        assertThat(OrderValidator.withinCollar(mid, mid, 1_000_000)).isTrue();
        assertThat(OrderValidator.withinCollar(1, mid, 1_000_000)).isTrue();
        assertThat(OrderValidator.withinCollar(1, mid, 500_000)).isFalse();
    }
}
