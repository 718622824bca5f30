package io.tradingstack.strategy.engine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.metrics.TradingMetric;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Order;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.strategy.order.ClientOrderIds;
import io.tradingstack.strategy.order.OrderClients;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.order.OrderRouter;
import io.tradingstack.strategy.signal.Decision;
import io.tradingstack.strategy.signal.OrderIntent;
import io.tradingstack.strategy.signal.Strategy;
import io.tradingstack.strategy.signal.StrategyContext;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One strategy as the engine runs it: the strategy, its position and orders in flight per
 * symbol, its client order ids, counters and last signal, and the {@link StrategyContext} it
 * is handed. Engine thread only, apart from {@link #view()}.
 */
final class StrategyRuntime implements StrategyContext {

    private static final Logger log = LoggerFactory.getLogger(StrategyRuntime.class);

    private final Strategy strategy;
    private final String id;
    private final String type;
    private final List<String> symbols;
    private final Map<String, Integer> indexBySymbol = new HashMap<>();
    private final long[] positions;
    private final boolean[] pending;
    private final ClientOrderIds ids;
    private final BookSampler sampler;
    private final OrderRouter orders;
    private final EpochNanoClock clock;
    private final Counter sentCounter;
    private final Counter filledCounter;
    private final Counter rejectedCounter;
    private final Counter expiredCounter;
    private final Counter errors;
    /** Exception classes already logged with a stack trace; later ones of a class go to debug. */
    private final Set<Class<?>> failuresLogged = new HashSet<>();
    private final HaltBackoff halt = new HaltBackoff();

    private long sent;
    private long filled;
    private long rejected;
    private long expired;
    private int inFlight;
    private StrategyView.SignalView lastSignal;
    private StrategyView.OrderView lastOrder;
    private volatile StrategyView view;

    StrategyRuntime(Strategy strategy, String type, ClientOrderIds ids, BookSampler sampler, OrderRouter orders,
            EpochNanoClock clock, MeterRegistry registry) {
        this.strategy = strategy;
        this.id = strategy.id();
        this.type = type;
        this.symbols = List.copyOf(strategy.symbols());
        for (int i = 0; i < symbols.size(); i++) {
            indexBySymbol.put(symbols.get(i), i);
        }
        this.positions = new long[symbols.size()];
        this.pending = new boolean[symbols.size()];
        this.ids = ids;
        this.sampler = sampler;
        this.orders = orders;
        this.clock = clock;
        this.sentCounter = Counter.builder(TradingMetric.STRATEGY_ORDERS_SENT.metricName())
            .description(TradingMetric.STRATEGY_ORDERS_SENT.description())
            .tag(OrderClients.STRATEGY_TAG, id)
            .register(registry);
        this.filledCounter = outcomeCounter(registry, "filled");
        this.rejectedCounter = outcomeCounter(registry, "rejected");
        this.expiredCounter = outcomeCounter(registry, "expired");
        this.errors = Counter.builder(TradingMetric.STRATEGY_ERRORS.metricName())
            .description(TradingMetric.STRATEGY_ERRORS.description())
            .tag(OrderClients.STRATEGY_TAG, id)
            .register(registry);
        for (String symbol : symbols) {
            Gauge.builder(TradingMetric.STRATEGY_POSITION.metricName(), this, runtime -> runtime.publishedPosition(symbol))
                .description(TradingMetric.STRATEGY_POSITION.description())
                .tag(OrderClients.STRATEGY_TAG, id)
                .tag(TradingMetric.Tags.SYMBOL, symbol)
                .strongReference(true)
                .register(registry);
        }
        publish();
    }

    private Counter outcomeCounter(MeterRegistry registry, String status) {
        return Counter.builder(TradingMetric.STRATEGY_ORDERS.metricName())
            .description(TradingMetric.STRATEGY_ORDERS.description())
            .tag(OrderClients.STRATEGY_TAG, id)
            .tag(TradingMetric.Tags.STATUS, status)
            .register(registry);
    }

    String id() {
        return id;
    }

    List<String> symbols() {
        return symbols;
    }

    void onMid(String symbol, long mid, long nowNanos) {
        try {
            strategy.onMid(symbol, mid, nowNanos);
        } catch (RuntimeException e) {
            failed("onMid " + symbol, e);
        }
    }

    /** The strategy decides on a news tick; an order it asks for is checked, then sent. */
    void onNews(NewsTick news) {
        Decision decision;
        try {
            decision = strategy.onNews(news, this);
        } catch (RuntimeException e) {
            failed("onNews seq " + news.seq() + " " + news.symbol(), e);
            decision = Decision.hold("FAILED: " + e);
        }
        if (decision == null) {
            decision = Decision.hold("NONE: the strategy returned no decision");
        }
        String signal = decision.signal();
        String clientOrderId = "";
        if (decision.trades()) {
            String refused = refusal(decision.order());
            if (refused != null) {
                signal = "SKIPPED (" + refused + "): " + signal;
            } else {
                Order order = send(decision.order(), news.ts());
                if (order == null) {
                    signal = "NOT_SENT (the order client is not accepting orders): " + signal;
                } else {
                    clientOrderId = order.clientOrderId();
                }
            }
        }
        lastSignal = new StrategyView.SignalView(news.symbol(), news.seq(), news.ts(), news.sentiment(), signal,
            clientOrderId);
        publish();
    }

    /**
     * Why the engine will not send an order the strategy asked for, or null: a symbol it does
     * not trade, an order for the symbol already in flight, a slot that is not FRESH now.
     */
    private String refusal(OrderIntent intent) {
        Integer index = indexBySymbol.get(intent.symbol());
        if (index == null) {
            return "NOT_ITS_SYMBOL: " + intent.symbol();
        }
        if (pending[index]) {
            return "ORDER_PENDING";
        }
        if (halt.holds(clock.epochNanos())) {
            return HaltBackoff.TRADING_HALTED;
        }
        SlotStatus status = priceStatus(intent.symbol());
        return status == SlotStatus.FRESH ? null : "PRICE_" + status;
    }

    private Order send(OrderIntent intent, long originTs) {
        Order order = new Order(ids.next(), id, intent.symbol(), intent.side(), intent.quantity(), intent.limitPrice(),
            originTs);
        if (!orders.submit(order)) {
            log.warn("Strategy {}: order {} not sent: the order client is not accepting orders", id, order.clientOrderId());
            return null;
        }
        pending[indexBySymbol.get(intent.symbol())] = true;
        inFlight++;
        sent++;
        sentCounter.increment();
        lastOrder = StrategyView.OrderView.inFlight(order);
        return order;
    }

    /** An order ended: the position follows a FILL, and nothing else. */
    void onOutcome(OrderOutcome outcome) {
        Order order = outcome.order();
        Integer index = indexBySymbol.get(order.symbol());
        if (index == null) {
            throw new IllegalStateException("outcome of " + order.clientOrderId() + " for " + order.symbol()
                + ", which strategy " + id + " does not trade");
        }
        Execution execution = outcome.execution();
        if (outcome.reconciled()) {
            onReconciled(outcome, index);
            return;
        }
        if (pending[index]) {
            pending[index] = false;
            inFlight--;
        }
        if (execution != null && !HaltBackoff.TRADING_HALTED.equals(execution.reason()) && halt.isHalted()) {
            halt.running();
            log.info("Strategy {}: the order manager decides orders again (order {} {}); new orders go as the strategy"
                + " asks", id, order.clientOrderId(), execution.status());
        }
        if (outcome.isFilled()) {
            positions[index] += order.side().sign() * execution.filledQuantity();
            filled++;
            filledCounter.increment();
        } else if (outcome.isRejected()) {
            rejected++;
            rejectedCounter.increment();
            if (HaltBackoff.TRADING_HALTED.equals(execution.reason())) {
                onHalted(order);
            } else {
                log.info("Strategy {}: order {} ({} {} {}) rejected: {}", id, order.clientOrderId(), order.side(),
                    order.quantity(), order.symbol(), execution.reason());
            }
        } else {
            expired++;
            expiredCounter.increment();
        }
        lastOrder = StrategyView.OrderView.of(outcome);
        publish();
    }

    /** The order manager's operator halted trading: hold new orders, and say so once per halt. */
    private void onHalted(Order order) {
        boolean first = !halt.isHalted();
        Duration wait = halt.halted(clock.epochNanos());
        if (first) {
            log.warn("Strategy {}: order {} REJECTED TRADING_HALTED: the order manager's operator halted trading; new"
                + " orders are held, one tried after {} ms and the wait doubling up to {} s while the halt lasts", id,
                order.clientOrderId(), wait.toMillis(), HaltBackoff.LONGEST_WAIT.toSeconds());
        } else {
            log.debug("Strategy {}: order {} REJECTED TRADING_HALTED again; next one after {} ms", id,
                order.clientOrderId(), wait.toMillis());
        }
    }

    /**
     * An order counted as expired is settled by its cancel: when the order manager had decided it,
     * its execution counts now, and a fill moves the position as any fill does; when the cancel
     * came first (CANCELLED) it stays expired: it never filled.
     */
    private void onReconciled(OrderOutcome outcome, int index) {
        Execution execution = outcome.execution();
        if (outcome.isCancelled()) {
            lastOrder = StrategyView.OrderView.of(outcome);
            publish();
            return;
        }
        expired--;
        if (outcome.isFilled()) {
            positions[index] += outcome.order().side().sign() * execution.filledQuantity();
            filled++;
            filledCounter.increment();
        } else {
            rejected++;
            rejectedCounter.increment();
        }
        lastOrder = StrategyView.OrderView.of(outcome);
        publish();
    }

    private void failed(String where, RuntimeException e) {
        errors.increment();
        if (failuresLogged.add(e.getClass())) {
            log.error("Strategy {} failed in {}; the tick is skipped and the strategy keeps running", id, where, e);
        } else {
            log.debug("Strategy {} failed in {}: {}", id, where, e.toString());
        }
    }

    private void publish() {
        Map<String, Long> positionsBySymbol = new LinkedHashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            positionsBySymbol.put(symbols.get(i), positions[i]);
        }
        view = new StrategyView(id, type, symbols, Collections.unmodifiableMap(positionsBySymbol),
            new StrategyView.OrderCounts(sent, filled, rejected, expired, inFlight), lastSignal, lastOrder);
    }

    /** The last published state; any thread. */
    StrategyView view() {
        return view;
    }

    private double publishedPosition(String symbol) {
        Long position = view.positions().get(symbol);
        return position == null ? 0 : position;
    }

    // ---- StrategyContext, engine thread ----

    @Override
    public long position(String symbol) {
        Integer index = indexBySymbol.get(symbol);
        return index == null ? 0 : positions[index];
    }

    @Override
    public boolean orderPending(String symbol) {
        Integer index = indexBySymbol.get(symbol);
        return index != null && pending[index];
    }

    @Override
    public long freshMid(String symbol) {
        int index = sampler.indexOf(symbol);
        if (index < 0 || sampler.readNow(index) != SlotStatus.FRESH) {
            return NO_PRICE;
        }
        return sampler.lastReadMid();
    }

    @Override
    public SlotStatus priceStatus(String symbol) {
        int index = sampler.indexOf(symbol);
        return index < 0 ? SlotStatus.UNAVAILABLE : sampler.readNow(index);
    }

    @Override
    public long nowNanos() {
        return clock.epochNanos();
    }

    @Override
    public String toString() {
        return "StrategyRuntime{id=" + id + ", type=" + type + '}';
    }
}
