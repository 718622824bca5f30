package io.tradingstack.strategy.signal;

import io.tradingstack.strategy.StrategyProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The strategy types found on the class path, and one strategy per configured entry. */
@Configuration(proxyBeanMethods = false)
class StrategyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StrategyConfiguration.class);

    @Bean
    StrategyTypes strategyTypes() {
        return StrategyTypes.scan(StrategyTypes.BASE_PACKAGE);
    }

    @Bean
    Strategies strategies(StrategyTypes types, StrategyProperties properties) {
        List<Strategy> strategies = types.createAll(properties.strategies());
        for (StrategyDefinition definition : properties.strategies()) {
            log.info("Strategy {} ({}) on {}", definition.id(), definition.type(), definition.symbols());
        }
        return new Strategies(strategies, properties.strategies());
    }
}
