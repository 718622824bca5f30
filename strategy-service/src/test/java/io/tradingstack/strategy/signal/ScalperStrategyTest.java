package io.tradingstack.strategy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow strategy: one order per news tick, swinging between flat and long, bounded by max-orders. */
class ScalperStrategyTest {

    private final FakeContext context = new FakeContext();
    private long seq;

    @Test
    void shouldBuyWhenFlatOrShortAndSellWhenLong() {
        ScalperStrategy scalper = scalper(Map.of());

        assertThat(scalper.onNews(news("AAPL"), context).order()).isEqualTo(OrderIntent.market("AAPL", Side.BUY, 10));
        context.positions.put("AAPL", 10L);
        assertThat(scalper.onNews(news("AAPL"), context).order()).isEqualTo(OrderIntent.market("AAPL", Side.SELL, 10));
        context.positions.put("AAPL", -10L);
        assertThat(scalper.onNews(news("AAPL"), context).order().side()).isEqualTo(Side.BUY);
    }

    @Test
    void shouldWaitWhileAnOrderIsInFlightOrThePriceIsNotFresh() {
        ScalperStrategy scalper = scalper(Map.of(ScalperStrategy.MAX_ORDERS, "1"));
        context.pending.add("AAPL");
        assertThat(scalper.onNews(news("AAPL"), context).trades()).isFalse();
        context.pending.clear();
        context.statuses.put("AAPL", SlotStatus.STALE);
        assertThat(scalper.onNews(news("AAPL"), context).signal()).isEqualTo("WAIT: price STALE");

        context.statuses.put("AAPL", SlotStatus.FRESH);
        assertThat(scalper.onNews(news("AAPL"), context).trades()).as("waits did not use up max-orders").isTrue();
    }

    @Test
    void shouldStopAfterMaxOrders() {
        ScalperStrategy scalper = scalper(Map.of(ScalperStrategy.MAX_ORDERS, "3"));
        int orders = 0;
        for (int i = 0; i < 10; i++) {
            if (scalper.onNews(news(i % 2 == 0 ? "AAPL" : "MSFT"), context).trades()) {
                orders++;
            }
        }
        assertThat(orders).isEqualTo(3);
        assertThat(scalper.onNews(news("AAPL"), context).signal()).startsWith("DONE: 3 orders");
    }

    @Test
    void shouldRefuseAMaxOrdersThatIsNoCount() {
        assertThatThrownBy(() -> scalper(Map.of(ScalperStrategy.MAX_ORDERS, "many")))
            .hasMessageContaining("parameters.max-orders=many is not a whole number");
        assertThatThrownBy(() -> scalper(Map.of(ScalperStrategy.MAX_ORDERS, "-1")))
            .hasMessageContaining("must be >= 0");
    }

    @Test
    void shouldBeFoundByItsTypeName() {
        assertThat(StrategyTypes.scan(StrategyTypes.BASE_PACKAGE).create(definition(Map.of())))
            .isInstanceOf(ScalperStrategy.class);
    }

    private static ScalperStrategy scalper(Map<String, String> parameters) {
        return new ScalperStrategy(definition(parameters));
    }

    private static StrategyDefinition definition(Map<String, String> parameters) {
        return new StrategyDefinition("scalper-1", ScalperStrategy.TYPE, List.of("AAPL", "MSFT"), 5, 20, 50, 10, "",
            parameters);
    }

    private NewsTick news(String symbol) {
        seq++;
        return new NewsTick(1, seq, symbol, 50, "headline", seq);
    }
}
