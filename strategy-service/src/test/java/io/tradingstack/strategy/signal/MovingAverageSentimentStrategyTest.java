package io.tradingstack.strategy.signal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MovingAverageSentimentStrategyTest {

    private static final long SIZE = 100;

    private final MovingAverageSentimentStrategy strategy = new MovingAverageSentimentStrategy(
        new StrategyDefinition("momentum-1", MovingAverageSentimentStrategy.TYPE, List.of("AAPL", "MSFT"), 2, 4, 50, SIZE,
            "", Map.of()));
    private final FakeContext context = new FakeContext();
    private long seq;

    @Test
    void shouldBuyTheOrderSizeWhenPriceTrendsUpAndNewsIsBullish() {
        trend("AAPL", +1, 4);

        Decision decision = strategy.onNews(news("AAPL", 80), context);

        assertThat(decision.order()).isEqualTo(OrderIntent.market("AAPL", Side.BUY, SIZE));
        assertThat(decision.signal()).startsWith("BUY 100: price UP").contains("news BULLISH (sentiment 80 vs 50)");
    }

    @Test
    void shouldSellToMinusTheOrderSizeWhenPriceTrendsDownAndNewsIsBearish() {
        trend("AAPL", -1, 4);

        assertThat(strategy.onNews(news("AAPL", 20), context).order())
            .isEqualTo(OrderIntent.market("AAPL", Side.SELL, SIZE));

        context.positions.put("AAPL", SIZE);
        assertThat(strategy.onNews(news("AAPL", 20), context).order()).as("from long to short: twice the size")
            .isEqualTo(OrderIntent.market("AAPL", Side.SELL, 2 * SIZE));

        context.positions.put("AAPL", -SIZE);
        assertThat(strategy.onNews(news("AAPL", 20), context).trades()).as("already short the size").isFalse();
    }

    @Test
    void shouldNotTradeWhenPriceAndNewsDisagree() {
        trend("AAPL", +1, 4);
        Decision upButBearish = strategy.onNews(news("AAPL", 30), context);

        trend("MSFT", -1, 4);
        Decision downButBullish = strategy.onNews(news("MSFT", 70), context);

        assertThat(upButBearish.trades()).isFalse();
        assertThat(upButBearish.signal()).startsWith("DISAGREE: price UP").contains("news BEARISH");
        assertThat(downButBullish.trades()).isFalse();
        assertThat(downButBullish.signal()).startsWith("DISAGREE: price DOWN").contains("news BULLISH");
    }

    @Test
    void shouldNotTradeOnNeutralNewsOrAFlatPrice() {
        trend("AAPL", +1, 4);
        Decision neutral = strategy.onNews(news("AAPL", 50), context);

        trend("MSFT", 0, 4);
        Decision flat = strategy.onNews(news("MSFT", 90), context);

        assertThat(neutral.trades()).isFalse();
        assertThat(neutral.signal()).startsWith("NO_SIGNAL").contains("NEUTRAL");
        assertThat(flat.trades()).isFalse();
        assertThat(flat.signal()).startsWith("NO_SIGNAL: price FLAT");
    }

    @Test
    void shouldNotRepeatAnOrderForTheSameSignal() {
        trend("AAPL", +1, 4);
        assertThat(strategy.onNews(news("AAPL", 80), context).trades()).isTrue();
        context.positions.put("AAPL", SIZE);

        Decision again = strategy.onNews(news("AAPL", 95), context);

        assertThat(again.trades()).isFalse();
        assertThat(again.signal()).startsWith("AT_TARGET");
    }

    @Test
    void shouldAimAtTheTargetFromThePositionItIsGivenNotFromWhatItAskedFor() {
        trend("AAPL", +1, 4);
        assertThat(strategy.onNews(news("AAPL", 80), context).order().quantity()).isEqualTo(SIZE);

        // The first order was rejected: no fill, the position is still 0, so the same signal asks again.
        assertThat(strategy.onNews(news("AAPL", 80), context).order()).isEqualTo(OrderIntent.market("AAPL", Side.BUY, SIZE));

        // A partial position from earlier fills: only the difference is bought.
        context.positions.put("AAPL", 40L);
        assertThat(strategy.onNews(news("AAPL", 80), context).order()).isEqualTo(OrderIntent.market("AAPL", Side.BUY, 60));
    }

    @Test
    void shouldNotTradeUntilTheLongWindowIsFull() {
        trend("AAPL", +1, 3);

        Decision warmingUp = strategy.onNews(news("AAPL", 90), context);

        assertThat(warmingUp.trades()).isFalse();
        assertThat(warmingUp.signal()).isEqualTo("WARMING_UP: 3 of 4 mid samples");

        strategy.onMid("AAPL", Prices.parse("200"), context.now);
        assertThat(strategy.onNews(news("AAPL", 90), context).trades()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SlotStatus.class, names = {"STALE", "EMPTY", "UNAVAILABLE"})
    void shouldNotTradeUnlessTheSlotIsFresh(SlotStatus status) {
        trend("AAPL", +1, 4);
        context.statuses.put("AAPL", status);

        Decision decision = strategy.onNews(news("AAPL", 90), context);

        assertThat(decision.trades()).isFalse();
        assertThat(decision.signal()).isEqualTo("NO_FRESH_PRICE: AAPL slot is " + status);
    }

    @Test
    void shouldNotTradeWhileAnOrderForTheSymbolIsInFlight() {
        trend("AAPL", +1, 4);
        context.pending.add("AAPL");

        Decision decision = strategy.onNews(news("AAPL", 90), context);

        assertThat(decision.trades()).isFalse();
        assertThat(decision.signal()).startsWith("ORDER_PENDING");
    }

    @Test
    void shouldKeepEachSymbolsAveragesApart() {
        trend("AAPL", +1, 4);
        trend("MSFT", -1, 4);

        assertThat(strategy.onNews(news("AAPL", 90), context).order().side()).isEqualTo(Side.BUY);
        assertThat(strategy.onNews(news("MSFT", 10), context).order().side()).isEqualTo(Side.SELL);
    }

    @Test
    void shouldIgnoreNewsOnSymbolsItDoesNotTrade() {
        Decision decision = strategy.onNews(news("GOOGL", 99), context);

        assertThat(decision.trades()).isFalse();
        assertThat(decision.signal()).startsWith("NOT_TRADED");
    }

    /** {@code samples} mids in a row, each one cent above (+1), below (-1) or equal to (0) the last. */
    private void trend(String symbol, int direction, int samples) {
        long mid = Prices.parse("100");
        for (int i = 0; i < samples; i++) {
            mid += direction * Prices.parse("0.01");
            strategy.onMid(symbol, mid, context.now + i);
        }
    }

    private NewsTick news(String symbol, int sentiment) {
        seq++;
        return new NewsTick(7, seq, symbol, sentiment, "headline " + seq, 1_700_000_000_000_000_000L + seq);
    }
}
