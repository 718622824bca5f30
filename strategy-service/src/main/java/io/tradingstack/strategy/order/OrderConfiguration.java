package io.tradingstack.strategy.order;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.agent.AgentLifecycle;
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

    @Bean
    ExpiredOrderReconciler expiredOrderReconciler(StrategyProperties properties, OrderOutcomeListener outcomes,
            MeterRegistry registry, SslBundles sslBundles) {
        StrategyProperties.OrderManager orderManager = properties.orderManager();
        // HTTPS when trading.strategy.order-manager.rest-tls.bundle names an SSL bundle.
        SSLContext restTls = orderManager.restTls().enabled() ? TlsBundles.bundle(sslBundles,
            "trading.strategy.order-manager.rest-tls", orderManager.restTls().bundle()).createSslContext() : null;
        return new ExpiredOrderReconciler(orderManager.host(), orderManager.restPort(), orderManager.reconcileInterval(),
            orderManager.reconcileWindow(), outcomes, registry, restTls);
    }

    /** The {@code orders-reconcile} thread. */
    @Bean
    AgentLifecycle expiredOrderReconcilerLoop(ExpiredOrderReconciler reconciler, MeterRegistry registry) {
        return new AgentLifecycle(reconciler, reconciler.idleStrategy(), registry, ExpiredOrderReconciler.PHASE);
    }

    @Bean
    OrderClients orderClients(StrategyProperties properties, OrderOutcomeListener outcomes,
            ExpiredOrderReconciler reconciler, MeterRegistry registry, IntegrationFlowContext flowContext,
            SslBundles sslBundles) {
        // TLS when trading.strategy.order-manager.tls.bundle names an SSL bundle; a name without one stops the start.
        ClientTls tls = TlsBundles.client(sslBundles, "trading.strategy.order-manager.tls", properties.orderManager().tls(),
            properties.orderManager().connectTimeout());
        List<OrderClient> clients = new ArrayList<>();
        for (StrategyDefinition strategy : properties.strategies()) {
            clients.add(new OrderClient(strategy.id(), properties.tokenOf(strategy), properties.orderManager(), outcomes, reconciler,
                registry, flowContext, tls));
        }
        return new OrderClients(clients);
    }
}
