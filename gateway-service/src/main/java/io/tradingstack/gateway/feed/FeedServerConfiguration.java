package io.tradingstack.gateway.feed;

import io.tradingstack.protocol.QuietOnPeerLossConnection;
import io.tradingstack.metrics.InvalidFrames;

import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.clock.SystemEpochNanoClock;
import io.tradingstack.gateway.GatewayProperties;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.FrameDeserializer;
import io.tradingstack.protocol.FrameSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The two feed servers: per feed a blocking ({@code TcpNet}) server connection factory, an
 * inbound flow that hands each decoded frame to the {@link FeedServers}, and the {@link Feed}
 * the sources publish to. Blocking connections give each connection its own reading thread,
 * which the frame codec needs (one per thread), and beat NIO on two cores (SPRING-NOTES).
 */
@Configuration(proxyBeanMethods = false)
class FeedServerConfiguration {

    static final String PRICE_CONNECTION_FACTORY = "priceFeedConnectionFactory";
    static final String NEWS_CONNECTION_FACTORY = "newsFeedConnectionFactory";
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
    Feed priceFeed(GatewayProperties properties, FeedSession session, EpochNanoClock clock, MeterRegistry registry,
            ObjectProvider<FeedTap> taps) {
        return newFeed(FeedKind.PRICE, properties.feeds(), session, clock, registry, taps);
    }

    @Bean
    Feed newsFeed(GatewayProperties properties, FeedSession session, EpochNanoClock clock, MeterRegistry registry,
            ObjectProvider<FeedTap> taps) {
        return newFeed(FeedKind.NEWS, properties.feeds(), session, clock, registry, taps);
    }

    @Bean(PRICE_CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec priceFeedConnectionFactory(GatewayProperties properties) {
        return serverConnectionFactory(PRICE_CONNECTION_FACTORY, properties.feeds().pricePort(), FeedKind.PRICE,
                properties.feeds());
    }

    @Bean(NEWS_CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec newsFeedConnectionFactory(GatewayProperties properties) {
        return serverConnectionFactory(NEWS_CONNECTION_FACTORY, properties.feeds().newsPort(), FeedKind.NEWS,
                properties.feeds());
    }

    @Bean
    FeedServers feedServers(GatewayProperties properties, FeedSession session, EpochNanoClock clock,
            MeterRegistry registry, @Qualifier("priceFeed") Feed priceFeed, @Qualifier("newsFeed") Feed newsFeed,
            @Qualifier(PRICE_CONNECTION_FACTORY) TcpNetServerConnectionFactory priceConnectionFactory,
            @Qualifier(NEWS_CONNECTION_FACTORY) TcpNetServerConnectionFactory newsConnectionFactory) {
        GatewayProperties.Feeds feeds = properties.feeds();
        SubscriberSettings settings = new SubscriberSettings(session.id(), clock, feeds.heartbeatInterval().toNanos(),
                feeds.maxQueuedBytes().toBytes(), feeds.maxBatchBytes().toBytes());
        ScheduledThreadPoolExecutor timer = FeedServers.newTimer();
        InvalidFrames invalidFrames = new InvalidFrames(registry, "gateway", java.util.List.of(FeedRefusal.NO_REPLAY.name(), FeedRefusal.UNEXPECTED_FRAME.name()));
        return new FeedServers(session.id(),
                new FeedServer(FeedKind.PRICE, priceFeed, priceConnectionFactory, settings, timer, invalidFrames,
                        feeds.maxConnections(), feeds.replayTimeout()),
                new FeedServer(FeedKind.NEWS, newsFeed, newsConnectionFactory, settings, timer, invalidFrames,
                        feeds.maxConnections(), feeds.replayTimeout()),
                timer);
    }

    @Bean
    IntegrationFlow priceFeedInboundFlow(
            @Qualifier(PRICE_CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory, FeedServers servers) {
        return inboundFlow(FeedKind.PRICE, connectionFactory, servers);
    }

    @Bean
    IntegrationFlow newsFeedInboundFlow(
            @Qualifier(NEWS_CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory, FeedServers servers) {
        return inboundFlow(FeedKind.NEWS, connectionFactory, servers);
    }

    /** Where a frame goes whose handling failed (a bug, never bad input: that is answered on the connection). */
    @Bean
    IntegrationFlow feedInboundErrorFlow(FeedServers servers) {
        return IntegrationFlow.from(INBOUND_ERRORS)
                .handle(Throwable.class, (failure, headers) -> {
                    servers.onInboundFailure(failure);
                    return null;
                }, endpoint -> endpoint.id("feedInboundErrorHandler"))
                .get();
    }

    /** Named {@code feedsHealthIndicator}, so Actuator shows it as the {@code feeds} component. */
    @Bean
    FeedsHealthIndicator feedsHealthIndicator(FeedServers servers) {
        return new FeedsHealthIndicator(servers);
    }

    private static Feed newFeed(FeedKind kind, GatewayProperties.Feeds feeds, FeedSession session, EpochNanoClock clock,
            MeterRegistry registry, ObjectProvider<FeedTap> taps) {
        return new Feed(kind, session.id(), clock, feeds.ringSize(), feeds.maxFrameLength(),
                new FeedMetrics(registry, kind), taps.getIfAvailable(() -> FeedTap.NONE));
    }

    private static TcpNetServerConnectionFactorySpec serverConnectionFactory(String id, int port, FeedKind kind,
            GatewayProperties.Feeds feeds) {
        TcpNetServerConnectionFactorySpec spec = Tcp.netServer(port)
                .id(id)
                .localAddress(feeds.bindAddress())
                .deserializer(new FrameDeserializer(feeds.maxFrameLength()))
                .serializer(new FrameSerializer(feeds.maxFrameLength()))
                .soTcpNoDelay(true)
                .backlog(64)
                .connectionSupport(QuietOnPeerLossConnection::new)
                // A thread per connection (and one for accepts), named after the feed for thread dumps.
                .taskExecutor(new SimpleAsyncTaskExecutor("feed-" + kind + "-io-"));
        int sendBuffer = (int) feeds.socketSendBuffer().toBytes();
        if (sendBuffer > 0) {
            spec.soSendBufferSize(sendBuffer);
        }
        return spec;
    }

    /** A thin flow: the decoded frame, or its decode error, goes to the feed server of its connection. */
    private static IntegrationFlow inboundFlow(FeedKind kind, AbstractServerConnectionFactory connectionFactory,
            FeedServers servers) {
        return IntegrationFlow.from(Tcp.inboundAdapter(connectionFactory)
                        .id(kind + "FeedInboundAdapter")
                        .errorChannel(INBOUND_ERRORS))
                .handle(DecodedFrames.class, (frames, headers) -> {
                    String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
                    for (Decoded frame : frames) {
                        servers.onFrame(kind, connectionId, frame);
                    }
                    return null;
                }, endpoint -> endpoint.id(kind + "FeedFrameHandler"))
                .get();
    }
}
