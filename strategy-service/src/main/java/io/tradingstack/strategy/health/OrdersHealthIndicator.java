package io.tradingstack.strategy.health;

import io.tradingstack.strategy.order.OrderClientStatus;
import io.tradingstack.strategy.order.OrderClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code orders}: UP while every strategy's connection to the order manager is open; DOWN
 * otherwise, with each strategy's last problem (refused connect, timeout, {@code error} frame
 * such as AUTH_FAILED) and when it happened.
 */
@Component
class OrdersHealthIndicator implements HealthIndicator {

    private final OrderClients clients;

    OrdersHealthIndicator(OrderClients clients) {
        this.clients = clients;
    }

    @Override
    public Health health() {
        List<OrderClientStatus> statuses = clients.statuses();
        Map<String, Map<String, Object>> strategies = new LinkedHashMap<>();
        boolean allConnected = true;
        String orderManager = "";
        for (OrderClientStatus status : statuses) {
            allConnected &= status.connected();
            orderManager = status.orderManager();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("connected", status.connected());
            detail.put("inFlight", status.inFlight());
            detail.put("lastError", status.lastError());
            detail.put("lastErrorAt", status.lastErrorAt() == null ? "never" : status.lastErrorAt().toString());
            strategies.put(status.strategyId(), detail);
        }
        Health.Builder health = allConnected ? Health.up()
            : Health.down().withDetail("reason", "not connected to the order manager");
        return health.withDetail("orderManager", orderManager).withDetail("strategies", strategies).build();
    }
}
