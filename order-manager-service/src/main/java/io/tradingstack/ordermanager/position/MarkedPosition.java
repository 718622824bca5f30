package io.tradingstack.ordermanager.position;

import io.tradingstack.protocol.Prices;

/**
 * A position marked to the book.
 *
 * @param markPrice  the book's mid, fixed point; {@link Prices#NONE} when the book has no price
 * @param markStatus the book slot's status ({@code FRESH}, {@code STALE}, {@code EMPTY},
 *                   {@code UNAVAILABLE}), or {@code NO_PRICE} when the book is not open or
 *                   does not hold the symbol
 */
public record MarkedPosition(PositionView position, long markPrice, String markStatus) {

    public boolean hasMark() {
        return markPrice != Prices.NONE;
    }

    /** {@code quantity × mark − cost}, fixed point; only with a mark. */
    public long unrealizedPnl() {
        if (!hasMark()) {
            throw new IllegalStateException("no mark for " + position.symbol() + ", markStatus=" + markStatus);
        }
        return position.unrealizedPnl(markPrice);
    }
}
