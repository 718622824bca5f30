package io.tradingstack.strategy.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradingstack.clock.EpochNanoClock;
import io.tradingstack.pricebook.SlotStatus;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.strategy.market.SampledSymbol;
import io.tradingstack.strategy.order.ClientOrderIds;
import io.tradingstack.strategy.order.DropCopy;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.order.OrderRouter;
import io.tradingstack.strategy.signal.Strategies;
import io.tradingstack.strategy.signal.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the strategies, all on the one engine thread: hands them the sampled mids and the news
 * on their symbols, sends the orders they decide on and moves their positions with the fills.
 * Nothing here is locked; {@link StrategyEngineLoop} is the thread, and a test drives the same
 * methods from its own thread.
 *
 * <p>Per sample, one clock read for all symbols, one volatile read per symbol and one
 * {@link Strategy#onMid} call per strategy and FRESH symbol; nothing is allocated.
 */
public final class StrategyEngine {

    private final StrategyRuntime[] runtimes;
    private final Map<String, StrategyRuntime> byId = new LinkedHashMap<>();
    private final Map<String, StrategyRuntime[]> newsSubscribers = new HashMap<>();
    /** By sampler index: the strategies that trade that symbol. */
    private final StrategyRuntime[][] midSubscribers;
    private final BookSampler sampler;
    private final DropCopy dropCopy;

    public StrategyEngine(Strategies strategies, BookSampler sampler, OrderRouter orders, EpochNanoClock clock,
            MeterRegistry registry) {
        this(strategies, sampler, orders, clock, registry, DropCopy.NONE);
    }

    /** @param dropCopy where every order outcome is appended as the strategy saw it */
    public StrategyEngine(Strategies strategies, BookSampler sampler, OrderRouter orders, EpochNanoClock clock,
            MeterRegistry registry, DropCopy dropCopy) {
        this.sampler = sampler;
        this.dropCopy = dropCopy;
        this.runtimes = new StrategyRuntime[strategies.size()];
        for (int i = 0; i < runtimes.length; i++) {
            Strategy strategy = strategies.strategies().get(i);
            runtimes[i] = new StrategyRuntime(strategy, strategies.definitions().get(i).type(),
                new ClientOrderIds(strategy.id()), sampler, orders, clock, registry);
            if (byId.put(strategy.id(), runtimes[i]) != null) {
                throw new IllegalArgumentException("two strategies with id " + strategy.id());
            }
        }
        Map<String, List<StrategyRuntime>> bySymbol = new HashMap<>();
        for (StrategyRuntime runtime : runtimes) {
            for (String symbol : runtime.symbols()) {
                if (sampler.indexOf(symbol) < 0) {
                    throw new IllegalArgumentException("strategy " + runtime.id() + " trades " + symbol
                        + ", which the book sampler does not sample");
                }
                bySymbol.computeIfAbsent(symbol, s -> new ArrayList<>()).add(runtime);
            }
        }
        bySymbol.forEach((symbol, list) -> newsSubscribers.put(symbol, list.toArray(StrategyRuntime[]::new)));
        this.midSubscribers = new StrategyRuntime[sampler.symbolCount()][];
        for (int i = 0; i < midSubscribers.length; i++) {
            midSubscribers[i] = newsSubscribers.getOrDefault(sampler.symbol(i), new StrategyRuntime[0]);
        }
    }

    /** One item from the {@link EngineInbox}. */
    public void handle(Object item) {
        if (item instanceof NewsTick news) {
            onNews(news);
        } else if (item instanceof OrderOutcome outcome) {
            onOutcome(outcome);
        } else {
            throw new IllegalArgumentException("unexpected engine item " + item);
        }
    }

    /** A news tick: every strategy that trades its symbol decides. */
    public void onNews(NewsTick news) {
        StrategyRuntime[] subscribers = newsSubscribers.get(news.symbol());
        if (subscribers == null) {
            return;
        }
        for (StrategyRuntime runtime : subscribers) {
            runtime.onNews(news);
        }
    }

    /** An order ended: its strategy's position follows a fill. */
    public void onOutcome(OrderOutcome outcome) {
        StrategyRuntime runtime = byId.get(outcome.order().strategyId());
        if (runtime == null) {
            throw new IllegalStateException("outcome of " + outcome.order().clientOrderId() + " for unknown strategy "
                + outcome.order().strategyId());
        }
        runtime.onOutcome(outcome);
        dropCopy.record(outcome);
    }

    /**
     * Samples every symbol's mid with one clock read and hands the FRESH ones to their strategies.
     *
     * @return the number of FRESH symbols
     */
    public int sample() {
        final long now = sampler.sample();
        int fresh = 0;
        for (int i = 0; i < midSubscribers.length; i++) {
            SampledSymbol sampled = sampler.sampled(i);
            if (sampled.status() != SlotStatus.FRESH) {
                continue;
            }
            fresh++;
            final long mid = sampled.mid();
            final String symbol = sampled.symbol();
            for (StrategyRuntime runtime : midSubscribers[i]) {
                runtime.onMid(symbol, mid, now);
            }
        }
        return fresh;
    }

    /** Every strategy's last published state, in configured order; any thread. */
    public List<StrategyView> views() {
        List<StrategyView> views = new ArrayList<>(runtimes.length);
        for (StrategyRuntime runtime : runtimes) {
            views.add(runtime.view());
        }
        return views;
    }

    /** One strategy's last published state, or null; any thread. */
    public StrategyView view(String strategyId) {
        StrategyRuntime runtime = byId.get(strategyId);
        return runtime == null ? null : runtime.view();
    }
}
