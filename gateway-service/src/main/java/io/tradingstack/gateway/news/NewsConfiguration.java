package io.tradingstack.gateway.news;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.Feed;
import io.tradingstack.gateway.pacing.PacedLoop;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The news simulation over the market's symbols, unless the gateway replays a recording. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "trading.gateway", name = "source", havingValue = "simulation", matchIfMissing = true)
class NewsConfiguration {

    @Bean
    PacedLoop newsSimulation(GatewayProperties properties, @Qualifier("newsFeed") Feed newsFeed,
            MeterRegistry registry) {
        NewsGenerator generator = new NewsGenerator(properties.market().symbols(), properties.news().seed());
        return new PacedLoop("news-simulation", properties.news().perSecond(), () -> newsFeed.publish(generator.next()),
                registry);
    }
}
