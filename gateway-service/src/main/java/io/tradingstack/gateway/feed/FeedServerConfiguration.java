package io.tradingstack.gateway.feed;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.tcp.FrameFlows;
import io.tradingstack.tcp.FrameServer;
import io.tradingstack.tcp.FrameServerSettings;
import io.tradingstack.tls.ServerTls;
import io.tradingstack.tls.TlsBundles;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The two feed servers: per feed a shared frame server (a blocking {@code TcpNet} factory, a
 * thread per connection) with a {@link FeedProtocol} on top, its thin inbound flow, and the
 * {@link Feed} the sources publish to.
 */
@Configuration(proxyBeanMethods = false)
class FeedServerConfiguration {

    static final String PRICE_CONNECTION_FACTORY = "priceFeedConnectionFactory";
    static final String NEWS_CONNECTION_FACTORY = "newsFeedConnectionFactory";
    static final String PRICE_SERVER = "priceFeedServer";
    static final String NEWS_SERVER = "newsFeedServer";
    static final String INBOUND_ERRORS = "feedInboundErrors";

    @Bean
    FeedSession feedSession() {
        return FeedSession.startingNow();
    }

    @Bean
    EpochNanoClock epochNanoClock() {
        return SystemEpochNanoClock.instance();
    }

    @Bean
    FeedTimer feedTimer() {
        return new FeedTimer();
    }

    /** One set of counters for both feed ports, tagged {@code service=gateway}. */
    @Bean
    InvalidFrames feedInvalidFrames(MeterRegistry registry) {
        return new InvalidFrames(registry, "gateway", List.of(FeedRefusal.NO_REPLAY.name(),
                FeedRefusal.UNEXPECTED_FRAME.name()));
    }

    @Bean
    Feed priceFeed(GatewayProperties properties, FeedSession session, EpochNanoClock clock, MeterRegistry registry,
            ObjectProvider<FeedTap> taps, FeedTimer timer) {
        return newFeed(FeedKind.PRICE, properties.feeds(), session, clock, registry, taps, timer);
    }

    @Bean
    Feed newsFeed(GatewayProperties properties, FeedSession session, EpochNanoClock clock, MeterRegistry registry,
            ObjectProvider<FeedTap> taps, FeedTimer timer) {
        return newFeed(FeedKind.NEWS, properties.feeds(), session, clock, registry, taps, timer);
    }

