package io.tradingstack.ordermanager.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.metrics.InvalidFrames;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.engine.OrderEvents;
import io.tradingstack.tcp.FrameFlows;
import io.tradingstack.tcp.FrameServer;
import io.tradingstack.tcp.FrameServerSettings;
import io.tradingstack.tls.ServerTls;
import io.tradingstack.tls.TlsBundles;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The order server: the shared frame server (a blocking {@code TcpNet} factory, so that each
 * connection has its own reading thread, which waits for its order's decision, request/reply)
 * with the {@link OrderProtocol} on top, its thin inbound flow, and the error flow for frames
 * whose handling threw.
 */
@Configuration(proxyBeanMethods = false)
class OrderServerConfiguration {

    static final String CONNECTION_FACTORY = "orderConnectionFactory";
    static final String INBOUND_ERRORS = "orderInboundErrors";

    @Bean
    InvalidFrames invalidFrames(MeterRegistry registry) {
        return new InvalidFrames(registry, "order-manager", List.of(SessionRefusal.AUTH_FAILED.name(),
            SessionRefusal.UNEXPECTED_FRAME.name()));
    }

    @Bean(CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec orderConnectionFactory(OrderManagerProperties properties,
            InvalidFrames invalidFrames, SslBundles sslBundles) {
        // TLS when trading.order-manager.server.tls.bundle names an SSL bundle; a name without one stops the start.
        ServerTls tls = TlsBundles.server(sslBundles, "trading.order-manager.server.tls", properties.server().tls());
        return FrameServer.connectionFactory(CONNECTION_FACTORY, settings(properties), invalidFrames, tls);
    }

    @Bean
    FrameServer<OrderSession> orderFrameServer(OrderManagerProperties properties,
            @Qualifier(CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory, OrderEntry entry,
            OrderEvents events, InvalidFrames invalidFrames, EpochNanoClock clock) {
        OrderProtocol protocol = new OrderProtocol(entry, events, new StrategyTokens(properties.tokens()), clock);
        return new FrameServer<>(settings(properties), connectionFactory, protocol, invalidFrames);
    }

    @Bean
    OrderServer orderServer(FrameServer<OrderSession> orderFrameServer, OrderManagerProperties properties) {
        return new OrderServer(orderFrameServer, properties.logonRequired());
    }

    @Bean
    IntegrationFlow orderInboundFlow(FrameServer<OrderSession> orderFrameServer) {
        return FrameFlows.inbound(orderFrameServer, "orderInboundAdapter", "orderFrameHandler", INBOUND_ERRORS);
    }

    @Bean
    IntegrationFlow orderInboundErrorFlow() {
        return FrameFlows.inboundErrors(INBOUND_ERRORS, "orderInboundErrorHandler", "order");
    }

    /** Named {@code ordersHealthIndicator}, so Actuator shows it as the {@code orders} component. */
    @Bean
    OrdersHealthIndicator ordersHealthIndicator(OrderServer server) {
        return new OrdersHealthIndicator(server);
    }

    /** Threads {@code orders-io-N}, as before the frame server was shared. */
    private static FrameServerSettings settings(OrderManagerProperties properties) {
        OrderManagerProperties.Server server = properties.server();
        return new FrameServerSettings("orders", server.bindAddress(), server.orderPort(), server.maxFrameLength(),
            server.maxConnections(), server.readTimeout());
    }
}
