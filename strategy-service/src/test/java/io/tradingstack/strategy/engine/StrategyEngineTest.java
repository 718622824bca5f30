package io.tradingstack.strategy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.Execution;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Prices;
import io.tradingstack.protocol.Side;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.strategy.order.DropCopy;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.signal.Decision;
import io.tradingstack.strategy.signal.MovingAverageSentimentStrategy;
import io.tradingstack.strategy.signal.OrderIntent;
import io.tradingstack.strategy.signal.Strategies;
import io.tradingstack.strategy.signal.Strategy;
import io.tradingstack.strategy.signal.StrategyContext;
import io.tradingstack.strategy.signal.StrategyDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine driven from the test thread, as its loop drives it: samples of a real price book
 * written here, news ticks and order outcomes, with a clock the test moves.
 */
class StrategyEngineTest {

    private static final long MILLI = 1_000_000L;
    private static final long NEWS_TS = 1_750_000_000_123_456_789L;

    @TempDir
    Path directory;

    private final AtomicLong now = new AtomicLong(1_750_000_000_000_000_000L);
    private final List<Order> sent = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PriceBookWriter writer;
    private BookSampler sampler;
    private final Map<String, Long> mids = new java.util.HashMap<>();
    private long seq;

    @BeforeEach
    void openBook() {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.register("AAPL");
        writer.register("MSFT");
        sampler = new BookSampler(new PriceBookReaderProperties(path, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)),
            List.of("AAPL", "MSFT"), now::get);
    }

    @AfterEach
    void closeBook() {
        writer.close();
    }

    @Test
    void shouldSendTheOrderTheStrategyDecidesOnWithTheNewsTsAsOriginTs() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50));
        trend(engine, "AAPL", +1);

        engine.onNews(news("AAPL", 80));

        assertThat(sent).hasSize(1);
        Order order = sent.get(0);
        assertThat(order.clientOrderId()).startsWith("momentum-1-");
        assertThat(order.strategyId()).isEqualTo("momentum-1");
        assertThat(order.symbol()).isEqualTo("AAPL");
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.quantity()).isEqualTo(100);
        assertThat(order.hasLimitPrice()).isFalse();
        assertThat(order.originTs()).isEqualTo(NEWS_TS + seq);
        StrategyView view = engine.view("momentum-1");
        assertThat(view.positions()).containsEntry("AAPL", 0L);
        assertThat(view.orders()).isEqualTo(new StrategyView.OrderCounts(1, 0, 0, 0, 1));
        assertThat(view.lastSignal().clientOrderId()).isEqualTo(order.clientOrderId());
        assertThat(view.lastSignal().signal()).startsWith("BUY 100");
        assertThat(view.lastOrder().status()).isEqualTo("IN_FLIGHT");
    }

    @Test
    void shouldMoveThePositionWithFilledExecutionsOnly() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50));
        trend(engine, "AAPL", +1);

        engine.onNews(news("AAPL", 80));
        engine.onOutcome(rejected(sent.get(0), "POSITION_LIMIT"));
        assertThat(engine.view("momentum-1").positions()).containsEntry("AAPL", 0L);

        engine.onNews(news("AAPL", 80));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).clientOrderId()).as("a rejection is final: a new id").isNotEqualTo(sent.get(0).clientOrderId());
        engine.onOutcome(new OrderOutcome(sent.get(1), null, 5, "no execution within 2000 ms"));
        assertThat(engine.view("momentum-1").positions()).containsEntry("AAPL", 0L);

        engine.onNews(news("AAPL", 80));
        engine.onOutcome(filled(sent.get(2), "190.27"));
        StrategyView view = engine.view("momentum-1");
        assertThat(view.positions()).containsEntry("AAPL", 100L);
        assertThat(view.orders()).isEqualTo(new StrategyView.OrderCounts(3, 1, 1, 1, 0));
        assertThat(view.lastOrder().status()).isEqualTo("FILLED");
        assertThat(view.lastOrder().price()).isEqualByComparingTo("190.27");

        engine.onNews(news("AAPL", 90));
        assertThat(sent).as("the same signal does not repeat an order").hasSize(3);
        assertThat(engine.view("momentum-1").lastSignal().signal()).startsWith("AT_TARGET");

        trend(engine, "AAPL", -1);
        engine.onNews(news("AAPL", 10));
        assertThat(sent.get(3).side()).isEqualTo(Side.SELL);
        assertThat(sent.get(3).quantity()).isEqualTo(200);
        engine.onOutcome(filled(sent.get(3), "189.00"));
        assertThat(engine.view("momentum-1").positions()).containsEntry("AAPL", -100L);
        assertThat(registry.get("trading.strategy.orders").tag("status", "filled").counter().count()).isEqualTo(2);
        assertThat(registry.get("trading.strategy.position").tag("symbol", "AAPL").gauge().value()).isEqualTo(-100);
    }

    @Test
    void shouldNotSendASecondOrderForASymbolWhileOneIsInFlight() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50), new AlwaysBuy("eager-1", List.of("AAPL")));
        trend(engine, "AAPL", +1);

        engine.onNews(news("AAPL", 80));
        engine.onNews(news("AAPL", 80));

        assertThat(sent).extracting(Order::strategyId).containsExactly("momentum-1", "eager-1");
        assertThat(engine.view("momentum-1").lastSignal().signal()).startsWith("ORDER_PENDING");
        assertThat(engine.view("eager-1").lastSignal().signal()).as("the engine holds back what the strategy asked for")
            .startsWith("SKIPPED (ORDER_PENDING): always");

        engine.onOutcome(filled(sent.get(1), "190"));
        engine.onNews(news("AAPL", 80));
        assertThat(sent).extracting(Order::strategyId).containsExactly("momentum-1", "eager-1", "eager-1");
    }

    @Test
    void shouldNotSendOnAStaleOrEmptySlot() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50), new AlwaysBuy("eager-1", List.of("AAPL", "MSFT")));
        trend(engine, "AAPL", +1);
        now.addAndGet(2_000 * MILLI);
        engine.sample();

        engine.onNews(news("AAPL", 80));

        assertThat(sent).isEmpty();
        assertThat(engine.view("momentum-1").lastSignal().signal()).isEqualTo("NO_FRESH_PRICE: AAPL slot is STALE");
        assertThat(engine.view("eager-1").lastSignal().signal()).startsWith("SKIPPED (PRICE_STALE)");

        engine.onNews(news("MSFT", 80));
        assertThat(sent).as("MSFT was never written: EMPTY").isEmpty();
        assertThat(engine.view("eager-1").lastSignal().signal()).startsWith("SKIPPED (PRICE_EMPTY)");
    }

    @Test
    void shouldRunStrategiesSideBySideWithTheirOwnIdsAndPositions() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50), reference("momentum-2", 10, 70));
        trend(engine, "AAPL", +1);

        engine.onNews(news("AAPL", 60));
        assertThat(sent).extracting(Order::strategyId).as("60 is bullish for one, bearish for the other")
            .containsExactly("momentum-1");
        engine.onNews(news("AAPL", 80));

        assertThat(sent).extracting(Order::strategyId).containsExactly("momentum-1", "momentum-2");
        assertThat(sent.get(1).clientOrderId()).startsWith("momentum-2-");
        assertThat(sent.get(1).quantity()).isEqualTo(10);
        engine.onOutcome(filled(sent.get(1), "190"));
        engine.onOutcome(filled(sent.get(0), "190"));
        assertThat(engine.views()).extracting(view -> view.positions().get("AAPL")).containsExactly(100L, 10L);
    }

    @Test
    void shouldKeepAnExpiredOrderExpiredAndThePositionUnchangedWhenItsCancelCameFirst() {
        StrategyEngine engine = engine(reference("momentum-1", 100, 50));
        trend(engine, "AAPL", +1);
        engine.onNews(news("AAPL", 80));
        Order order = sent.get(0);
        engine.onOutcome(new OrderOutcome(order, null, 2, "no execution within 2000 ms"));

        engine.onOutcome(new OrderOutcome(order,
            Execution.rejected(order.clientOrderId(), 8, OrderOutcome.CANCELLED, 3), 2, "", true));

        StrategyView view = engine.view("momentum-1");
        assertThat(view.positions()).containsEntry("AAPL", 0L);
        assertThat(view.orders()).as("never filled: still expired").isEqualTo(new StrategyView.OrderCounts(1, 0, 0, 1, 0));
    }

    @Test
    void shouldFollowAFillFoundAfterTheOrderExpiredAndWriteEveryOutcomeToTheDropCopy() throws Exception {
        Path file = directory.resolve("drop-copy.csv");
        StrategyEngine engine;
        try (DropCopy dropCopy = DropCopy.open(file.toString())) {
            engine = engineWith(dropCopy, reference("momentum-1", 100, 50));
            trend(engine, "AAPL", +1);
            engine.onNews(news("AAPL", 80));
            Order order = sent.get(0);
            OrderOutcome expired = new OrderOutcome(order, null, 3, "no execution within 2000 ms");
            engine.onOutcome(expired);
            assertThat(engine.view("momentum-1").positions()).containsEntry("AAPL", 0L);
            assertThat(engine.view("momentum-1").orders()).isEqualTo(new StrategyView.OrderCounts(1, 0, 0, 1, 0));

            engine.onOutcome(new OrderOutcome(order,
                Execution.filled(order.clientOrderId(), 7, order.quantity(), Prices.parse("190.10"), 2), 3, "", true));

            StrategyView view = engine.view("momentum-1");
            assertThat(view.positions()).containsEntry("AAPL", 100L);
            assertThat(view.orders()).as("the expiry is undone: sent = filled + rejected + expired + in flight")
                .isEqualTo(new StrategyView.OrderCounts(1, 1, 0, 0, 0));
            assertThat(registry.get("trading.strategy.orders").tag("status", "filled").counter().count()).isEqualTo(1);
        }
        assertThat(Files.readAllLines(file)).containsExactly(DropCopy.HEADER,
            sent.get(0).clientOrderId() + ",momentum-1,AAPL,BUY,100,EXPIRED,,,,,3,false",
            sent.get(0).clientOrderId() + ",momentum-1,AAPL,BUY,100,FILLED,7,100,190.1,,3,true");
    }

    @Test
    void shouldHoldNewOrdersWhileTheOrderManagerIsHaltedTryingOneAfterAWaitThatDoubles() {
        StrategyEngine engine = engine(new AlwaysBuy("buyer-1", List.of("AAPL")));
        freshPrice(engine, "AAPL");

        engine.onNews(news("AAPL", 80));
        engine.onOutcome(rejected(sent.get(0), "TRADING_HALTED"));
        engine.onNews(news("AAPL", 80));
        assertThat(sent).as("held: the halt was just answered").hasSize(1);
        assertThat(engine.view("buyer-1").lastSignal().signal()).startsWith("SKIPPED (TRADING_HALTED)");

        now.addAndGet(HaltBackoff.FIRST_WAIT.toNanos() - MILLI);
        freshPrice(engine, "AAPL");
        engine.onNews(news("AAPL", 80));
        assertThat(sent).as("still within the first wait").hasSize(1);

        now.addAndGet(2 * MILLI);
        freshPrice(engine, "AAPL");
        engine.onNews(news("AAPL", 80));
        assertThat(sent).as("one order tried after the first wait").hasSize(2);
        engine.onOutcome(rejected(sent.get(1), "TRADING_HALTED"));

        now.addAndGet(HaltBackoff.FIRST_WAIT.toNanos() + MILLI);
        freshPrice(engine, "AAPL");
        engine.onNews(news("AAPL", 80));
        assertThat(sent).as("the second wait is twice the first").hasSize(2);
        now.addAndGet(HaltBackoff.FIRST_WAIT.toNanos());
        freshPrice(engine, "AAPL");
        engine.onNews(news("AAPL", 80));
        assertThat(sent).hasSize(3);

        engine.onOutcome(filled(sent.get(2), "190.02"));
        engine.onNews(news("AAPL", 80));
        assertThat(sent).as("released: orders go as the strategy asks").hasSize(4);
        assertThat(engine.view("buyer-1").orders().rejected()).isEqualTo(2);
    }

    @Test
    void shouldKeepRunningTheOthersWhenAStrategyThrows() {
        StrategyEngine engine = engine(new Throwing("broken-1"), reference("momentum-1", 100, 50));
        trend(engine, "AAPL", +1);

        engine.onNews(news("AAPL", 80));

        assertThat(sent).extracting(Order::strategyId).containsExactly("momentum-1");
        assertThat(engine.view("broken-1").lastSignal().signal()).startsWith("FAILED: java.lang.IllegalStateException");
        assertThat(registry.get("trading.strategy.errors").tag("strategy", "broken-1").counter().count()).isEqualTo(5);
    }

    private StrategyEngine engine(Strategy... strategies) {
        return engineWith(DropCopy.NONE, strategies);
    }

    private StrategyEngine engineWith(DropCopy dropCopy, Strategy... strategies) {
        List<StrategyDefinition> definitions = new ArrayList<>();
        for (Strategy strategy : strategies) {
            definitions.add(new StrategyDefinition(strategy.id(), strategy.getClass().getSimpleName(), strategy.symbols(), 2, 4,
                50, 100, "", Map.of()));
        }
        return new StrategyEngine(new Strategies(List.of(strategies), definitions), sampler, sent::add, now::get, registry,
            dropCopy);
    }

    private static MovingAverageSentimentStrategy reference(String id, long orderSize, int threshold) {
        return new MovingAverageSentimentStrategy(new StrategyDefinition(id, MovingAverageSentimentStrategy.TYPE,
            List.of("AAPL", "MSFT"), 2, 4, threshold, orderSize, "", Map.of()));
    }

    /** Four samples of a mid one cent higher (+1) or lower (-1) each, 10 ms apart. */
    private void trend(StrategyEngine engine, String symbol, int direction) {
        for (int i = 0; i < 4; i++) {
            now.addAndGet(10 * MILLI);
            long bid = mids.merge(symbol, Prices.parse("190") + direction * Prices.parse("0.01"),
                (old, ignored) -> old + direction * Prices.parse("0.01"));
            writer.update(writer.slotOf(symbol), bid, bid + Prices.parse("0.02"), ++seq, now.get());
            engine.sample();
        }
    }

    /** A price written now, so that the slot is FRESH. */
    private void freshPrice(StrategyEngine engine, String symbol) {
        writer.update(writer.slotOf(symbol), Prices.parse("190"), Prices.parse("190.02"), ++seq, now.get());
        engine.sample();
    }

    private NewsTick news(String symbol, int sentiment) {
        seq++;
        return new NewsTick(3, seq, symbol, sentiment, "headline", NEWS_TS + seq);
    }

    private static OrderOutcome filled(Order order, String price) {
        return new OrderOutcome(order, Execution.filled(order.clientOrderId(), 1, order.quantity(), Prices.parse(price), 1), 1, "");
    }

    private static OrderOutcome rejected(Order order, String reason) {
        return new OrderOutcome(order, Execution.rejected(order.clientOrderId(), 1, reason, 1), 1, "");
    }

    /** A strategy that asks for a buy on every news tick, whatever its position or the book says. */
    private record AlwaysBuy(String id, List<String> symbols) implements Strategy {

        @Override
        public void onMid(String symbol, long mid, long nowNanos) {
        }

        @Override
        public Decision onNews(NewsTick news, StrategyContext context) {
            return Decision.trade("always", OrderIntent.market(news.symbol(), Side.BUY, 1));
        }
    }

    /** A strategy with a bug. */
    private record Throwing(String id) implements Strategy {

        @Override
        public List<String> symbols() {
            return List.of("AAPL");
        }

        @Override
        public void onMid(String symbol, long mid, long nowNanos) {
            throw new IllegalStateException("bug in onMid");
        }

        @Override
        public Decision onNews(NewsTick news, StrategyContext context) {
            throw new IllegalStateException("bug in onNews");
        }
    }
}
