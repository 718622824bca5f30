package io.tradingstack.ordermanager.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.Prices;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void shouldMultiplyQuantityByFixedPointPriceExactly() {
        assertThat(Money.amount(4, Prices.parse("100.02"))).isEqualTo(Prices.parse("400.08"));
        assertThatThrownBy(() -> Money.amount(Long.MAX_VALUE / 2, 3)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void shouldSaturateInsteadOfOverflowingForLimitChecks() {
        assertThat(Money.saturatedAmount(Long.MAX_VALUE / 2, 3)).isEqualTo(Long.MAX_VALUE);
        assertThat(Money.saturatedAmount(-(Long.MAX_VALUE / 2), 3)).isEqualTo(Long.MIN_VALUE);
        assertThat(Money.saturatedAmount(6, 7)).isEqualTo(42);
        assertThat(Money.saturatedSum(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
        assertThat(Money.saturatedSum(40, 2)).isEqualTo(42);
    }

    @Test
    void shouldTakeAShareIn128BitsWithoutOverflow() {
        assertThat(Money.share(Prices.parse("1000.20"), 4, 10)).isEqualTo(Prices.parse("400.08"));
        assertThat(Money.share(-1000, -4, -10)).isEqualTo(-400);
        long big = Long.MAX_VALUE / 3;
        assertThat(Money.share(big, 7, 9)).isEqualTo(
            BigInteger.valueOf(big).multiply(BigInteger.valueOf(7)).divide(BigInteger.valueOf(9)).longValueExact());
        assertThatThrownBy(() -> Money.share(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldWriteAPlainDecimalWithoutTrailingZerosOrExponent() {
        assertThat(Money.toDecimal(Prices.parse("3.92"))).isEqualTo(new BigDecimal("3.92"));
        assertThat(Money.toDecimal(Prices.parse("100")).toString()).isEqualTo("100");
        assertThat(Money.toDecimal(1).toPlainString()).isEqualTo("0.00000001");
        assertThat(Money.toDecimal(-Prices.parse("1.5")).toString()).isEqualTo("-1.5");
    }
}
