package io.tradingstack.strategy.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Side;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyTypesTest {

    @Test
    void shouldFindTheReferenceStrategyAndAStrategyAddedInOneClass() {
        StrategyTypes types = StrategyTypes.scan(StrategyTypes.BASE_PACKAGE);

        assertThat(types.names()).contains(MovingAverageSentimentStrategy.TYPE, AlwaysBuyStrategy.TYPE);
    }

    @Test
    void shouldCreateOneStrategyPerDefinitionWithItsOwnId() {
        StrategyTypes types = StrategyTypes.scan(StrategyTypes.BASE_PACKAGE);
        StrategyDefinition reference = StrategyDefinition.reference("momentum-1");
        StrategyDefinition custom = new StrategyDefinition("buyer-1", AlwaysBuyStrategy.TYPE, List.of("MSFT"), 5, 20, 50, 7,
            "", Map.of("quantity", "3"));

        List<Strategy> strategies = types.createAll(List.of(reference, custom));

        assertThat(strategies).extracting(Strategy::id).containsExactly("momentum-1", "buyer-1");
        assertThat(strategies.get(0)).isInstanceOf(MovingAverageSentimentStrategy.class);
        assertThat(strategies.get(1).onNews(new NewsTick(1, 1, "MSFT", 50, "h", 1), new FakeContext()).order())
            .isEqualTo(OrderIntent.market("MSFT", Side.BUY, 3));
    }

    @Test
    void shouldNameEveryUnknownTypeAndTheKnownOnes() {
        StrategyTypes types = StrategyTypes.of(MovingAverageSentimentStrategy.class);
        StrategyDefinition first = new StrategyDefinition("a", "nope", List.of("AAPL"), 5, 20, 50, 100, "", Map.of());
        StrategyDefinition second = new StrategyDefinition("b", "other", List.of("AAPL"), 5, 20, 50, 100, "", Map.of());

        assertThatThrownBy(() -> types.createAll(List.of(first, second))).isInstanceOf(IllegalStateException.class)
            .hasMessageContainingAll("strategy a: unknown type \"nope\"", "strategy b: unknown type \"other\"",
                "[" + MovingAverageSentimentStrategy.TYPE + "]");
    }

    @Test
    void shouldRefuseStrategyClassesItCannotUseNamingEach() {
        // Outside the service's packages, so that the application never finds them.
        assertThatThrownBy(() -> StrategyTypes.scan("io.tradingstack.badstrategies")).isInstanceOf(IllegalStateException.class)
            .hasMessageContainingAll("NoConstructorStrategy needs a constructor taking a StrategyDefinition",
                "NotAStrategy is marked @TradingStrategy but does not implement",
                "type \"twin\" is claimed by both");
    }

    /** What a user writes to add a strategy: one class. */
    @TradingStrategy(AlwaysBuyStrategy.TYPE)
    static final class AlwaysBuyStrategy implements Strategy {

        static final String TYPE = "always-buy";

        private final StrategyDefinition definition;
        private final long quantity;

        AlwaysBuyStrategy(StrategyDefinition definition) {
            this.definition = definition;
            this.quantity = Long.parseLong(definition.parameter("quantity", "1"));
        }

        @Override
        public String id() {
            return definition.id();
        }

        @Override
        public List<String> symbols() {
            return definition.symbols();
        }

        @Override
        public void onMid(String symbol, long mid, long nowNanos) {
        }

        @Override
        public Decision onNews(NewsTick news, StrategyContext context) {
            return Decision.trade("always", OrderIntent.market(news.symbol(), Side.BUY, quantity));
        }
    }
}
