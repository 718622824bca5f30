package io.tradingstack.ordermanager.server;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code orders} health component: UP while the order server listens, with its port, the
 * open connections and their cap, and whether a logon is required.
 */
final class OrdersHealthIndicator implements HealthIndicator {

    private final OrderServer server;

    OrdersHealthIndicator(OrderServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        boolean listening = server.isListening();
        Health.Builder health = listening ? Health.up() : Health.down().withDetail("reason", "order server not listening");
        return health.withDetail("listening", listening)
            .withDetail("port", server.port())
            .withDetail("connections", server.openConnections())
            .withDetail("maxConnections", server.maxConnections())
            .withDetail("logonRequired", server.logonRequired())
            .build();
    }
}
