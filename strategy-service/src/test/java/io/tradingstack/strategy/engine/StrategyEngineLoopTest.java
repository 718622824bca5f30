package io.tradingstack.strategy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradingstack.agent.PeriodicSchedule;
import io.tradingstack.pricebook.PriceBookReaderProperties;
import io.tradingstack.pricebook.PriceBookWriter;
import io.tradingstack.protocol.NewsTick;
import io.tradingstack.protocol.Order;
import io.tradingstack.protocol.Side;
import io.tradingstack.protocol.Prices;
import io.tradingstack.strategy.market.BookSampler;
import io.tradingstack.strategy.order.DropCopy;
import io.tradingstack.strategy.order.OrderOutcome;
import io.tradingstack.strategy.signal.Decision;
import io.tradingstack.strategy.signal.Strategies;
import io.tradingstack.strategy.signal.Strategy;
import io.tradingstack.strategy.signal.StrategyContext;
import io.tradingstack.strategy.signal.StrategyDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine agent's cycles driven from the test thread, on a clock the test moves. */
class StrategyEngineLoopTest {

    private static final long MILLI = 1_000_000L;

    @TempDir
    Path directory;

    /** Both the book's clock and the sampling schedule's: the test moves it. */
    private final AtomicLong now = new AtomicLong(System.nanoTime());
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    /** When set, the recording strategy waits for it inside {@code onNews}: the engine is then busy. */
    private volatile Gate gate;
    private final EngineInbox inbox = new EngineInbox(EngineInbox.DEFAULT_CAPACITY);
    private PriceBookWriter writer;
    private StrategyEngineLoop loop;

    @BeforeEach
    void startEngine() {
        Path path = directory.resolve("pricebook.dat");
        writer = PriceBookWriter.open(path, 16, now::get);
        writer.update(writer.register("AAPL"), Prices.parse("100.00"), Prices.parse("100.02"), 1, now.get());
        BookSampler sampler = new BookSampler(new PriceBookReaderProperties(path, Duration.ofDays(1), 100,
            Duration.ofSeconds(1)), List.of("AAPL"), now::get);
        Recording recording = new Recording("recording-1", List.of("AAPL"), seen, () -> gate);
        StrategyEngine engine = new StrategyEngine(new Strategies(List.of(recording), List.of(new StrategyDefinition(
            recording.id(), "Recording", recording.symbols(), 2, 4, 50, 100, "", Map.of()))), sampler, order -> true,
            now::get, new SimpleMeterRegistry(), DropCopy.NONE);
        // An hour between samples: a park that a hand-over failed to end would outlast the test's timeout.
        loop = new StrategyEngineLoop(engine, inbox, PeriodicSchedule.every(Duration.ofHours(1), true, now::get),
            errors::add);
    }

    @AfterEach
    void closeBook() {
        writer.close();
    }

    @Test
    void shouldSampleAtOnceThenOncePerIntervalAndHandleItemsAsTheyCome() {
        assertThat(loop.doWork()).isEqualTo(1);
        assertThat(seen).containsExactly("mid 100.01");

        assertThat(loop.doWork()).as("nothing queued, no sample due").isZero();

        inbox.offerNews(news(1));
        inbox.offerNews(news(2));
        assertThat(loop.doWork()).isEqualTo(2);
        assertThat(seen).containsExactly("mid 100.01", "news 1", "news 2");

        now.addAndGet(3_600_000 * MILLI);
        assertThat(loop.doWork()).isEqualTo(1);
        assertThat(seen).containsExactly("mid 100.01", "news 1", "news 2", "mid 100.01");
    }

    @Test
    void shouldHandleABoundedNumberOfItemsPerCycle() {
        loop.doWork();
        int queued = StrategyEngineLoop.MAX_ITEMS_PER_CYCLE + 10;
        for (int i = 1; i <= queued; i++) {
            assertThat(inbox.offerNews(news(i))).isTrue();
        }

        assertThat(loop.doWork()).isEqualTo(StrategyEngineLoop.MAX_ITEMS_PER_CYCLE);
        assertThat(inbox.size()).isEqualTo(10);
        assertThat(loop.doWork()).isEqualTo(10);
        assertThat(seen).last().isEqualTo("news " + queued);
    }

    @Test
    @Timeout(30)
    void shouldNotParkWhenAnItemWasHandedOverSinceTheLastCycle() {
        loop.doWork(); // the first sample; the next is an hour away

        inbox.offerNews(news(1));
        loop.idleStrategy().idle(0); // returns at once: the hand-over woke it

        assertThat(loop.doWork()).isEqualTo(1);
        assertThat(seen).containsExactly("mid 100.01", "news 1");
    }

