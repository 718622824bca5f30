package io.tradingstack.gateway.market;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.Feed;
import io.tradingstack.gateway.pacing.PacedLoop;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The price simulation, unless the gateway replays a recording ({@code trading.gateway.source=replay}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "trading.gateway", name = "source", havingValue = "simulation", matchIfMissing = true)
class MarketConfiguration {

    @Bean
    PacedLoop marketSimulation(GatewayProperties properties, @Qualifier("priceFeed") Feed priceFeed,
            MeterRegistry registry) {
        MarketSimulator simulator = MarketSimulator.from(properties.market());
        return new PacedLoop("market-simulation", properties.market().ticksPerSecond(),
                () -> priceFeed.publishQuietly(simulator.next()), priceFeed::flush, registry);
    }
}
