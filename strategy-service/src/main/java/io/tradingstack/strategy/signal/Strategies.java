package io.tradingstack.strategy.signal;

import java.util.List;

/**
 * The strategies that run, each with the definition it was made from, in configured order.
 *
 * @param strategies  one per definition
 * @param definitions the configuration entries, same order
 */
public record Strategies(List<Strategy> strategies, List<StrategyDefinition> definitions) {

    public Strategies {
        strategies = List.copyOf(strategies);
        definitions = List.copyOf(definitions);
        if (strategies.size() != definitions.size()) {
            throw new IllegalArgumentException("strategies=" + strategies.size() + ", definitions=" + definitions.size());
        }
    }

    public int size() {
        return strategies.size();
    }
}
