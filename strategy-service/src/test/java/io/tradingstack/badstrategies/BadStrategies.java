package io.tradingstack.badstrategies;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.strategy.signal.Decision;
import io.tradingstack.strategy.signal.Strategy;
import io.tradingstack.strategy.signal.StrategyContext;
import io.tradingstack.strategy.signal.StrategyDefinition;
import io.tradingstack.strategy.signal.TradingStrategy;
import java.util.List;

/**
 * Strategy classes the type scan must refuse, in a package the application never scans:
 * StrategyTypesTest reads them.
 */
final class BadStrategies {

    private BadStrategies() {
    }

    @TradingStrategy("no-constructor")
    static final class NoConstructorStrategy extends Nothing {
    }

    @TradingStrategy("not-a-strategy")
    static final class NotAStrategy {
        NotAStrategy(StrategyDefinition definition) {
        }
    }

    @TradingStrategy("twin")
    static final class FirstTwin extends Nothing {
        FirstTwin(StrategyDefinition definition) {
        }
    }

    @TradingStrategy("twin")
    static final class SecondTwin extends Nothing {
        SecondTwin(StrategyDefinition definition) {
        }
    }

    abstract static class Nothing implements Strategy {

        @Override
        public String id() {
            return "nothing";
        }

        @Override
        public List<String> symbols() {
            return List.of();
        }

        @Override
        public void onMid(String symbol, long mid, long nowNanos) {
        }

        @Override
        public Decision onNews(NewsTick news, StrategyContext context) {
            return Decision.hold("nothing");
        }
    }
}
