package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.strategy.StrategyProperties;
import io.tradingstack.strategy.signal.StrategyDefinition;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import io.tradingstack.tls.ClientTls;
import io.tradingstack.tls.TlsBundles;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * One order client per configured strategy: its own connection, logged on with its own token.
 * The clients register their connections' flows in the {@link IntegrationFlowContext} when they
 * start (the strategies are configuration, so their flows are not known as beans in advance),
 * which is after the context's beans are created.
 */
@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    /** The orders of every strategy that expired unanswered and wait for their cancel's answer. */
    @Bean
    UnsettledOrders unsettledOrders(MeterRegistry registry) {
        return new UnsettledOrders(registry);
    }

    @Bean
    OrderClients orderClients(StrategyProperties properties, OrderOutcomeListener outcomes,
            UnsettledOrders unsettled, MeterRegistry registry, IntegrationFlowContext flowContext,
            SslBundles sslBundles) {
        // TLS when trading.strategy.order-manager.tls.bundle names an SSL bundle; a name without one stops the start.
        ClientTls tls = TlsBundles.client(sslBundles, "trading.strategy.order-manager.tls", properties.orderManager().tls(),
            properties.orderManager().connectTimeout());
        List<OrderClient> clients = new ArrayList<>();
        for (StrategyDefinition strategy : properties.strategies()) {
            clients.add(new OrderClient(strategy.id(), properties.tokenOf(strategy), properties.orderManager(), outcomes, unsettled,
                registry, flowContext, tls));
        }
        return new OrderClients(clients);
    }
}
