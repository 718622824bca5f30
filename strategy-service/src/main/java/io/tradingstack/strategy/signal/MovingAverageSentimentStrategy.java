package io.tradingstack.strategy.signal;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference strategy, as the original assignment had it: a price signal and a news signal per symbol, and an
 * order only when both agree and the position would change.
 *
 * <ul>
 *   <li>Price: the short simple moving average of the sampled mid above the long one is
 *       {@code UP}, below it {@code DOWN}, equal {@code FLAT}. No decision before the long
 *       window is full.</li>
 *   <li>News: sentiment above the threshold is {@code BULLISH}, below it {@code BEARISH}, equal
 *       {@code NEUTRAL}.</li>
 *   <li>UP and BULLISH target a position of +orderSize, DOWN and BEARISH −orderSize; the order is
 *       for the difference to the current position (from fills), and none when it is zero. So
 *       the same signal never repeats an order, and a reversal sells (or buys) twice the size.</li>
 *   <li>No order while one for the symbol is in flight, nor unless the symbol's slot is FRESH.</li>
 * </ul>
 */
@TradingStrategy(MovingAverageSentimentStrategy.TYPE)
public final class MovingAverageSentimentStrategy implements Strategy {

    public static final String TYPE = "moving-average-sentiment";

    enum Trend { UP, DOWN, FLAT }

    enum Mood { BULLISH, BEARISH, NEUTRAL }

    private final String id;
    private final List<String> symbols;
    private final int sentimentThreshold;
    private final long orderSize;
    private final Map<String, Averages> averages = new HashMap<>();

    public MovingAverageSentimentStrategy(StrategyDefinition definition) {
        if (definition.shortWindow() >= definition.longWindow()) {
            throw new IllegalArgumentException("shortWindow=" + definition.shortWindow() + " must be below longWindow="
                + definition.longWindow());
        }
        this.id = definition.id();
        this.symbols = List.copyOf(definition.symbols());
        this.sentimentThreshold = definition.sentimentThreshold();
        this.orderSize = definition.orderSize();
        for (String symbol : symbols) {
            averages.put(symbol, new Averages(new MovingAverage(definition.shortWindow()),
                new MovingAverage(definition.longWindow())));
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public void onMid(String symbol, long mid, long nowNanos) {
        Averages symbolAverages = averages.get(symbol);
        if (symbolAverages != null) {
            symbolAverages.shortAverage.add(mid);
            symbolAverages.longAverage.add(mid);
        }
    }

    @Override
    public Decision onNews(NewsTick news, StrategyContext context) {
        String symbol = news.symbol();
        Averages symbolAverages = averages.get(symbol);
        if (symbolAverages == null) {
            return Decision.hold("NOT_TRADED: " + symbol + " is not one of " + symbols);
        }
        if (context.orderPending(symbol)) {
            return Decision.hold("ORDER_PENDING: an order for " + symbol + " is in flight");
        }
        MovingAverage longAverage = symbolAverages.longAverage;
        if (!longAverage.isFull()) {
            return Decision.hold("WARMING_UP: " + longAverage.count() + " of " + longAverage.size() + " mid samples");
        }
        if (context.freshMid(symbol) == StrategyContext.NO_PRICE) {
            return Decision.hold("NO_FRESH_PRICE: " + symbol + " slot is " + context.priceStatus(symbol));
        }
        long shortMean = symbolAverages.shortAverage.average();
        long longMean = longAverage.average();
        Trend trend = shortMean > longMean ? Trend.UP : shortMean < longMean ? Trend.DOWN : Trend.FLAT;
        int sentiment = news.sentiment();
        Mood mood = sentiment > sentimentThreshold ? Mood.BULLISH : sentiment < sentimentThreshold ? Mood.BEARISH : Mood.NEUTRAL;
        String why = "price " + trend + " (short " + Prices.format(shortMean) + " vs long " + Prices.format(longMean)
            + "), news " + mood + " (sentiment " + sentiment + " vs " + sentimentThreshold + ")";
        long target;
        if (trend == Trend.UP && mood == Mood.BULLISH) {
            target = orderSize;
        } else if (trend == Trend.DOWN && mood == Mood.BEARISH) {
            target = -orderSize;
        } else {
            return Decision.hold((trend == Trend.FLAT || mood == Mood.NEUTRAL ? "NO_SIGNAL: " : "DISAGREE: ") + why);
        }
        long position = context.position(symbol);
        long difference = target - position;
        if (difference == 0) {
            return Decision.hold("AT_TARGET: " + why + "; position " + position + " is the target");
        }
        Side side = difference > 0 ? Side.BUY : Side.SELL;
        long quantity = Math.abs(difference);
        return Decision.trade(side + " " + quantity + ": " + why + "; position " + position + " -> " + target,
            OrderIntent.market(symbol, side, quantity));
    }

    private record Averages(MovingAverage shortAverage, MovingAverage longAverage) {
    }

    @Override
    public String toString() {
        return "MovingAverageSentimentStrategy{id=" + id + ", symbols=" + symbols + '}';
    }
}
