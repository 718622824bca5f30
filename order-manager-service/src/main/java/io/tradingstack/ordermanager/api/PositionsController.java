package io.tradingstack.ordermanager.api;

import io.tradingstack.ordermanager.position.MarkedPosition;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.position.PositionReport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only positions and P&amp;L marked to the book's mid. */
@RestController
class PositionsController {

    private final PositionReport report;

    PositionsController(PositionReport report) {
        this.report = report;
    }

    @GetMapping("/api/positions")
    PositionsResponse positions() {
        PositionReport.Marked marked = report.report();
        long realized = 0;
        long unrealized = 0;
        for (MarkedPosition position : marked.net()) {
            realized = Math.addExact(realized, position.position().realizedPnl());
            if (position.hasMark()) {
                unrealized = Math.addExact(unrealized, position.unrealizedPnl());
            }
        }
        List<PositionsResponse.StrategyPositions> strategies = new ArrayList<>();
        marked.byStrategy().forEach((strategy, positions) -> strategies.add(
            new PositionsResponse.StrategyPositions(strategy, positions.stream().map(PositionItem::of).toList())));
        return new PositionsResponse(marked.net().stream().map(PositionItem::of).toList(), strategies,
            Money.toDecimal(realized), Money.toDecimal(unrealized));
    }
}
