package io.tradingstack.ordermanager.api;

import io.tradingstack.ordermanager.position.PositionReport;
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
        return PositionsResponse.of(report.report());
    }
}
