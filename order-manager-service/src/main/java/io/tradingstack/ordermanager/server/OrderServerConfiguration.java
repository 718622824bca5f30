package io.tradingstack.ordermanager.server;

import io.tradingstack.metrics.InvalidFrames;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.ordermanager.OrderManagerProperties;
import io.tradingstack.ordermanager.engine.OrderEntry;
import io.tradingstack.ordermanager.engine.OrderEvents;
import io.tradingstack.protocol.Decoded;
import io.tradingstack.protocol.DecodedFrames;
import io.tradingstack.protocol.FrameDeserializer;
import io.tradingstack.protocol.FrameSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.dsl.TcpNetServerConnectionFactorySpec;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

/**
 * The order server: a blocking ({@code TcpNet}) server connection factory, so that each
 * connection has its own reading thread, which waits for its order's decision (request/reply)
 * and which the frame codec needs (one per thread); a thin inbound flow that hands each decoded
 * frame to the {@link OrderServer}; and the error flow for frames whose handling threw.
 */
@Configuration(proxyBeanMethods = false)
class OrderServerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OrderServerConfiguration.class);

    static final String CONNECTION_FACTORY = "orderConnectionFactory";
    static final String INBOUND_ERRORS = "orderInboundErrors";

    @Bean
    InvalidFrames invalidFrames(MeterRegistry registry) {
        return new InvalidFrames(registry, "order-manager", java.util.List.of(SessionRefusal.AUTH_FAILED.name(),
            SessionRefusal.UNEXPECTED_FRAME.name(), SessionRefusal.READ_TIMEOUT.name()));
    }

    @Bean(CONNECTION_FACTORY)
    TcpNetServerConnectionFactorySpec orderConnectionFactory(OrderManagerProperties properties,
            InvalidFrames invalidFrames) {
        OrderManagerProperties.Server server = properties.server();
        return Tcp.netServer(server.orderPort())
            .id(CONNECTION_FACTORY)
            .localAddress(server.bindAddress())
            .deserializer(new FrameDeserializer(server.maxFrameLength()))
            .serializer(new FrameSerializer(server.maxFrameLength()))
            .soTcpNoDelay(true)
            .backlog(64)
            .connectionSupport(new OrderConnectionSupport(server.readTimeout(), invalidFrames))
            // A thread per connection (and one for accepts), named for thread dumps.
            .taskExecutor(new SimpleAsyncTaskExecutor("orders-io-"));
    }

    @Bean
    OrderServer orderServer(OrderManagerProperties properties,
            @Qualifier(CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory, OrderEntry entry,
            OrderEvents events, InvalidFrames invalidFrames, EpochNanoClock clock) {
        return new OrderServer(connectionFactory, entry, events, new StrategyTokens(properties.tokens()), invalidFrames,
            clock, properties.server().maxConnections());
    }

    /** A thin flow: the decoded frame, or its decode error, goes to the order server with its connection id. */
    @Bean
    IntegrationFlow orderInboundFlow(@Qualifier(CONNECTION_FACTORY) TcpNetServerConnectionFactory connectionFactory,
            OrderServer server) {
        return IntegrationFlow.from(Tcp.inboundAdapter(connectionFactory)
                .id("orderInboundAdapter")
                .errorChannel(INBOUND_ERRORS))
            .handle(DecodedFrames.class, (frames, headers) -> {
                String connectionId = headers.get(IpHeaders.CONNECTION_ID, String.class);
                for (Decoded frame : frames) {
                    server.onFrame(connectionId, frame);
                }
                return null;
            }, endpoint -> endpoint.id("orderFrameHandler"))
            .get();
    }

    /** Where a frame goes whose handling threw: a bug, never bad input (that is answered on its connection). */
    @Bean
    IntegrationFlow orderInboundErrorFlow() {
        return IntegrationFlow.from(INBOUND_ERRORS)
            .handle(Throwable.class, (failure, headers) -> {
                log.error("order frame handling failed", failure);
                return null;
            }, endpoint -> endpoint.id("orderInboundErrorHandler"))
            .get();
    }

    /** Named {@code ordersHealthIndicator}, so Actuator shows it as the {@code orders} component. */
    @Bean
    OrdersHealthIndicator ordersHealthIndicator(OrderServer server, OrderManagerProperties properties) {
        return new OrdersHealthIndicator(server, properties.server().maxConnections());
    }
}
