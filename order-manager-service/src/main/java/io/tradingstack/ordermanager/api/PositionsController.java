package io.tradingstack.ordermanager.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tradingstack.ordermanager.position.PositionReport;
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
        return PositionsResponse.of(report.report());
    }
}
