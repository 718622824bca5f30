package io.tradingstack.ordermanager.api;

import io.tradingstack.ordermanager.position.MarkedPosition;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.position.PositionReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/positions}: net positions per symbol over all strategies, the same per
 * strategy, and the totals: realized over every position, unrealized over the positions the
 * book can mark. The web console streams the same shape.
 */
public record PositionsResponse(List<PositionItem> positions, List<StrategyPositions> strategies,
        BigDecimal realizedPnl, BigDecimal unrealizedPnl) {

    public record StrategyPositions(String strategyId, List<PositionItem> positions) {
    }

    /** The report in currency units, with its totals. */
    public static PositionsResponse of(PositionReport.Marked marked) {
        long realized = 0;
        long unrealized = 0;
        for (MarkedPosition position : marked.net()) {
            realized = Math.addExact(realized, position.position().realizedPnl());
            if (position.hasMark()) {
                unrealized = Math.addExact(unrealized, position.unrealizedPnl());
            }
        }
        List<StrategyPositions> strategies = new ArrayList<>();
        marked.byStrategy().forEach((strategy, positions) -> strategies.add(
            new StrategyPositions(strategy, positions.stream().map(PositionItem::of).toList())));
        return new PositionsResponse(marked.net().stream().map(PositionItem::of).toList(), strategies,
            Money.toDecimal(realized), Money.toDecimal(unrealized));
    }
}
