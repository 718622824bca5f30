package io.tradingstack.strategy.signal;

import io.tradingstack.protocol.NewsTick;
import java.util.List;

/**
 * A trading strategy. The engine calls it on its one thread only, so an implementation keeps
 * plain fields and takes no locks; it must return quickly and not block.
 *
 * <p>To add one, write one class and add one configuration entry:
 * <pre>{@code
 * @TradingStrategy("breakout")
 * public final class BreakoutStrategy implements Strategy {
 *     public BreakoutStrategy(StrategyDefinition definition) { ... }   // id, symbols, settings
 *     ...
 * }
 * }</pre>
 * in any package under {@code io.tradingstack.strategy}, then
 * {@code trading.strategy.strategies[1].id=breakout-1}, {@code ...[1].type=breakout},
 * {@code ...[1].symbols=AAPL}. Several strategies run side by side, each with its own id,
 * position and order connection.
 *
 * <p>What the engine guarantees: mids come from FRESH price-book slots only; a strategy's
 * position moves with FILLED executions only, never with what was sent; an order is sent only
 * for a symbol whose slot is FRESH at the moment of the decision and that has no order of this
 * strategy in flight (otherwise it is skipped and the reason shown as its last signal).
 */
public interface Strategy {

    /** The {@code strategyId}, as configured: on its orders, in its client order ids, in its logon. */
    String id();

    /** The symbols it trades: their mids are sampled for it and their news delivered to it. */
    List<String> symbols();

    /**
     * A mid sampled from a FRESH slot of the price book, every {@code sample-interval}, for each
     * of its symbols. Samples of STALE, EMPTY or UNAVAILABLE slots are not delivered.
     *
     * @param mid      fixed point ({@link io.tradingstack.protocol.Prices})
     * @param nowNanos the sample time, epoch nanoseconds, one clock read for all symbols of a sample
     */
    void onMid(String symbol, long mid, long nowNanos);

    /**
     * A news tick on one of its symbols, in feed order. Returns what to do; an order it asks for
     * carries the tick's {@code ts} as {@code originTs}.
     *
     * @param context its position and pending orders, and the book's fresh mids, as of now
     */
    Decision onNews(NewsTick news, StrategyContext context);
}
