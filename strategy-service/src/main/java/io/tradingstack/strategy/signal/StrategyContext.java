package io.tradingstack.strategy.signal;

import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Prices;

/** What a {@link Strategy} may ask while it decides, on the engine thread. */
public interface StrategyContext {

    /** What {@link #freshMid} returns when the slot is not FRESH. */
    long NO_PRICE = Prices.NONE;

    /** Its net position in {@code symbol} from FILLED executions only (shares, signed). */
    long position(String symbol);

    /** Whether an order of this strategy for {@code symbol} is sent and not yet answered or expired. */
    boolean orderPending(String symbol);

    /** The symbol's mid read from the price book now, fixed point; {@link #NO_PRICE} unless the slot is FRESH. */
    long freshMid(String symbol);

    /** The symbol's slot status read from the price book now (UNAVAILABLE while the book is not open). */
    SlotStatus priceStatus(String symbol);

    /** Epoch nanoseconds now. */
    long nowNanos();
}
