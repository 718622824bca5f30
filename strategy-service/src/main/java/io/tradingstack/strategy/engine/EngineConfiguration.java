package io.tradingstack.strategy.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentErrorHandler;
import io.tradingstack.agent.AgentLifecycle;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.feed.Feed;
import io.tradingstack.feed.FeedClient;
import io.tradingstack.feed.FeedClientConfig;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.strategy.order.DropCopy;
import io.tradingstack.strategy.order.OrderRouter;
import io.tradingstack.strategy.signal.Strategies;
import io.tradingstack.tls.ClientTls;
import io.tradingstack.tls.TlsBundles;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine, its thread and inbox, and the news-feed subscription that feeds it (deciding on
 * the feed's thread when the engine is free). The feed
 * client (shared-lib: reconnect, replay, gap and reset handling) is a {@code SmartLifecycle} in
 * the last phase: it connects once the engine runs and is the first thing stopped.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    /** The {@code service} tag of {@code trading.frames.invalid}. */
    static final String SERVICE = "strategy";

    @Bean
    EngineInbox engineInbox() {
        return new EngineInbox(EngineInbox.DEFAULT_CAPACITY);
    }

    @Bean(destroyMethod = "close")
    DropCopy dropCopy(StrategyProperties properties) {
        return DropCopy.open(properties.dropCopy());
    }

    @Bean
    StrategyEngine strategyEngine(Strategies strategies, BookSampler sampler, OrderRouter orders, EpochNanoClock clock,
            MeterRegistry registry, DropCopy dropCopy) {
        return new StrategyEngine(strategies, sampler, orders, clock, registry, dropCopy);
    }

    @Bean
    AgentErrorHandler strategyEngineErrors(MeterRegistry registry) {
        return new AgentErrorHandler(StrategyEngineLoop.ROLE, registry);
    }

    @Bean
    StrategyEngineLoop strategyEngineLoop(StrategyEngine engine, EngineInbox inbox, StrategyProperties properties,
            AgentErrorHandler strategyEngineErrors) {
        return new StrategyEngineLoop(engine, inbox, properties.sampleInterval(), strategyEngineErrors);
    }

    /** The {@code strategy-engine} thread. */
    @Bean
    AgentLifecycle strategyEngineThread(StrategyEngineLoop loop, AgentErrorHandler strategyEngineErrors) {
        return new AgentLifecycle(loop, loop.idleStrategy(), strategyEngineErrors, StrategyEngineLoop.PHASE);
    }

    @Bean
    FeedClient newsFeedClient(StrategyProperties properties, StrategyEngineLoop loop, EngineInbox inbox,
            EpochNanoClock clock, MeterRegistry registry, SslBundles sslBundles) {
        // TLS when trading.strategy.gateway.tls.bundle names an SSL bundle; a name without one stops the start.
        ClientTls tls = TlsBundles.client(sslBundles, "trading.strategy.gateway.tls", properties.gateway().tls(),
            properties.feed().connectTimeout());
        return new FeedClient(Feed.NEWS, SERVICE, feedClientConfig(properties),
            new NewsListener(loop, inbox, clock, registry), registry, tls);
    }

    static FeedClientConfig feedClientConfig(StrategyProperties properties) {
        return properties.feed().clientConfig(properties.gateway().host(), properties.gateway().newsPort());
    }
}
