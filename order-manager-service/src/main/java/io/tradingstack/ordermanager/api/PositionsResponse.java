package io.tradingstack.ordermanager.api;

import java.math.BigDecimal;
import java.util.List;

/**
 * {@code GET /api/positions}: net positions per symbol over all strategies, the same per
 * strategy, and the totals: realized over every position, unrealized over the positions the
 * book can mark.
 */
record PositionsResponse(List<PositionItem> positions, List<StrategyPositions> strategies, BigDecimal realizedPnl,
        BigDecimal unrealizedPnl) {

    record StrategyPositions(String strategyId, List<PositionItem> positions) {
    }
}
