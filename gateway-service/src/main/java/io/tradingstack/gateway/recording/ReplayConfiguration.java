package io.tradingstack.gateway.recording;

import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.Feed;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replay of a recording in place of the simulation, when {@code trading.gateway.source=replay}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "trading.gateway", name = "source", havingValue = "replay")
class ReplayConfiguration {

    @Bean
    CsvReplayer feedReplayer(GatewayProperties properties, @Qualifier("priceFeed") Feed priceFeed,
            @Qualifier("newsFeed") Feed newsFeed) {
        return new CsvReplayer(properties.replay(), priceFeed, newsFeed);
    }
}
