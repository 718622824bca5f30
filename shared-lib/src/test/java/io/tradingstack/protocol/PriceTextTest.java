package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "187.25, 18725000000",
            "187.250000000000000000000, 18725000000",
            "0.00000001, 1",
            "1, 100000000",
            "100, 10000000000",
            "1.5e2, 15000000000",
            "1.5E+2, 15000000000",
            "12500e-2, 12500000000",
            "1e-8, 1",
            "1.0e-8, 1",
            "0.0, 0",
            "0e5, 0",
            "-2.5, -250000000",
            "92233720368.54775807, 9223372036854775807",
            "92233720368547758070000000000e-18, 9223372036854775807",
            "1e00000000000000000002, 10000000000",
            "0.000000001, NOT",
            "92233720368.54775808, NOT",
            "-92233720368.54775808, NOT",
            "92233720369, NOT",
            "1e400, NOT",
            "1e-400, NOT",
            "1e99999999999999999999, NOT"})
    void shouldParsePricesExactlyOrRefuseThem(String text, String expected) {
        char[] chars = text.toCharArray();
        long parsed = PriceText.parse(chars, 0, chars.length);
        assertThat(parsed).isEqualTo(expected.equals("NOT") ? PriceText.NOT_REPRESENTABLE : Long.parseLong(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0", "1, 0.00000001", "18725000000, 187.25", "-250000000, -2.5", "100000000, 1",
            "9223372036854775807, 92233720368.54775807", "-9223372036854775808, -92233720368.54775808"})
    void shouldWriteTheShortestExactDecimal(long fixedPoint, String expected) {
        char[] buffer = new char[PriceText.MAX_LENGTH];
        int end = PriceText.write(fixedPoint, buffer, 0);
        assertThat(new String(buffer, 0, end)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void writtenPricesAreTheShortestExactDecimalAndReadBack(@ForAll @LongRange(min = -Long.MAX_VALUE) long fixedPoint) {
        char[] buffer = new char[PriceText.MAX_LENGTH];
        int end = PriceText.write(fixedPoint, buffer, 0);
        String text = new String(buffer, 0, end);

        assertThat(text).isEqualTo(BigDecimal.valueOf(fixedPoint, Prices.DECIMALS).stripTrailingZeros().toPlainString());
        assertThat(PriceText.parse(buffer, 0, end)).isEqualTo(fixedPoint);
        assertThat(Prices.format(fixedPoint)).isEqualTo(text);
    }

    /** Any JSON spelling of a price that BigDecimal can state exactly in 8 decimals reads as that value. */
    @Property(tries = 2000)
    void readsEveryExponentFormAsBigDecimalDoes(@ForAll @LongRange(min = 0) long fixedPoint,
                                                @ForAll @net.jqwik.api.constraints.IntRange(min = -30, max = 30) int shift) {
        String text = BigDecimal.valueOf(fixedPoint, Prices.DECIMALS).movePointLeft(shift).toPlainString() + "E" + shift;
        char[] chars = text.toCharArray();
        assertThat(PriceText.parse(chars, 0, chars.length)).as(text).isEqualTo(fixedPoint);
    }

    @Property(tries = 500)
    void midIsTheFloorOfTheAverageWithoutOverflow(@ForAll @LongRange(min = 1) long bid, @ForAll @LongRange(min = 1) long ask) {
        BigDecimal exact = BigDecimal.valueOf(bid).add(BigDecimal.valueOf(ask)).divide(BigDecimal.valueOf(2), 0, java.math.RoundingMode.FLOOR);
        assertThat(Prices.mid(bid, ask)).isEqualTo(exact.longValueExact());
    }
}
