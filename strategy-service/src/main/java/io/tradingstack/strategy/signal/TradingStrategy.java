package io.tradingstack.strategy.signal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link Strategy} class as a strategy type that configuration can name
 * ({@code trading.strategy.strategies[n].type}). The class needs a constructor that takes a
 * {@link StrategyDefinition}; it is found at start-up in any package under
 * {@code io.tradingstack.strategy}, and one instance is made per configured entry.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TradingStrategy {

    /** The type name, as configuration writes it: {@code moving-average-sentiment}. */
    String value();
}
