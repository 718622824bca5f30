package io.tradingstack.ordermanager.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tradingstack.ordermanager.position.MarkedPosition;
import io.tradingstack.ordermanager.position.Money;
import io.tradingstack.ordermanager.position.PositionReport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-only positions and P&amp;L marked to the book's mid. */
@RestController
@Tag(name = "positions", description = "Positions and P&L, read-only")
class PositionsController {

    private final PositionReport report;

    PositionsController(PositionReport report) {
        this.report = report;
    }

    @GetMapping("/api/positions")
    @Operation(summary = "Positions and P&L per symbol, net and per strategy, marked to the price book's mid")
    @ApiResponse(responseCode = "200", description = "the positions; a symbol the book cannot mark has no markPrice and"
        + " unrealizedPnl, and its markStatus says why", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
        examples = @ExampleObject(name = "one open, one flat and stale", value = ApiExamples.POSITIONS)))
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
