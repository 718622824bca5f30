package io.tradingstack.ordermanager.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.position.Position;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Position 100 per symbol, gross notional 10,000, 5 orders per second. */
class RiskCheckTest {

    private static final long SECOND = 1_000_000_000L;

    private final RiskCheck risk = new RiskCheck(new RiskLimits(100, Prices.parse("10000"), 5));
    private final Map<String, Position> positions = new HashMap<>();
    private final Map<String, Long> mids = new HashMap<>();
    private final MarkSource marks = symbol -> mids.getOrDefault(symbol, Prices.NONE);
    private long now = 10 * SECOND;

    @Test
    void shouldPassAnOrderWithinEveryLimit() {
        assertThat(check(order("AAPL", Side.BUY, 50), "10")).isNull();
    }

    @Test
    void shouldRejectAnOrderWhenThePositionWouldExceedTheLimit() {
        hold("AAPL", 80, "10");
        assertThat(check(order("AAPL", Side.BUY, 20), "10")).isNull();
        Rejection rejection = check(order("AAPL", Side.BUY, 21), "10");
        assertThat(rejection.reason()).isEqualTo(RejectReason.POSITION_LIMIT);
        assertThat(rejection.detail()).contains("position=80", "after=101", "maxPosition=100");
        assertThat(check(order("AAPL", Side.SELL, 181), "10").reason()).isEqualTo(RejectReason.POSITION_LIMIT);
        assertThat(check(order("AAPL", Side.SELL, 180), "10")).isNull();
    }

    @Test
    void shouldLetAPositionAboveTheLimitBeReduced() {
        hold("AAPL", 150, "10");
        assertThat(check(order("AAPL", Side.SELL, 10), "10")).isNull();
        assertThat(check(order("AAPL", Side.BUY, 1), "10").reason()).isEqualTo(RejectReason.POSITION_LIMIT);
    }

    @Test
    void shouldRejectAnOrderWhenTheGrossNotionalWouldExceedTheLimit() {
        assertThat(check(order("AAPL", Side.BUY, 100), "100")).isNull(); // 10,000
        Rejection rejection = check(order("AAPL", Side.BUY, 100), "100.01");
        assertThat(rejection.reason()).isEqualTo(RejectReason.NOTIONAL_LIMIT);
        assertThat(rejection.detail()).contains("after=10001", "maxGrossNotional=10000");
    }

    @Test
    void shouldCountOtherSymbolsAtTheirMidOrElseTheirLastFillPrice() {
        hold("MSFT", -50, "100");
        mids.put("MSFT", Prices.parse("150")); // |−50| × 150 = 7,500
        assertThat(check(order("AAPL", Side.BUY, 25), "100")).isNull(); // + 2,500 = 10,000
        assertThat(check(order("AAPL", Side.BUY, 26), "100").reason()).isEqualTo(RejectReason.NOTIONAL_LIMIT);
        mids.clear(); // no price in the book: 50 × 100 (last fill) = 5,000
        assertThat(check(order("AAPL", Side.BUY, 50), "100")).isNull();
        assertThat(check(order("AAPL", Side.BUY, 51), "100").reason()).isEqualTo(RejectReason.NOTIONAL_LIMIT);
    }

    @Test
    void shouldLetTheGrossNotionalBeReducedWhenAboveTheLimit() {
        hold("AAPL", 90, "100");
        mids.put("AAPL", Prices.parse("200")); // 18,000 at the mid: over the limit since the price doubled
        assertThat(check(order("AAPL", Side.SELL, 10), "200")).isNull();
        hold("MSFT", 10, "100");
        assertThat(check(order("MSFT", Side.SELL, 5), "100")).isNull();
        assertThat(check(order("MSFT", Side.BUY, 5), "100").reason()).isEqualTo(RejectReason.NOTIONAL_LIMIT);
    }

    @Test
    void shouldRejectTheOrderBeyondTheRateOfItsStrategyFirst() {
        for (int i = 0; i < 5; i++) {
            assertThat(risk.check(order("AAPL", Side.BUY, 1), Prices.parse("10"), positions, marks, now + i)).isNull();
        }
        Rejection rejection = risk.check(order("AAPL", Side.BUY, 1000), Prices.parse("10"), positions, marks, now + 5);
        assertThat(rejection.reason()).as("rate before position").isEqualTo(RejectReason.ORDER_RATE_LIMIT);
        assertThat(rejection.detail()).contains("maxOrdersPerSecond=5");
        assertThat(risk.check(new Order("o", "other", "AAPL", Side.BUY, 1, Prices.NONE, 0), Prices.parse("10"),
            positions, marks, now + 5)).as("another strategy").isNull();
        assertThat(risk.check(order("AAPL", Side.BUY, 1), Prices.parse("10"), positions, marks, now + SECOND)).isNull();
    }

    /** One order a second: never near the rate limit. */
    private Rejection check(Order order, String fillPrice) {
        now += SECOND;
        return risk.check(order, Prices.parse(fillPrice), positions, marks, now);
    }

    private void hold(String symbol, long quantity, String price) {
        positions.computeIfAbsent(symbol, s -> new Position()).fill(quantity, Prices.parse(price));
    }

    private static Order order(String symbol, Side side, long quantity) {
        return new Order("id", "s1", symbol, side, quantity, Prices.NONE, 0);
    }
}
