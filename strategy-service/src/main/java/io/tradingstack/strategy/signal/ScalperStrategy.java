package io.tradingstack.strategy.signal;

import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Side;
import java.util.List;

/**
 * A flow strategy: on every news tick of a symbol it trades {@code orderSize} shares at the
 * market, buying when flat or short and selling when long, so its position swings between 0
 * and +orderSize and never drifts. It ignores the news's content.
 *
 * <p>It is the order flow the crash and load tests need — one order per news tick, as fast as
 * the order manager answers — and a way for a user to see how much order traffic the stack
 * carries. {@code parameters.max-orders} ends the flow after that many orders (0, the default,
 * never ends it), so a test knows how many to expect.
 */
@TradingStrategy(ScalperStrategy.TYPE)
public final class ScalperStrategy implements Strategy {

    public static final String TYPE = "scalper";

    /** The free parameter that bounds the number of orders. */
    public static final String MAX_ORDERS = "max-orders";

    private final String id;
    private final List<String> symbols;
    private final long orderSize;
    private final long maxOrders;
    private long ordersAsked;

    public ScalperStrategy(StrategyDefinition definition) {
        this.id = definition.id();
        this.symbols = List.copyOf(definition.symbols());
        this.orderSize = definition.orderSize();
        String maxOrders = definition.parameter(MAX_ORDERS, "0");
        try {
            this.maxOrders = Long.parseLong(maxOrders);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameters." + MAX_ORDERS + "=" + maxOrders + " is not a whole number");
        }
        if (this.maxOrders < 0) {
            throw new IllegalArgumentException("parameters." + MAX_ORDERS + "=" + maxOrders + ", must be >= 0 (0: no end)");
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
        // Trades on news alone: the engine still sends only on a FRESH slot.
    }

    @Override
    public Decision onNews(NewsTick news, StrategyContext context) {
        if (maxOrders > 0 && ordersAsked >= maxOrders) {
            return Decision.hold("DONE: " + ordersAsked + " orders asked, max-orders=" + maxOrders);
        }
        if (context.orderPending(news.symbol())) {
            return Decision.hold("WAIT: an order for " + news.symbol() + " is in flight");
        }
        SlotStatus price = context.priceStatus(news.symbol());
        if (price != SlotStatus.FRESH) {
            // Checked here as well as by the engine so that max-orders counts orders sent.
            return Decision.hold("WAIT: price " + price);
        }
        long position = context.position(news.symbol());
        Side side = position > 0 ? Side.SELL : Side.BUY;
        ordersAsked++;
        return Decision.trade(side + " " + orderSize + ": position " + position,
            OrderIntent.market(news.symbol(), side, orderSize));
    }
}