    @Bean(PRICE_CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec priceFeedConnectionFactory(GatewayProperties properties,
            InvalidFrames invalidFrames, SslBundles sslBundles) {
        return connectionFactory(PRICE_CONNECTION_FACTORY, FeedKind.PRICE, properties.feeds(), invalidFrames, sslBundles);
    }

    @Bean(NEWS_CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec newsFeedConnectionFactory(GatewayProperties properties,
            InvalidFrames invalidFrames, SslBundles sslBundles) {
        return connectionFactory(NEWS_CONNECTION_FACTORY, FeedKind.NEWS, properties.feeds(), invalidFrames, sslBundles);
    }

    @Bean(PRICE_SERVER)
    FrameServer<FeedConnection> priceFeedServer(GatewayProperties properties, FeedSession session,
            EpochNanoClock clock, FeedTimer timer, InvalidFrames invalidFrames, @Qualifier("priceFeed") Feed feed,
            @Qualifier(PRICE_CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory) {
        return frameServer(FeedKind.PRICE, properties.feeds(), session, clock, timer, invalidFrames, feed,
                connectionFactory);
    }

    @Bean(NEWS_SERVER)
    FrameServer<FeedConnection> newsFeedServer(GatewayProperties properties, FeedSession session,
            EpochNanoClock clock, FeedTimer timer, InvalidFrames invalidFrames, @Qualifier("newsFeed") Feed feed,
            @Qualifier(NEWS_CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory) {
        return frameServer(FeedKind.NEWS, properties.feeds(), session, clock, timer, invalidFrames, feed,
                connectionFactory);
    }

    @Bean
    FeedServers feedServers(FeedSession session,
            @Qualifier(PRICE_SERVER) FrameServer<FeedConnection> priceServer, @Qualifier("priceFeed") Feed priceFeed,
            @Qualifier(NEWS_SERVER) FrameServer<FeedConnection> newsServer, @Qualifier("newsFeed") Feed newsFeed) {
        return new FeedServers(session.id(), new FeedServers.FeedPort(priceServer, priceFeed),
                new FeedServers.FeedPort(newsServer, newsFeed));
    }

    @Bean
    IntegrationFlow priceFeedInboundFlow(@Qualifier(PRICE_SERVER) FrameServer<FeedConnection> server) {
        return FrameFlows.inbound(server, "priceFeedInboundAdapter", "priceFeedFrameHandler", INBOUND_ERRORS);
    }

    @Bean
    IntegrationFlow newsFeedInboundFlow(@Qualifier(NEWS_SERVER) FrameServer<FeedConnection> server) {
        return FrameFlows.inbound(server, "newsFeedInboundAdapter", "newsFeedFrameHandler", INBOUND_ERRORS);
    }

    @Bean
    IntegrationFlow feedInboundErrorFlow() {
        return FrameFlows.inboundErrors(INBOUND_ERRORS, "feedInboundErrorHandler", "feed");
    }

    /** Named {@code feedsHealthIndicator}, so Actuator shows it as the {@code feeds} component. */
    @Bean
    FeedsHealthIndicator feedsHealthIndicator(FeedServers servers) {
        return new FeedsHealthIndicator(servers);
    }

    /** A feed; when its publisher writes, with the timer's check for a write that blocks it, twice per timeout. */
    private static Feed newFeed(FeedKind kind, GatewayProperties.Feeds feeds, FeedSession session, EpochNanoClock clock,
            MeterRegistry registry, ObjectProvider<FeedTap> taps, FeedTimer timer) {
        Feed feed = new Feed(kind, session.id(), clock, feeds.ringSize(), feeds.maxFrameLength(),
                new FeedMetrics(registry, kind), taps.getIfAvailable(() -> FeedTap.NONE));
        if (feeds.publisherWrites().contains(kind)) {
            long timeoutNanos = feeds.publisherWriteTimeout().toNanos();
            timer.every(() -> feed.cutStalledWriters(timeoutNanos), Math.max(1, timeoutNanos / 2));
        }
        return feed;
    }

    /** Threads {@code feed-price-io-N} and {@code feed-news-io-N}, as before the frame server was shared. */
    private static FrameServerSettings settings(FeedKind kind, GatewayProperties.Feeds feeds) {
        return new FrameServerSettings("feed-" + kind, feeds.bindAddress(),
                kind == FeedKind.PRICE ? feeds.pricePort() : feeds.newsPort(), feeds.maxFrameLength(),
                feeds.maxConnections(), feeds.readTimeout());
    }

    /** TLS on when {@code trading.gateway.feeds.tls.bundle} names an SSL bundle; a name without one stops the start. */
    private static TcpNetServerConnectionFactorySpec connectionFactory(String id, FeedKind kind,
            GatewayProperties.Feeds feeds, InvalidFrames invalidFrames, SslBundles sslBundles) {
        ServerTls tls = TlsBundles.server(sslBundles, "trading.gateway.feeds.tls", feeds.tls());
        TcpNetServerConnectionFactorySpec spec = FrameServer.connectionFactory(id, settings(kind, feeds), invalidFrames,
                tls);
        int sendBuffer = (int) feeds.socketSendBuffer().toBytes();
        if (sendBuffer > 0) {
            spec.soSendBufferSize(sendBuffer);
        }
        return spec;
    }

    private static FrameServer<FeedConnection> frameServer(FeedKind kind, GatewayProperties.Feeds feeds,
            FeedSession session, EpochNanoClock clock, FeedTimer timer, InvalidFrames invalidFrames, Feed feed,
            TcpNetServerConnectionFactory connectionFactory) {
        SubscriberSettings subscriberSettings = new SubscriberSettings(session.id(), clock,
                feeds.heartbeatInterval().toNanos(), feeds.maxQueuedBytes().toBytes(), feeds.maxBatchBytes().toBytes(),
                feeds.publisherWrites().contains(kind), feeds.publisherWriteMaxBytes().toBytes());
        FeedProtocol protocol = new FeedProtocol(kind, feed, subscriberSettings, timer, feeds.replayTimeout());
        return new FrameServer<>(settings(kind, feeds), connectionFactory, protocol, invalidFrames);
    }
}
