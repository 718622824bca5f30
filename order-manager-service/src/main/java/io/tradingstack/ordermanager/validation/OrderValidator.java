package io.tradingstack.ordermanager.validation;

import io.tradingstack.ordermanager.RejectReason;
import io.tradingstack.ordermanager.Rejection;
import io.tradingstack.ordermanager.book.BookPrices;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.pricebook.PriceSnapshot;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The order on its own and the book's price, in this order: a traded
 * symbol, a quantity in 1..maxQuantity, a fresh price in the book, and a limit price within the
 * collar around the mid. The first rule broken is the rejection.
 *
 * <p>Used by the order engine only, under its lock; it reads the book into the engine's snapshot, which
 * holds the quote the later stages use when the order passes.
 */
public final class OrderValidator {

    private final Set<String> symbols;
    private final List<String> symbolList;
    private final long maxQuantity;
    private final long collarPpm;

    /** @param collarPpm the collar in parts per million of the mid */
    public OrderValidator(List<String> symbols, long maxQuantity, long collarPpm) {
        this.symbols = Set.copyOf(symbols);
        this.symbolList = List.copyOf(symbols);
        this.maxQuantity = maxQuantity;
        this.collarPpm = collarPpm;
    }

    /**
     * @param quote filled with the symbol's book slot when the symbol is traded
     * @return the first rule the order breaks, or null when it is valid and {@code quote} holds a fresh price
     */
    public Rejection validate(Order order, BookPrices book, PriceSnapshot quote, long nowNanos) {
        if (!symbols.contains(order.symbol())) {
            return new Rejection(RejectReason.UNKNOWN_SYMBOL, "traded=" + symbolList);
        }
        if (order.quantity() < 1 || order.quantity() > maxQuantity) {
            return new Rejection(RejectReason.QUANTITY_OUT_OF_RANGE, "allowed=1.." + maxQuantity);
        }
        SlotStatus status = book.read(order.symbol(), quote, nowNanos);
        if (status == null) {
            return new Rejection(RejectReason.NO_PRICE,
                book.isOpen() ? "book=open slot=unregistered" : "book=not-open cause=" + book.openFailure());
        }
        switch (status) {
            case FRESH -> {
                // valid so far
            }
            case STALE -> {
                return new Rejection(RejectReason.STALE_PRICE, "age=" + Duration.ofNanos(nowNanos - quote.updateTimestamp())
                    + " staleness=" + book.staleness());
            }
            case EMPTY, UNAVAILABLE -> {
                return new Rejection(RejectReason.NO_PRICE, "slot=" + status);
            }
        }
        if (order.hasLimitPrice() && !withinCollar(order.limitPrice(), quote.mid(), collarPpm)) {
            long width = Money.share(quote.mid(), collarPpm, 1_000_000L);
            return new Rejection(RejectReason.LIMIT_OUTSIDE_COLLAR, "mid=" + Prices.format(quote.mid()) + " allowed="
                + Prices.format(quote.mid() - width) + ".." + Prices.format(quote.mid() + width));
        }
        return null;
    }

    /** {@code |limit − mid| <= mid × collarPpm / 10^6}, exact in fixed point (the width truncated to the unit). */
    public static boolean withinCollar(long limit, long mid, long collarPpm) {
        long width = Money.share(mid, collarPpm, 1_000_000L);
        return Math.abs(limit - mid) <= width;
    }
}