    @Test
    void shouldDecideOnTheCallingThreadWhenTheEngineIsFreeAfterWhatTheInboxHolds() {
        loop.doWork();
        inbox.offerNews(news(1)); // handed over earlier: must not be overtaken

        assertThat(loop.decideNow(news(2))).isTrue();

        assertThat(seen).containsExactly("mid 100.01", "news 1", "news 2");
        assertThat(inbox.size()).isZero();
        assertThat(loop.doWork()).as("nothing left for the engine thread").isZero();
    }

    @Test
    @Timeout(60)
    void shouldLeaveATickToTheInboxWhileTheEngineIsBusyOnAnotherThread() throws Exception {
        loop.doWork();
        Gate held = new Gate();
        Thread engineThread = engineBusyInsideNews1(held);

        assertThat(loop.decideNow(news(2))).as("busy: the caller queues it").isFalse();
        assertThat(seen).doesNotContain("news 2");

        release(held, engineThread);
        inbox.offerNews(news(2));
        assertThat(loop.doWork()).isEqualTo(1);
        assertThat(seen).containsExactly("mid 100.01", "news 1", "news 2");
    }

    @Test
    void shouldHandleAnOutcomeOnTheOrderClientsThreadWhenTheEngineIsFree() throws Exception {
        loop.doWork();
        inbox.offerNews(news(1)); // handed over earlier: must not be overtaken

        inbox.onOutcome(expired("recording-1-1"));

        assertThat(seen).containsExactly("mid 100.01", "news 1");
        assertThat(inbox.size()).as("handled here, nothing left for the engine thread").isZero();
        assertThat(errors).isEmpty();
        assertThat(loop.doWork()).isZero();
    }

    @Test
    @Timeout(60)
    void shouldQueueAnOutcomeWhileTheEngineIsBusyOnAnotherThread() throws Exception {
        loop.doWork();
        Gate held = new Gate();
        Thread engineThread = engineBusyInsideNews1(held);

        inbox.onOutcome(expired("recording-1-1"));
        assertThat(inbox.size()).as("busy: queued for the engine thread").isEqualTo(1);

        release(held, engineThread);
        assertThat(inbox.size()).as("the engine thread took it in the same cycle").isZero();
        assertThat(errors).isEmpty();
    }

    @Test
    void shouldCountAFailureOnTheCallingThreadAndGoOnWithTheTick() throws Exception {
        loop.doWork();
        Order stranger = new Order("stranger-1", "no-such-strategy", "AAPL", Side.BUY, 1, Prices.NONE, 0);
        inbox.onOutcome(new OrderOutcome(stranger, null, 1, "no execution within 2000 ms"));

        assertThat(loop.decideNow(news(3))).isTrue();

        assertThat(errors).singleElement()
            .satisfies(e -> assertThat(e).hasMessageContaining("unknown strategy no-such-strategy"));
        assertThat(seen).containsExactly("mid 100.01", "news 3");
    }

    /** Starts an engine thread that handles news 1 and stays inside it until {@link #release}. */
    private Thread engineBusyInsideNews1(Gate held) throws InterruptedException {
        gate = held;
        inbox.offerNews(news(1));
        Thread engineThread = new Thread(loop::doWork, "test-engine");
        engineThread.start();
        assertThat(held.entered.await(30, TimeUnit.SECONDS)).as("the engine thread is inside news 1").isTrue();
        return engineThread;
    }

    private void release(Gate held, Thread engineThread) throws InterruptedException {
        gate = null;
        held.release.countDown();
        engineThread.join();
    }

    /** An order of the recording strategy that expired unanswered: its outcome changes nothing but counts. */
    private static OrderOutcome expired(String clientOrderId) {
        return new OrderOutcome(new Order(clientOrderId, "recording-1", "AAPL", Side.BUY, 1, Prices.NONE, 0), null, 1,
            "no execution within 2000 ms");
    }

    private static NewsTick news(long seq) {
        return new NewsTick(1, seq, "AAPL", 80, "headline " + seq, seq);
    }

    /** Lets the test hold the engine inside {@code onNews}: it is then busy on that thread. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
    }

    /** Records in {@code seen} what the engine hands it, in order. */
    private record Recording(String id, List<String> symbols, List<String> seen, Supplier<Gate> gate)
            implements Strategy {

        @Override
        public void onMid(String symbol, long mid, long nowNanos) {
            seen.add("mid " + Prices.format(mid));
        }

        @Override
        public Decision onNews(NewsTick news, StrategyContext context) {
            Gate held = gate.get();
            if (held != null) {
                held.entered.countDown();
                try {
                    held.release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            seen.add("news " + news.seq());
            return Decision.hold("recorded");
        }
    }
}
