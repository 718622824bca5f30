package io.tradingstack.ordermanager.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tradingstack.ordermanager.position.MarkedPosition;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.position.PositionView;
import java.math.BigDecimal;

/**
 * One position in the REST API, in currency units: signed {@code quantity}, the
 * {@code averagePrice} of what is open (absent when flat), the book's mid as {@code markPrice}
 * and {@code unrealizedPnl} at it (both absent when the book has no price for the symbol;
 * {@code markStatus} says why), and {@code realizedPnl}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PositionItem(String symbol, long quantity, BigDecimal averagePrice, BigDecimal markPrice, String markStatus,
        BigDecimal realizedPnl, BigDecimal unrealizedPnl) {

    public static PositionItem of(MarkedPosition marked) {
        PositionView position = marked.position();
        return new PositionItem(position.symbol(), position.quantity(),
            position.quantity() == 0 ? null : Money.toDecimal(position.averagePrice()),
            marked.hasMark() ? Money.toDecimal(marked.markPrice()) : null, marked.markStatus(),
            Money.toDecimal(position.realizedPnl()), marked.hasMark() ? Money.toDecimal(marked.unrealizedPnl()) : null);
    }
}
