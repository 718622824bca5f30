package io.tradingstack.orderbook.feed;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.feed.Feed;
import io.tradingstack.feed.FeedClient;
import io.tradingstack.feed.FeedClientConfig;
import io.tradingstack.orderbook.OrderBookProperties;
import io.tradingstack.orderbook.book.PriceBookUpdater;
import io.tradingstack.tls.ClientTls;
import io.tradingstack.tls.TlsBundles;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The price-feed subscription: a {@link FeedClient} whose listener is the book writer. The
 * client is a {@code SmartLifecycle} in the last phase: it connects once the context is up and
 * is the first thing stopped on shutdown, so its thread has ended before the book is closed.
 */
@Configuration(proxyBeanMethods = false)
class PriceFeedConfiguration {

    /** The {@code service} tag of {@code trading.frames.invalid}. */
    static final String SERVICE = "orderbook";

    @Bean
    FeedClient priceFeedClient(OrderBookProperties properties, PriceBookUpdater updater, MeterRegistry registry,
            SslBundles sslBundles) {
        // TLS when trading.orderbook.gateway.tls.bundle names an SSL bundle; a name without one stops the start.
        ClientTls tls = TlsBundles.client(sslBundles, "trading.orderbook.gateway.tls", properties.gateway().tls(),
            properties.feed().connectTimeout());
        return new FeedClient(Feed.PRICE, SERVICE, feedClientConfig(properties), updater, registry, tls);
    }

    static FeedClientConfig feedClientConfig(OrderBookProperties properties) {
        return properties.feed().clientConfig(properties.gateway().host(), properties.gateway().pricePort());
    }
}
