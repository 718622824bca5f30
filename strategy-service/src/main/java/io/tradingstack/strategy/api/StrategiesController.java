package io.tradingstack.strategy.api;

import io.tradingstack.strategy.engine.StrategyEngine;
import io.tradingstack.strategy.engine.StrategyView;
import java.util.List;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/strategies")
class StrategiesController {

    private final StrategyEngine engine;

    StrategiesController(StrategyEngine engine) {
        this.engine = engine;
    }

    /** Every strategy, in configured order. */
    @GetMapping
    List<StrategyView> strategies() {
        return engine.views();
    }

    /** One strategy; 404 (problem details) when no strategy has that id. */
    @GetMapping("/{strategyId}")
    StrategyView strategy(@PathVariable String strategyId) {
        StrategyView view = engine.view(strategyId);
        if (view == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no strategy with id " + strategyId);
        }
        return view;
    }
}
