package io.tradingstack.strategy.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tradingstack.strategy.engine.StrategyEngine;
import io.tradingstack.strategy.engine.StrategyView;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read-only view of the running strategies: positions from fills, orders by outcome, the last
 * signal and order. Each strategy is one consistent copy the engine published.
 */
@RestController
@Tag(name = "strategies", description = "The running strategies, read-only")
@RequestMapping("/api/strategies")
class StrategiesController {

    private final StrategyEngine engine;

    StrategiesController(StrategyEngine engine) {
        this.engine = engine;
    }

    /** Every strategy, in configured order. */
    @GetMapping
    @Operation(summary = "Every strategy, in configured order")
    @ApiResponse(responseCode = "200", description = "the strategies", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE,
        examples = @ExampleObject(name = "one strategy", value = ApiExamples.STRATEGIES)))
    List<StrategyView> strategies() {
        return engine.views();
    }

    /** One strategy; 404 (problem details) when no strategy has that id. */
    @GetMapping("/{strategyId}")
    @Operation(summary = "One strategy by its id")
    @ApiResponse(responseCode = "200", description = "the strategy", content = @Content(
        mediaType = MediaType.APPLICATION_JSON_VALUE,
        examples = @ExampleObject(name = "trading", value = ApiExamples.STRATEGY)))
    @ApiResponse(responseCode = "404", description = "no strategy has that id", content = @Content(
        mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(implementation = ProblemDetail.class),
        examples = @ExampleObject(name = "unknown id", value = ApiExamples.STRATEGY_NOT_FOUND)))
    StrategyView strategy(@Parameter(description = "the configured strategy id", example = "momentum-1")
            @PathVariable String strategyId) {
        StrategyView view = engine.view(strategyId);
        if (view == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no strategy with id " + strategyId);
        }
        return view;
    }
}
