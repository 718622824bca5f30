package io.tradingstack.strategy.order;

import io.tradingstack.protocol.Order;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;

/**
 * Every strategy's {@link OrderClient}, started before the engine and stopped after it (so the
 * engine never hands an order to a stopped client while running), and the {@link OrderRouter}
 * the engine hands orders to. It also routes each order connection's close event to its client:
 * Spring Integration publishes them as application events, on the thread that closed the
 * connection.
 */
public final class OrderClients implements OrderRouter, SmartLifecycle, ApplicationListener<TcpConnectionCloseEvent> {

    /** The tag naming the strategy on the strategy meters: a configured id, so a small bounded set. */
    public static final String STRATEGY_TAG = io.tradingstack.metrics.TradingMetric.Tags.STRATEGY;

    /** The {@code service} tag of {@code trading.frames.invalid}. */
    static final String SERVICE = "strategy";

    /** Started before the engine loop ({@code DEFAULT_PHASE - 1}), stopped after it. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2;

    private final Map<String, OrderClient> byStrategy = new LinkedHashMap<>();
    private final Map<String, OrderClient> byConnectionFactory = new LinkedHashMap<>();
    private volatile boolean running;

    public OrderClients(List<OrderClient> clients) {
        for (OrderClient client : clients) {
            if (byStrategy.put(client.strategyId(), client) != null) {
                throw new IllegalArgumentException("two order clients for strategy " + client.strategyId());
            }
            byConnectionFactory.put(client.connectionFactoryName(), client);
        }
    }

    @Override
    public boolean submit(Order order) {
        OrderClient client = byStrategy.get(order.strategyId());
        return client != null && client.submit(order);
    }

    @Override
    public void onApplicationEvent(TcpConnectionCloseEvent event) {
        OrderClient client = byConnectionFactory.get(event.getConnectionFactoryName());
        if (client != null) {
            client.onClosed(event.getConnectionId());
        }
    }

    /** Each client's state, in configured order; any thread. */
    public List<OrderClientStatus> statuses() {
        List<OrderClientStatus> statuses = new ArrayList<>(byStrategy.size());
        for (OrderClient client : byStrategy.values()) {
            statuses.add(client.status());
        }
        return statuses;
    }

    @Override
    public void start() {
        byStrategy.values().forEach(OrderClient::start);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        byStrategy.values().forEach(OrderClient::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
