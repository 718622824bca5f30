package io.tradingstack.gateway.recording;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentLifecycle;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.gateway.feed.Feed;
import io.tradingstack.gateway.feed.FeedKind;
import io.tradingstack.gateway.pacing.PacedLoop;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Replay of a recording in place of the simulation, when {@code trading.gateway.source=replay}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "trading.gateway", name = "source", havingValue = "replay")
class ReplayConfiguration {

    /** The {@code feed-replay} thread, a source like the simulations: it starts after the recorder and stops before it. */
    @Bean
    AgentLifecycle feedReplayer(GatewayProperties properties, @Qualifier("priceFeed") Feed priceFeed,
            @Qualifier("newsFeed") Feed newsFeed, MeterRegistry registry) {
        CsvReplayer replayer = new CsvReplayer(properties.replay(),
                (kind, data) -> (kind == FeedKind.PRICE ? priceFeed : newsFeed).publish(data), System::nanoTime);
        return new AgentLifecycle(replayer, replayer.idleStrategy(), registry, PacedLoop.SOURCE_PHASE);
    }
}
