package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PricesTest {

    @Test
    void shouldScalePricesByTenToTheEighth() {
        assertThat(Prices.fromDouble(189.12)).isEqualTo(18_912_000_000L);
        assertThat(Prices.fromDouble(0.00000001)).isEqualTo(1L);
        assertThat(Prices.fromDouble(-1.5)).isEqualTo(-150_000_000L);
        assertThat(Prices.toDouble(18_912_000_000L)).isEqualTo(189.12);
        assertThat(Prices.parse("187.25")).isEqualTo(18_725_000_000L);
        assertThat(Prices.format(18_725_000_000L)).isEqualTo("187.25");
    }

    @Test
    void shouldRejectPricesThatDoNotFitInALong() {
        assertThatThrownBy(() -> Prices.fromDouble(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prices.fromDouble(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prices.fromDouble(1e12)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prices.parse("1.000000001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldComputeMidWithoutOverflow() {
        assertThat(Prices.mid(Long.MAX_VALUE - 2, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE - 1);
        assertThat(Prices.mid(100, 103)).isEqualTo(101);
    }

    @Test
    void shouldAcceptOnlySymbolsThatNeedNoEscaping() {
        assertThat(Symbols.isValid("BRK.B")).isTrue();
        assertThat(Symbols.isValid("ABCDEFGHIJKLMNOP")).isTrue();
        assertThat(Symbols.isValid("ABCDEFGHIJKLMNOPQ")).isFalse();
        assertThat(Symbols.isValid("BRK B")).isFalse();
        assertThat(Symbols.isValid("A\"B")).isFalse();
        assertThat(Symbols.isValid("A\\B")).isFalse();
        assertThat(Symbols.isValid("")).isFalse();
        assertThat(Symbols.isValid("Ä")).isFalse();
    }
}
