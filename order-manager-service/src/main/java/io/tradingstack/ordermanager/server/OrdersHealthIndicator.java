package io.tradingstack.ordermanager.server;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code orders} health component: UP while the order server listens, with its port, the
 * open connections and their cap, and whether a logon is required.
 */
final class OrdersHealthIndicator implements HealthIndicator {

    private final OrderServer server;
    private final int maxConnections;

    OrdersHealthIndicator(OrderServer server, int maxConnections) {
        this.server = server;
        this.maxConnections = maxConnections;
    }

    @Override
    public Health health() {
        boolean listening = server.isListening();
        Health.Builder health = listening ? Health.up() : Health.down().withDetail("reason", "order server not listening");
        return health.withDetail("listening", listening)
            .withDetail("port", server.port())
            .withDetail("connections", server.openConnections())
            .withDetail("maxConnections", maxConnections)
            .withDetail("logonRequired", server.logonRequired())
            .build();
    }
}
